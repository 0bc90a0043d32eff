package io.memqa.qa;

import io.memqa.corpus.Passage;
import java.util.List;

/**
 * The pipeline's reply to one question: ranked answers with their evidence, whether the best one
 * is likely right, the passages that formed the memory, what each hop attended to, and where the
 * time went.
 *
 * @param confident whether the best answer's probability of being right is at least
 *     {@link io.memqa.reader.Calibration#CONFIDENT}; when not, the answers are best guesses and
 *     the passages probably do not say
 */
public record Answers(
    String question,
    List<Answer> answers,
    boolean confident,
    List<PassageRef> passages,
    List<Hop> hops,
    Timings timings) {

  /**
   * One answer: its text, the probability that it is right (calibrated on held-out questions),
   * the passage it was read from and the document (article) that passage was cut from, its
   * offsets in the passage, and the sentence around it. {@code start} and {@code end} count
   * Unicode code points, as SQuAD's {@code answer_start} and Python's string indices do (not
   * Java's UTF-16 units): {@code passage[start:end]} in Python is the answer's text.
   */
  public record Answer(
      String text, double score, String passageId, String docId, String title, int start, int end, String evidence) {}

  /** A passage in memory, with the document it was cut from and its retrieval rank and score. */
  public record PassageRef(String id, String docId, String title, String text, int rank, double score) {
    public static PassageRef of(Passage p, int rank, double score) {
      return new PassageRef(p.id(), p.docId(), p.title(), p.text(), rank, score);
    }
  }

  /**
   * Where one hop of the memory network looked, as absolute shares of its attention (all slots
   * of a hop sum to 1): on each passage, on its most attended sentences, and on its most
   * attended slots.
   */
  public record Hop(List<PassageShare> passages, List<SentenceShare> sentences, List<AttendedSlot> slots) {}

  /** A hop's attention on one passage. */
  public record PassageShare(String passageId, String title, double weight) {}

  /** A hop's attention on one sentence: all the candidate answers inside it together. */
  public record SentenceShare(String passageId, String text, double weight) {}

  /** A memory slot one hop attended to: its value (candidate), key window, passage and weight. */
  public record AttendedSlot(String value, String key, String passageId, String title, double weight) {}

  /** Milliseconds spent retrieving, building the memory, reading it, and in all. */
  public record Timings(double retrieveMs, double memoryMs, double readMs, double totalMs) {}

  /** What to tell a person when the best answer is unlikely to be right. */
  public static final String NOT_CONFIDENT = "no confident answer in the retrieved passages";
}
