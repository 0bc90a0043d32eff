package io.memqa.text;


import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The official SQuAD v1.1 answer metrics (exact match and token F1, each the maximum over the
 * reference answers), regex match for CuratedTREC, and answer containment for retrieval recall.
 */
public final class AnswerMetrics {
  private AnswerMetrics() {}

  public static boolean exactMatch(String prediction, String gold) {
    return AnswerNormalizer.normalize(prediction).equals(AnswerNormalizer.normalize(gold));
  }

  /** Token-level F1 between normalised prediction and gold, as the official script computes it. */
  public static double f1(String prediction, String gold) {
    return f1(AnswerNormalizer.normalizedTokens(prediction), AnswerNormalizer.normalizedTokens(gold));
  }

  /** The same on tokens already normalised ({@link AnswerNormalizer#normalizedTokens}). */
  public static double f1(String[] p, String[] g) {
    if (p.length == 0 || g.length == 0) {
      return 0.0; // v1.1 scores no common tokens as 0, even when both sides are empty
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String t : g) {
      counts.merge(t, 1, Integer::sum);
    }
    int same = 0;
    for (String t : p) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        same++;
        counts.put(t, c - 1);
      }
    }
    if (same == 0) {
      return 0.0;
    }
    double precision = (double) same / p.length;
    double recall = (double) same / g.length;
    return 2 * precision * recall / (precision + recall);
  }

  public static double maxExactMatch(String prediction, List<String> golds) {
    for (String g : golds) {
      if (exactMatch(prediction, g)) {
        return 1.0;
      }
    }
    return 0.0;
  }

  public static double maxF1(String prediction, List<String> golds) {
    double best = 0;
    for (String g : golds) {
      best = Math.max(best, f1(prediction, g));
    }
    return best;
  }

  /** True if any pattern matches the whole prediction, ignoring case (CuratedTREC's rule). */
  public static boolean regexMatch(String prediction, List<String> patterns) {
    for (String p : patterns) {
      try {
        if (Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
            .matcher(prediction.strip())
            .matches()) {
          return true;
        }
      } catch (PatternSyntaxException e) {
        if (p.equalsIgnoreCase(prediction.strip())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if some gold answer, normalised, occurs at token boundaries in the normalised passage:
   * the "answer recall" test for retrieved passages.
   */
  public static boolean containsAnswer(String[] normalizedPassageTokens, List<String> golds) {
    for (String g : golds) {
      String[] a = AnswerNormalizer.normalizedTokens(g);
      if (a.length > 0 && indexOf(normalizedPassageTokens, a) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** True if some regex finds a match in the passage text (CuratedTREC answer recall). */
  public static boolean containsRegex(String passageText, List<String> patterns) {
    for (String p : patterns) {
      try {
        if (Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(passageText).find()) {
          return true;
        }
      } catch (PatternSyntaxException e) {
        // an unusable pattern cannot match
      }
    }
    return false;
  }

  static int indexOf(String[] haystack, String[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (!haystack[i + j].equals(needle[j])) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
