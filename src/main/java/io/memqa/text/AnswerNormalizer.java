package io.memqa.text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The official SQuAD v1.1 answer normalisation: lower case, drop ASCII punctuation, drop the
 * articles a/an/the, collapse white space. Shared by evaluation and by training, so that what
 * counts as "the gold answer" is the same everywhere.
 */
public final class AnswerNormalizer {
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  // Python's \b and str.split(): word characters are letters, numbers and "_" (not combining
  // marks), and white space includes the separators \x1c-\x1f.
  private static final Pattern ARTICLES =
      Pattern.compile("(?<![\\p{L}\\p{N}_])(a|an|the)(?![\\p{L}\\p{N}_])");
  private static final Pattern SPACES =
      Pattern.compile("[\\s\\x1c-\\x1f]+", Pattern.UNICODE_CHARACTER_CLASS);

  private AnswerNormalizer() {}

  public static String normalize(String s) {
    if (s == null) {
      return "";
    }
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder noPunct = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) {
        noPunct.append(c);
      }
    }
    // Fast path for the common case: a white-space separated word made only of word characters is
    // an article exactly when the whole word is one; anything else goes through the regex.
    StringBuilder out = new StringBuilder(noPunct.length());
    int i = 0;
    int n = noPunct.length();
    while (i < n) {
      while (i < n && isSpace(noPunct.charAt(i))) {
        i++;
      }
      int start = i;
      boolean plain = true;
      while (i < n && !isSpace(noPunct.charAt(i))) {
        char c = noPunct.charAt(i);
        if (!(Character.isLetterOrDigit(c) && c < 0x0300) && c != '_') {
          plain = false;
        }
        i++;
      }
      if (start == i) {
        break;
      }
      String word = noPunct.substring(start, i);
      if (plain) {
        if (!word.equals("a") && !word.equals("an") && !word.equals("the")) {
          append(out, word);
        }
      } else {
        for (String part : SPACES.split(ARTICLES.matcher(word).replaceAll(" "))) {
          if (!part.isEmpty()) {
            append(out, part);
          }
        }
      }
    }
    return out.toString();
  }

  private static void append(StringBuilder out, String word) {
    if (out.length() > 0) {
      out.append(' ');
    }
    out.append(word);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085' || c == '\u001c'
        || c == '\u001d' || c == '\u001e' || c == '\u001f';
  }

  /** The official normalisation written with regular expressions; the reference for tests. */
  static String normalizeByRegex(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) {
        b.append(c);
      }
    }
    String noArticles = ARTICLES.matcher(b).replaceAll(" ");
    return SPACES.matcher(noArticles).replaceAll(" ").strip();
  }

  /** The normalised answer split into its tokens (empty array for an empty answer). */
  public static String[] normalizedTokens(String s) {
    String n = normalize(s);
    return n.isEmpty() ? new String[0] : n.split(" ");
  }
}
