package io.memqa.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.memqa.text.AnswerNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerMetricsTest {
  /** Values of f1_score() and exact_match_score() in the official SQuAD v1.1 script. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "the cat sat      | cat sat on             | 0.8                | false",
        "Denver Broncos   | Broncos                | 0.6666666666666666 | false",
        "Broncos          | the Broncos!           | 1.0                | true",
        "cat cat dog      | cat dog dog            | 0.6666666666666666 | false",
        "Barack Obama     | President Barack Obama | 0.8                | false",
        "Carolina Panthers| Panthers, Carolina     | 1.0                | false",
        "1990             | 1990s                  | 0.0                | false",
        "the the          | the                    | 0.0                | true",
        "a                | the                    | 0.0                | true",
        "''               | ''                     | 0.0                | true",
        "Paris            | ''                     | 0.0                | false",
      })
  void officialValues(String prediction, String gold, double f1, boolean em) {
    assertThat(AnswerMetrics.f1(prediction, gold)).isCloseTo(f1, within(1e-12));
    assertThat(AnswerMetrics.exactMatch(prediction, gold)).isEqualTo(em);
  }

  @Test
  void maximumOverGoldAnswers() {
    List<String> golds = List.of("Denver Broncos", "the Broncos", "Broncos team");
    assertThat(AnswerMetrics.maxExactMatch("broncos", golds)).isEqualTo(1.0);
    assertThat(AnswerMetrics.maxExactMatch("Denver", golds)).isEqualTo(0.0);
    assertThat(AnswerMetrics.maxF1("Denver", golds)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(AnswerMetrics.maxF1("Broncos team players", golds)).isCloseTo(0.8, within(1e-12));
    assertThat(AnswerMetrics.maxF1("anything", List.of())).isEqualTo(0.0);
    assertThat(AnswerMetrics.maxExactMatch("anything", List.of())).isEqualTo(0.0);
  }

  @Test
  void regexMatchesTheWholePredictionIgnoringCase() {
    List<String> patterns = List.of("(George )?Washington", "[0-9]+ (miles|km)");
    assertThat(AnswerMetrics.regexMatch("george washington", patterns)).isTrue();
    assertThat(AnswerMetrics.regexMatch("  Washington ", patterns)).isTrue();
    assertThat(AnswerMetrics.regexMatch("12 KM", patterns)).isTrue();
    assertThat(AnswerMetrics.regexMatch("Washington DC", patterns)).isFalse();
    assertThat(AnswerMetrics.regexMatch("miles", patterns)).isFalse();
  }

  @Test
  void anInvalidPatternIsComparedLiterallyInRegexMatch() {
    assertThat(AnswerMetrics.regexMatch("C++ (language", List.of("c++ (language"))).isTrue();
    assertThat(AnswerMetrics.regexMatch("C", List.of("c++ (language"))).isFalse();
  }

  @Test
  void containsRegexFindsAnywhereAndIgnoresInvalidPatterns() {
    assertThat(AnswerMetrics.containsRegex("It is 12 km away.", List.of("[0-9]+ (miles|km)"))).isTrue();
    assertThat(AnswerMetrics.containsRegex("It is far.", List.of("[0-9]+ (miles|km)", "((("))).isFalse();
  }

  @Test
  void containsAnswerOnlyAtTokenBoundaries() {
    String[] passage = AnswerNormalizer.normalizedTokens("In the 1990s, the U.S. team won 3 titles in Paris, France.");
    assertThat(AnswerMetrics.containsAnswer(passage, List.of("1990"))).isFalse();
    assertThat(AnswerMetrics.containsAnswer(passage, List.of("1990s"))).isTrue();
    assertThat(AnswerMetrics.containsAnswer(passage, List.of("Paris"))).isTrue();
    assertThat(AnswerMetrics.containsAnswer(passage, List.of("aris"))).isFalse();
    assertThat(AnswerMetrics.containsAnswer(passage, List.of("US team"))).isTrue();
    assertThat(AnswerMetrics.containsAnswer(passage, List.of("Paris France"))).isTrue();
    assertThat(AnswerMetrics.containsAnswer(passage, List.of("France Paris"))).isFalse();
    assertThat(AnswerMetrics.containsAnswer(passage, List.of("London", "3 titles"))).isTrue();
  }

  @Test
  void anAnswerThatNormalisesToNothingIsNeverContained() {
    String[] passage = AnswerNormalizer.normalizedTokens("the a an");
    assertThat(AnswerMetrics.containsAnswer(passage, List.of("The", "!"))).isFalse();
    assertThat(AnswerMetrics.containsAnswer(new String[0], List.of("x"))).isFalse();
  }

  @Test
  void indexOfFindsTheFirstOccurrence() {
    String[] hay = {"a", "b", "a", "b", "c"};
    assertThat(AnswerMetrics.indexOf(hay, new String[] {"a", "b", "c"})).isEqualTo(2);
    assertThat(AnswerMetrics.indexOf(hay, new String[] {"b", "c", "d"})).isEqualTo(-1);
    assertThat(AnswerMetrics.indexOf(new String[] {"a"}, new String[] {"a", "b"})).isEqualTo(-1);
  }
}
