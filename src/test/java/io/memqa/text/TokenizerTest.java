package io.memqa.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  // Pieces random texts are made of: words, numbers, punctuation, odd white space, combining
  // marks, characters outside the BMP and control characters.
  private static final String[] PIECES = {
    "the", "Cat", "1,000", "3.5", "1990s", "U.S.", "e.g.", "café", "cafe\u0301", "Straße", "Жизнь",
    "北京市", "٣٤٥", "🙂", "𝔘𝔫𝔦", "'s", "n't", "(", ")", "\"", "“", "”", ",", ".", "...", "?!", "-",
    "—", "$", "%", "&", "#", "/", "\\", ":", ";", "€", "½", " ", "  ", "\t", "\n", "\r\n", "\u00a0",
    "\u2009", "\u3000", "\u0000", "\u0007", "\u200b", "\u0301", "x", "9", "," , ".5", "1."
  };

  @Test
  void offsetsMapBackToTheOriginalText() {
    Random random = new Random(20240501);
    for (int round = 0; round < 5000; round++) {
      checkOffsets(randomText(random, round % 2 == 0));
    }
  }

  /** Up to 20 pieces, or random code points (a quarter of them outside the BMP). */
  private static String randomText(Random random, boolean fromPieces) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(20);
    for (int i = 0; i < n; i++) {
      if (fromPieces) {
        b.append(PIECES[random.nextInt(PIECES.length)]);
      } else {
        int cp = random.nextInt(4) == 0 ? random.nextInt(0x1FFFF) : 0x20 + random.nextInt(0x250);
        if (Character.getType(cp) != Character.SURROGATE) {
          b.appendCodePoint(cp);
        }
      }
    }
    return b.toString();
  }

  private static void checkOffsets(String text) {
    Tokens t = Tokenizer.tokenize(text);
    assertThat(t.text()).isSameAs(text);
    int previousEnd = 0;
    for (int i = 0; i < t.size(); i++) {
      String where = "token " + i + " of " + escape(text);
      assertThat(t.word(i)).as(where).isNotEmpty().isEqualTo(text.substring(t.start(i), t.end(i)));
      assertThat(t.start(i)).as(where).isGreaterThanOrEqualTo(previousEnd);
      assertThat(isSeparatorRun(text.substring(previousEnd, t.start(i)))).as(where).isTrue();
      assertThat(t.word(i).codePoints().anyMatch(TokenizerTest::isSeparator)).as(where).isFalse();
      assertThat(Character.isLowSurrogate(text.charAt(t.start(i)))).as(where).isFalse();
      assertThat(t.end(i) == text.length() || !Character.isLowSurrogate(text.charAt(t.end(i))))
          .as(where)
          .isTrue();
      previousEnd = t.end(i);
    }
    assertThat(isSeparatorRun(text.substring(previousEnd))).as(escape(text)).isTrue();
    if (t.size() > 0) {
      assertThat(t.span(0, t.size() - 1)).isEqualTo(text.substring(t.start(0), previousEnd));
    }
  }

  private static boolean isSeparatorRun(String s) {
    return s.codePoints().allMatch(TokenizerTest::isSeparator);
  }

  private static boolean isSeparator(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u{%x}", c) : Character.toString(c)));
    return b.toString();
  }

  @Test
  void numbersWithSeparatorsStayWhole() {
    assertThat(Tokenizer.tokenize("It cost $1,000 or 3.5 million.").words())
        .containsExactly("It", "cost", "$", "1,000", "or", "3.5", "million", ".");
    assertThat(Tokenizer.tokenize("in 1,000. Then 2,5,").words())
        .containsExactly("in", "1,000", ".", "Then", "2,5", ",");
  }

  @Test
  void punctuationIsOneTokenPerCharacter() {
    assertThat(Tokenizer.tokenize("U.S. (end)...").words())
        .containsExactly("U", ".", "S", ".", "(", "end", ")", ".", ".", ".");
    assertThat(Tokenizer.tokenize("word,word").words()).containsExactly("word", ",", "word");
  }

  @Test
  void combiningMarksAndAstralCharactersStayInsideTokens() {
    Tokens t = Tokenizer.tokenize("cafe\u0301 🙂 𝔘𝔫𝔦");
    assertThat(t.words()).containsExactly("cafe\u0301", "🙂", "𝔘𝔫𝔦");
    assertThat(t.start(1)).isEqualTo(6);
    assertThat(t.end(2)).isEqualTo(t.text().length());
    assertThat(t.isPunctuation(1)).isFalse();
  }

  @Test
  void unicodeWhiteSpaceSeparates() {
    assertThat(Tokenizer.tokenize("a\u00a0b\u2009c\u3000d\te").words()).containsExactly("a", "b", "c", "d", "e");
    assertThat(Tokenizer.tokenize(" \n\t\u00a0").size()).isZero();
    assertThat(Tokenizer.tokenize("").size()).isZero();
  }

  @Test
  void punctuationFlag() {
    Tokens t = Tokenizer.tokenize("Hi , 9 !");
    assertThat(t.isPunctuation(0)).isFalse();
    assertThat(t.isPunctuation(1)).isTrue();
    assertThat(t.isPunctuation(2)).isFalse();
    assertThat(t.isPunctuation(3)).isTrue();
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> Tokenizer.tokenize(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
