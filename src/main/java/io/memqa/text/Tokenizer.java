package io.memqa.text;

import java.util.Arrays;

/**
 * Splits text into word tokens with character offsets. A token is a run of letters, digits and
 * combining marks (digit groups such as "1,000" or "3.5" stay whole); every other non-space
 * character is a token of its own. Deterministic and allocation-light: it runs on every passage
 * at query time.
 */
public final class Tokenizer {
  private Tokenizer() {}

  public static Tokens tokenize(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text must not be null");
    }
    int n = text.length();
    String[] words = new String[Math.max(4, n / 4)];
    int[] starts = new int[words.length];
    int[] ends = new int[words.length];
    int count = 0;
    int i = 0;
    while (i < n) {
      int c = text.codePointAt(i);
      int len = Character.charCount(c);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
        i += len;
        continue;
      }
      int start = i;
      if (isWordChar(c)) {
        i += len;
        while (i < n) {
          int d = text.codePointAt(i);
          if (isWordChar(d)) {
            i += Character.charCount(d);
          } else if ((d == ',' || d == '.') && isDigitGroupJoint(text, i)) {
            i += 1;
          } else {
            break;
          }
        }
      } else {
        i += len;
      }
      if (count == words.length) {
        int grown = words.length * 2;
        words = Arrays.copyOf(words, grown);
        starts = Arrays.copyOf(starts, grown);
        ends = Arrays.copyOf(ends, grown);
      }
      words[count] = text.substring(start, i);
      starts[count] = start;
      ends[count] = i;
      count++;
    }
    return new Tokens(
        text, Arrays.copyOf(words, count), Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
  }

  private static boolean isWordChar(int c) {
    if (Character.isLetterOrDigit(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.OTHER_NUMBER
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** A separator inside a number: digit before and digit after ("1,000", "2.5"). */
  private static boolean isDigitGroupJoint(String text, int i) {
    return i > 0
        && i + 1 < text.length()
        && Character.isDigit(text.charAt(i - 1))
        && Character.isDigit(text.charAt(i + 1));
  }
}
