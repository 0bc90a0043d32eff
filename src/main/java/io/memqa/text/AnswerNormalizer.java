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
