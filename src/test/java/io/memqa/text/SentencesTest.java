package io.memqa.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {
  /** The sentences of {@code text} as exact substrings of it. */
  private static List<String> sentences(String text) {
    Tokens t = Tokenizer.tokenize(text);
    int[] ids = Sentences.sentenceIds(t);
    List<String> out = new ArrayList<>();
    int first = 0;
    for (int i = 1; i <= ids.length; i++) {
      if (i == ids.length || ids[i] != ids[first]) {
        assertThat(i == ids.length || ids[i] == ids[first] + 1).as("ids step by one").isTrue();
        out.add(t.span(first, i - 1));
        first = i;
      }
    }
    return out;
  }

  @Test
  void splitsAtTerminatorsBeforeACapitalOrDigit() {
    assertThat(sentences("It rained. Then it stopped! Did it? 42 people left."))
        .containsExactly("It rained.", "Then it stopped!", "Did it?", "42 people left.");
  }

  @Test
  void doesNotSplitWhenTheNextWordIsLowerCase() {
    assertThat(sentences("Version 2. it works. ok")).containsExactly("Version 2. it works. ok");
  }

  @Test
  void abbreviationsDoNotEndASentence() {
    assertThat(sentences("Mr. Smith met Dr. Jones at St. Paul's. They talked."))
        .containsExactly("Mr. Smith met Dr. Jones at St. Paul's.", "They talked.");
    assertThat(sentences("It opened in Jan. 1990 and closed in Sept. 1991."))
        .containsExactly("It opened in Jan. 1990 and closed in Sept. 1991.");
  }

  @Test
  void multiPartAbbreviationsDoNotEndASentence() {
    assertThat(sentences("Some cities, e.g. Paris, are old. Others, i.e. New York, are not."))
        .containsExactly("Some cities, e.g. Paris, are old.", "Others, i.e. New York, are not.");
  }

  @Test
  void initialsDoNotEndASentence() {
    assertThat(sentences("J. R. R. Tolkien wrote it. The U.S. Army read it."))
        .containsExactly("J. R. R. Tolkien wrote it.", "The U.S. Army read it.");
  }

  @Test
  void closingQuotesAndBracketsStayWithTheirSentence() {
    assertThat(sentences("He said \"Stop.\" Then he left (quickly.) \"Why?\" she asked."))
        .containsExactly("He said \"Stop.\"", "Then he left (quickly.)", "\"Why?\" she asked.");
  }

  @Test
  void aLastSentenceWithoutTerminatorAndEmptyText() {
    assertThat(sentences("One. Two")).containsExactly("One.", "Two");
    assertThat(Sentences.sentenceIds(Tokenizer.tokenize(""))).isEmpty();
  }
}
