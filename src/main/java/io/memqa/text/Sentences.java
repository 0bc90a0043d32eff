package io.memqa.text;

import java.util.Set;

/**
 * Rule-based sentence boundaries over tokens: a sentence ends at ".", "?" or "!" (plus any closing
 * quotes or brackets) when the next token starts a new sentence, except after initials ("J. R.",
 * "U.S.") and common abbreviations.
 */
public final class Sentences {
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "no", "gen",
          "col", "lt", "sgt", "rev", "prof", "mt", "ft", "fig", "approx", "ca", "jan", "feb", "mar",
          "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "cf", "al",
          "corp", "dept", "est", "govt", "op", "vol", "pp");

  private Sentences() {}

  /** For every token, the index of the sentence it belongs to (0-based, non-decreasing). */
  public static int[] sentenceIds(Tokens t) {
    int n = t.size();
    int[] ids = new int[n];
    int sentence = 0;
    for (int i = 0; i < n; i++) {
      ids[i] = sentence;
      if (isTerminator(t.word(i)) && !isAbbreviation(t, i)) {
        int j = i + 1;
        // Only a quote or bracket written against the terminator closes; after a space it opens.
        while (j < n && isCloser(t.word(j)) && t.start(j) == t.end(j - 1)) {
          ids[j] = sentence;
          j++;
        }
        if (j >= n || startsSentence(t.word(j))) {
          i = j - 1;
          sentence++;
        }
      }
    }
    return ids;
  }

  private static boolean isTerminator(String w) {
    return w.equals(".") || w.equals("?") || w.equals("!");
  }

  private static boolean isCloser(String w) {
    return w.equals("\"") || w.equals("'") || w.equals(")") || w.equals("]") || w.equals("”")
        || w.equals("’");
  }

  private static boolean startsSentence(String w) {
    int c = w.codePointAt(0);
    return Character.isUpperCase(c) || Character.isDigit(c) || w.equals("\"") || w.equals("“")
        || w.equals("(");
  }

  private static boolean isAbbreviation(Tokens t, int dot) {
    if (!t.word(dot).equals(".") || dot == 0) {
      return false;
    }
    String prev = t.word(dot - 1);
    if (t.end(dot - 1) != t.start(dot)) {
      return false;
    }
    if (prev.length() == 1 && Character.isUpperCase(prev.charAt(0))) {
      return true;
    }
    return ABBREVIATIONS.contains(dottedWord(t, dot).toLowerCase(java.util.Locale.ROOT));
  }

  /** The word written just before {@code dot}, inner dots included: "Dr", or "e.g" for "e.g.". */
  private static String dottedWord(Tokens t, int dot) {
    int first = dot - 1;
    while (first >= 2
        && t.word(first - 1).equals(".")
        && t.end(first - 2) == t.start(first - 1)
        && t.end(first - 1) == t.start(first)) {
      first -= 2;
    }
    return t.span(first, dot - 1);
  }
}
