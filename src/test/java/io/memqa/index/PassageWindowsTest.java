package io.memqa.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.corpus.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassageWindowsTest {
  // Sentences of 5, 4, 6 and 3 words (punctuation counts as a word).
  static final Passage P = new Passage("p", "Great_Barrier_Reef",
      "The reef is huge. It is alive. Coral grows very slowly here. Fish swim.", "d");

  @Test
  void windowsHoldWholeSentencesAfterTheTitleAndShareOneWithTheNext() {
    assertThat(PassageWindows.texts(P, 10)).containsExactly(
        "Great Barrier Reef\nThe reef is huge. It is alive.",
        "Great Barrier Reef\nIt is alive. Coral grows very slowly here.",
        "Great Barrier Reef\nCoral grows very slowly here. Fish swim.");
  }

  @Test
  void aWindowAsLongAsThePassageIsThePassageAndZeroMeansWhole() {
    assertThat(PassageWindows.texts(P, 60)).containsExactly("Great Barrier Reef\n" + P.text());
    assertThat(PassageWindows.texts(P, 0)).containsExactly("Great Barrier Reef\n" + P.text());
    assertThat(PassageVectors.text(P)).isEqualTo("Great Barrier Reef\n" + P.text());
    Passage untitled = new Passage("q", "", "Just one sentence here.", "d");
    assertThat(PassageWindows.texts(untitled, 3)).containsExactly("Just one sentence", "here.");
  }

  @Test
  void aSentenceLongerThanTheWindowIsCutIntoPiecesAndNothingIsLost() {
    Passage runOn = new Passage("r", "T", "a b c d e f g h i j k", "d");
    List<String> w = PassageWindows.texts(runOn, 4);
    assertThat(w).containsExactly("T\na b c d", "T\ne f g h", "T\ni j k");
    Passage punctuation = new Passage("e", "T", "...", "d");
    assertThat(PassageWindows.texts(punctuation, 4)).containsExactly("T\n...");
  }

  @Test
  void aNegativeWindowIsRefused() {
    assertThatThrownBy(() -> PassageWindows.texts(P, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got -1");
  }
}
