package io.memqa.util;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Looks up names typed by a person: case does not matter, and a near miss gets a suggestion. */
public final class Names {
  private Names() {}

  /**
   * The known name that {@code given} means, ignoring case; otherwise a BadInputException that
   * names {@code what}, suggests the closest known name when one is near, and lists them all.
   */
  public static String resolve(String what, String given, Collection<String> known) {
    if (given != null) {
      for (String k : known) {
        if (k.equalsIgnoreCase(given.strip())) {
          return k;
        }
      }
    }
    String hint = given == null ? "" : closest(given, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    throw new BadInputException("unknown " + what + " '" + given + "'" + hint + " (known: " + String.join(", ", known) + ")");
  }

  /** The known name within a few edits of {@code given} (ignoring case), if any. */
  public static Optional<String> closest(String given, Collection<String> known) {
    String g = given.strip().toLowerCase(Locale.ROOT);
    return known.stream()
        .filter(k -> distance(g, k.toLowerCase(Locale.ROOT)) <= Math.max(2, Math.min(3, k.length() / 3)))
        .min(Comparator.comparingInt(k -> distance(g, k.toLowerCase(Locale.ROOT))));
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
