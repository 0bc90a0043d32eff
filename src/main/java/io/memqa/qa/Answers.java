package io.memqa.qa;

import io.memqa.corpus.Passage;
import java.util.List;

/**
 * The pipeline's reply to one question: ranked answers with their evidence, the passages that
 * formed the memory, what each hop attended to, and where the time went.
 */
public record Answers(
    String question,
    List<Answer> answers,
    List<PassageRef> passages,
    List<List<AttendedSlot>> hops,
    Timings timings) {

  /**
   * One answer: its text, probability (occurrences of the same answer pooled), the passage it was
   * read from and the document (article) that passage was cut from, its offsets in the passage,
   * and the sentence around it. {@code start} and {@code end} count Unicode code points, as
   * SQuAD's {@code answer_start} and Python's string indices do (not Java's UTF-16 units):
   * {@code passage[start:end]} in Python is the answer's text.
   */
  public record Answer(
      String text, double score, String passageId, String docId, String title, int start, int end, String evidence) {}

  /** A passage in memory, with the document it was cut from and its retrieval rank and score. */
  public record PassageRef(String id, String docId, String title, String text, int rank, double score) {
    public static PassageRef of(Passage p, int rank, double score) {
      return new PassageRef(p.id(), p.docId(), p.title(), p.text(), rank, score);
    }
  }

  /** A memory slot one hop attended to: its value (candidate), key window, passage and weight. */
  public record AttendedSlot(String value, String key, String passageId, String title, double weight) {}

  /** Milliseconds spent retrieving, building the memory, reading it, and in all. */
  public record Timings(double retrieveMs, double memoryMs, double readMs, double totalMs) {}
}
