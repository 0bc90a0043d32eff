package io.memqa.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuestionCategoriesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Who wrote Hamlet?|who",
      "Whose army won?|who",
      "When did the war end?|when",
      "Where is the Louvre?|where",
      "What is the capital of Peru?|what",
      "In what year was Chopin born?|what",
      "Which NFL team won Super Bowl 50?|what",
      "Name the largest moon of Saturn.|what",
      "How many legs does a spider have?|how many",
      "How much did it cost?|other",
      "Why did Rome fall?|other",
      "The capital of Peru is?|other"})
  void typeIsTheFirstWhWord(String question, String type) {
    assertThat(QuestionCategories.type(question)).isEqualTo(type);
    assertThat(QuestionCategories.TYPES).contains(type);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Denver|1", "Denver Broncos|2", "the Denver Broncos|3", "a b c d|4-5", "a b c d e|4-5",
      "one two three four five six|6+", "'  spaced   out  '|2", "''|1"})
  void lengthIsTheFirstReferencesWordCount(String answer, String bucket) {
    assertThat(QuestionCategories.answerLength(List.of(answer, "ignored other reference words"), false)).isEqualTo(bucket);
  }

  @ParameterizedTest
  @CsvSource({"true,regex", "false,1"})
  void regexAnswersHaveTheirOwnBucket(boolean regex, String bucket) {
    assertThat(QuestionCategories.answerLength(List.of("Shakespeare?"), regex)).isEqualTo(bucket);
  }
}
