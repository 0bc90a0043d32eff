package io.memqa.eval;

import io.memqa.eval.AnswerEvaluation.Row;
import io.memqa.eval.AnswerEvaluation.UsedPassage;
import java.util.ArrayList;
import java.util.List;

/** Hand-made prediction rows for tests that need exact, known scores. */
final class Rows {
  private Rows() {}

  /** A text-answer row: right or wrong, with the answer first found at {@code rank} of {@code depth} passages. */
  static Row row(String id, String question, String reference, String prediction, double f1, int rank, int depth,
      double latencyMs) {
    List<UsedPassage> used = new ArrayList<>();
    for (int i = 1; i <= depth; i++) {
      used.add(new UsedPassage("p" + i, "T" + i, i, 10 - i));
    }
    boolean hit = reference.equalsIgnoreCase(prediction);
    return new Row(id, question, QuestionCategories.type(question),
        QuestionCategories.answerLength(List.of(reference), false), List.of(reference), false, prediction, 0.5,
        false, hit ? 1 : 0, f1, hit, rank, rank > 0, rank > 0, latencyMs, null, used, null);
  }

  /**
   * A row with a given top score: {@code reference} null makes an unanswerable question; an empty
   * {@code prediction} is no answer. Right when the prediction equals the reference.
   */
  static Row scored(String id, String reference, String prediction, double score, double threshold) {
    List<String> refs = reference == null ? List.of() : List.of(reference);
    boolean hit = reference != null && reference.equalsIgnoreCase(prediction);
    boolean confident = !prediction.isEmpty() && score >= threshold;
    return new Row(id, "What is " + id + "?", "what", QuestionCategories.answerLength(refs, false), refs, false,
        prediction, score, confident, hit ? 1 : 0, hit ? 1 : 0, hit, 1, true, true, 5, null,
        List.of(new UsedPassage("p1", "T1", 1, 9)), null);
  }

  static Row failed(String id, String question, String error) {
    return new Row(id, question, QuestionCategories.type(question), "1", List.of("x"), false, "", 0, false, 0, 0, false, 0,
        false, false, 1, null, List.of(), error);
  }
}
