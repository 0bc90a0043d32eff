package io.memqa.eval;

import io.memqa.eval.AnswerEvaluation.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How honest the reader's confidence is: each question's top answer score against whether that
 * answer is right. Expected calibration error (ECE) over {@value #BINS} equal-width score bins (the
 * reliability diagram), and accuracy when only the most confident share of the questions is
 * answered (coverage). Scores, accuracies and ECE are in percent.
 *
 * <p>An answer is right when it matches a reference (EM). An unanswerable question (no references)
 * is right only when no answer is given: any answer to it is wrong. A question without an answer
 * has no score to judge: it stays out of the bins, and comes last in the coverage order.
 */
public final class Calibration {
  public static final int BINS = 10;
  /** The coverages of the curve, in percent. */
  public static final List<Integer> COVERAGES = IntStream.rangeClosed(1, 10).map(i -> 10 * i).boxed().toList();

  private Calibration() {}

  /** One question: its top score (0 to 1), whether an answer was given, and whether the outcome is right. */
  public record Outcome(double score, boolean answered, boolean correct) {
    static Outcome of(Row r) {
      boolean answered = r.error() == null && !r.prediction().isEmpty();
      boolean correct = r.error() == null && (r.answerable() ? r.hit() : !answered);
      return new Outcome(answered ? r.score() : 0, answered, correct);
    }
  }

  /** One bin of the reliability diagram: scores in [low, high), the last bin including 100. */
  public record Bin(double low, double high, int questions, double meanScore, double accuracy) {}

  /** Answering only the {@code coverage}% most confident questions: how many, how many right, lowest score taken. */
  public record Point(int coverage, int questions, double accuracy, double lowestScore) {}

  public static List<Outcome> outcomes(List<Row> rows) {
    return rows.stream().map(Outcome::of).toList();
  }

  /** The reliability bins of the answered questions (empty bins included, with zeros). */
  public static List<Bin> reliability(List<Outcome> outcomes) {
    Tally t = Tally.of(outcomes);
    List<Bin> bins = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      int n = t.count[b];
      bins.add(new Bin(100.0 * b / BINS, 100.0 * (b + 1) / BINS, n, n == 0 ? 0 : Summary.round(100 * t.scores[b] / n),
          Summary.pct(t.right[b], n)));
    }
    return bins;
  }

  /** Expected calibration error (percent) of the answered questions, binned as the reader's own fit reports it. */
  public static double ece(List<Outcome> outcomes) {
    List<double[]> answered = outcomes.stream().filter(Outcome::answered)
        .map(o -> new double[] {Math.clamp(o.score(), 0.0, 1.0), o.correct() ? 1 : 0}).toList();
    return answered.isEmpty() ? 0 : Summary.round(100 * io.memqa.reader.Calibration.expectedError(answered, BINS));
  }

  /** Per score bin: answered questions, their summed scores and how many are right. */
  private record Tally(int[] count, double[] scores, int[] right, int answered) {
    static Tally of(List<Outcome> outcomes) {
      Tally t = new Tally(new int[BINS], new double[BINS], new int[BINS], (int) outcomes.stream().filter(Outcome::answered).count());
      for (Outcome o : outcomes) {
        if (o.answered()) {
          double s = Math.clamp(o.score(), 0.0, 1.0);
          int b = Math.min(BINS - 1, (int) (s * BINS));
          t.count[b]++;
          t.scores[b] += s;
          t.right[b] += o.correct() ? 1 : 0;
        }
      }
      return t;
    }
  }

  /** The questions from most to least confident; unanswered ones last, ties in question order. */
  private static List<Outcome> byConfidence(List<Outcome> outcomes) {
    List<Outcome> sorted = new ArrayList<>(outcomes);
    sorted.sort(Comparator.comparing(Outcome::answered).thenComparingDouble(Outcome::score).reversed());
    return sorted;
  }

  /** Accuracy (percent) over the most confident {@code coverage}% of the questions, rounded up to whole questions. */
  public static double accuracyAtCoverage(List<Outcome> outcomes, int coverage) {
    return point(byConfidence(outcomes), coverage).accuracy();
  }

  /** Accuracy at each coverage of {@link #COVERAGES}. */
  public static List<Point> coverageCurve(List<Outcome> outcomes) {
    List<Outcome> sorted = byConfidence(outcomes);
    return COVERAGES.stream().map(c -> point(sorted, c)).toList();
  }

  private static Point point(List<Outcome> sorted, int coverage) {
    if (coverage < 1 || coverage > 100) {
      throw new IllegalArgumentException("coverage must be 1 to 100 percent, got " + coverage);
    }
    int n = (int) Math.ceil(sorted.size() * coverage / 100.0);
    List<Outcome> taken = sorted.subList(0, n);
    long right = taken.stream().filter(Outcome::correct).count();
    double lowest = n == 0 ? 0 : Summary.round(100 * taken.get(n - 1).score());
    return new Point(coverage, n, Summary.pct(right, n), lowest);
  }
}
