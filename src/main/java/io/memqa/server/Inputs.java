package io.memqa.server;

import io.memqa.retrieve.Retriever;
import io.memqa.util.BadInputException;
import java.util.List;
import java.util.Map;

/** Checks of client-supplied values shared by the endpoints; every failure is a 400. */
final class Inputs {
  /** Longest passage id accepted; real ids are short ("dev-12-3"). */
  static final int MAX_ID_CHARS = 200;

  private Inputs() {}

  /** A question: a non-blank string of at most {@code max} characters, checked as the command line does. */
  static String question(String raw, int max) {
    try {
      return Retriever.checkQuestion(raw == null ? null : clean(raw), max);
    } catch (BadInputException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
  }

  /** Free text of at most {@code max} characters that must not be blank. */
  static String text(String name, String raw, int max) {
    String t = clean(raw);
    if (t.isBlank()) {
      throw ApiProblem.badRequest(name + " is empty");
    }
    if (t.length() > max) {
      throw ApiProblem.badRequest(name + " is too long: " + t.length() + " characters (limit " + max + ")");
    }
    return t;
  }

  /**
   * Refuses query parameters other than {@code known}, and any given twice, as a POST body's
   * unknown or repeated fields are refused: a misspelt option must not be silently ignored.
   */
  static void onlyParams(Map<String, List<String>> params, List<String> known) {
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      if (!known.contains(p.getKey())) {
        throw ApiProblem.badRequest("unknown query parameter \"" + shorten(p.getKey()) + "\"; "
            + (known.isEmpty() ? "this resource takes none" : "known parameters: " + String.join(", ", known)));
      }
      if (p.getValue().size() > 1) {
        throw ApiProblem.badRequest("query parameter \"" + p.getKey() + "\" is given " + p.getValue().size() + " times; give it once");
      }
    }
  }

  /** An integer query parameter, or {@code absent} when it is not given. */
  static int intParam(String name, String raw, int absent, int min, int max) {
    if (raw == null || raw.isEmpty()) {
      return absent;
    }
    int v;
    try {
      v = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest(name + " must be an integer, got \"" + shorten(raw) + "\"");
    }
    return range(name, v, min, max);
  }

  static int range(String name, long v, int min, int max) {
    if (v < min || v > max) {
      throw ApiProblem.badRequest(name + " must be between " + min + " and " + max + ", got " + v);
    }
    return (int) v;
  }

  /**
   * Replaces unpaired UTF-16 surrogates (JSON "\ud800" escapes, odd query strings) with U+FFFD:
   * Java strings allow them but they cannot be written back out as UTF-8.
   */
  static String clean(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
          : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
      if (!paired && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(paired ? c : '\uFFFD');
      }
    }
    return out == null ? s : out.toString();
  }

  /** A client value quoted in an error message, cut to a readable length. */
  static String shorten(String s) {
    String c = clean(s);
    return c.length() <= 60 ? c : c.substring(0, 60) + "...";
  }
}
