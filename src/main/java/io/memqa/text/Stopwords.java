package io.memqa.text;

import java.util.Locale;
import java.util.Set;

/** Function words: never the first or last word of a candidate answer, and not evidence of a match. */
public final class Stopwords {
  private static final Set<String> WORDS =
      Set.of(
          "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or",
          "but", "as", "is", "was", "were", "are", "be", "been", "being", "am", "that", "which",
          "who", "whom", "whose", "what", "when", "where", "why", "how", "this", "these", "those",
          "it", "its", "he", "she", "they", "them", "his", "her", "their", "than", "then", "into",
          "while", "after", "without", "since", "before", "do", "does", "did", "has", "have", "had", "not", "no", "can",
          "could", "would", "should", "will", "shall", "may", "might", "must", "there", "here",
          "about", "also", "i", "you", "we", "me", "my", "our", "your", "him", "us", "so", "if",
          "s", "such", "some", "any", "all", "each", "other", "only", "own", "same", "too", "very",
          "just", "over", "under", "again", "further", "once", "both", "between", "through",
          "during", "above", "below", "up", "down", "out", "off", "because", "until", "against",
          "nor", "few", "more", "most");

  private Stopwords() {}

  /**
   * Words that may still open an answer ("over 40 million", "until 1796", "In his notes"), though
   * never close one.
   */
  private static final Set<String> OPENERS =
      Set.of(
          "over", "under", "between", "until", "after", "before", "about", "more", "most", "at",
          "in", "on", "to", "for", "by", "from", "as", "during", "no", "not", "few", "all", "some",
          "only", "through", "his", "her", "their", "its", "against", "above", "below", "both",
          "each", "very", "up", "out", "into", "with", "without", "since", "than");

  public static boolean contains(String word) {
    return WORDS.contains(word.toLowerCase(Locale.ROOT));
  }

  /**
   * True for a function word that cannot end a candidate answer. Capitalised words other than
   * "The", "A", "An" count as content words, so names like "May" or "Will" stay candidates.
   */
  public static boolean blocksEnd(String word) {
    if (word.isEmpty() || !WORDS.contains(word.toLowerCase(Locale.ROOT))) {
      return false;
    }
    return Character.isLowerCase(word.charAt(0)) || word.equals("The") || word.equals("A") || word.equals("An");
  }

  /** True for a function word that cannot start a candidate answer either. */
  public static boolean blocksStart(String word) {
    return blocksEnd(word) && !OPENERS.contains(word.toLowerCase(Locale.ROOT));
  }
}
