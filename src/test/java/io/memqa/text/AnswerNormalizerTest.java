package io.memqa.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AnswerNormalizerTest {
  /**
   * Inputs and what normalize_answer() of the official SQuAD v1.1 evaluation script (Python 3.11)
   * returns for them.
   */
  static Object[][] officialOutputs() {
    return new Object[][] {
      {"The Cat", "cat"},
      {"theater", "theater"},
      {"The theater", "theater"},
      {"an apple a day", "apple day"},
      {"AN", ""},
      {"Theory of the Anthem", "theory of anthem"},
      {"'the' band", "band"},
      {"A.B.C.", "abc"},
      {"Denver Broncos!", "denver broncos"},
      {"1,000", "1000"},
      {"3.5 million", "35 million"},
      {"$5.00", "500"},
      {"#1 hit", "1 hit"},
      {"U.S. Army", "us army"},
      {"l'amour", "lamour"},
      {"rock-and-roll", "rockandroll"},
      {"the_end", "theend"},
      {"  the   quick\tbrown\nfox  ", "quick brown fox"},
      {"the\u00a0end", "end"},
      {"a\u2009b\u3000c", "b c"},
      {"x\u1680y", "x y"},
      {"x\u2028y", "x y"},
      {"x\u0085y", "x y"},
      {"x\u001cy", "x y"},
      {"the\u200bend", "\u200bend"},
      {"«the» end", "« » end"},
      {"The “Big” Apple", "“big” apple"},
      {"Thé café", "thé café"},
      {"Ångström", "ångström"},
      {"ΣΟΦΟΣ", "σοφος"},
      {"İstanbul", "i\u0307stanbul"},
      {"the\u0301", "\u0301"},
      {"a\u0300 la carte", "\u0300 la carte"},
      {"₂the", "₂the"},
      {"the²", "the²"},
      {"½the", "½the"},
      {"Ⅻthe", "ⅻthe"},
      {"", ""},
      {"   ", ""},
      {"a an the", ""},
    };
  }

  @ParameterizedTest
  @MethodSource("officialOutputs")
  void matchesTheOfficialScript(String input, String expected) {
    assertThat(AnswerNormalizer.normalize(input)).isEqualTo(expected);
  }

  @Test
  void nullIsEmpty() {
    assertThat(AnswerNormalizer.normalize(null)).isEmpty();
    assertThat(AnswerNormalizer.normalizedTokens(null)).isEmpty();
  }

  @Test
  void tokensAreTheNormalisedWords() {
    assertThat(AnswerNormalizer.normalizedTokens(" The  Denver\u00a0Broncos, Inc. "))
        .containsExactly("denver", "broncos", "inc");
    assertThat(AnswerNormalizer.normalizedTokens("the")).isEmpty();
  }
}
