package io.memqa.eval;

import io.memqa.reader.QuestionType;
import io.memqa.text.Tokenizer;
import java.util.List;

/** The groups of the breakdowns: a question's wh-word type, and its answer's length in words. */
public final class QuestionCategories {
  /** Question types in report order. */
  public static final List<String> TYPES = List.of("who", "when", "where", "what", "how many", "other");

  /** Answer-length buckets in report order; "regex" holds questions whose answers are patterns. */
  public static final List<String> LENGTHS = List.of("1", "2", "3", "4-5", "6+", "regex");

  private QuestionCategories() {}

  /** who / when / where / what / how many / other, from the question's first wh-word. */
  public static String type(String question) {
    return switch (QuestionType.of(Tokenizer.tokenize(question))) {
      case WHO, WHOSE -> "who";
      case WHEN -> "when";
      case WHERE -> "where";
      // "which X" and "Name the X" ask for an entity just as "what X" does.
      case WHAT, WHICH, NAME -> "what";
      case HOW_MANY -> "how many";
      default -> "other";
    };
  }

  /** The bucket of the first reference answer's word count: 1, 2, 3, 4-5 or 6+. */
  public static String answerLength(List<String> references, boolean regex) {
    if (regex) {
      return "regex";
    }
    String first = references.isEmpty() ? "" : references.get(0).strip();
    int words = first.isEmpty() ? 0 : first.split("\\s+").length;
    if (words <= 1) {
      return "1";
    }
    if (words <= 3) {
      return String.valueOf(words);
    }
    return words <= 5 ? "4-5" : "6+";
  }
}
