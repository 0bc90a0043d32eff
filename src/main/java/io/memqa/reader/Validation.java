package io.memqa.reader;

import ai.djl.ndarray.NDManager;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.text.AnswerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The network on held-out training questions: exact match and F1 read from the gold paragraph
 * (closed) and from the retrieved passages (open), for early stopping; and the candidates of
 * those memories and of memories without the question's own article, with whether each was
 * right, to fit the {@link Calibration}.
 */
final class Validation {
  private static final int BATCH = 32;
  /**
   * One held-out question in this many is also read without its own article. Such memories
   * stand for questions the corpus cannot answer; a share of one in four keeps them from
   * dominating the fit while the calibration still learns what they look like.
   */
  private static final int ELSEWHERE_EVERY = 4;

  /** EM and F1 in percent over the questions read in each setting (-1 when a setting was not run). */
  record Scores(double closedEm, double closedF1, double openEm, double openF1) {
    /** What early stopping maximises: open F1 when available, else closed F1. */
    double target() {
      return openF1 >= 0 ? openF1 : closedF1;
    }
  }

  /** What a held-out memory was built from. */
  enum Kind {
    /** the gold paragraph */
    CLOSED,
    /** the retrieved passages */
    OPEN,
    /** retrieved passages of other articles only: the answer is (almost always) absent */
    ELSEWHERE
  }

  /**
   * The best candidates of one held-out memory, their calibration signals, which are right (exact
   * match) and their credit (F1 with the reference; see {@link Calibration.Sample}).
   */
  record Question(Kind kind, double[][] signals, boolean[] right, double[] credit) {}

  /**
   * Held-out figures of a calibration: expected calibration error of the best answer in the open
   * setting (10 equal bins, against the answers' credit, which the calibration estimates), exact
   * match (%), and the share of answer-less memories whose best answer is presented as confident
   * (p ≥ {@link Calibration#CONFIDENT}).
   */
  record Calibrated(double openEce, double openEm, double closedEm, double unanswerableConfident) {}

  record Result(Scores scores, List<Question> questions, SegmentSelection selection) {
    /** The calibration fitted on these answers, recording how they were read. */
    Calibration calibration() {
      return Calibration.fit(samples()).readWith(selection);
    }

    Calibrated evaluate(Calibration calibration) {
      List<double[]> open = new ArrayList<>();
      double[] em = new double[Kind.values().length];
      int[] n = new int[Kind.values().length];
      int confident = 0;
      for (Question q : questions) {
        if (q.signals().length == 0) {
          continue;
        }
        double p = calibration.probability(q.signals()[0]);
        boolean right = q.right()[0];
        n[q.kind().ordinal()]++;
        em[q.kind().ordinal()] += right ? 1 : 0;
        if (q.kind() == Kind.OPEN) {
          open.add(new double[] {p, q.credit()[0]});
        } else if (q.kind() == Kind.ELSEWHERE && p >= Calibration.CONFIDENT) {
          confident++;
        }
      }
      return new Calibrated(Calibration.expectedError(open, 10), percent(em[Kind.OPEN.ordinal()], n[Kind.OPEN.ordinal()]),
          percent(em[Kind.CLOSED.ordinal()], n[Kind.CLOSED.ordinal()]),
          percent(confident, n[Kind.ELSEWHERE.ordinal()]));
    }

    private static double percent(double part, int all) {
      return all == 0 ? -1 : 100 * part / all;
    }

    /** The chosen answer ({@link AnswerChoice}) of every memory as a calibration sample. */
    List<Calibration.Sample> samples() {
      return samples(questions);
    }

    static List<Calibration.Sample> samples(List<Question> questions) {
      List<Calibration.Sample> out = new ArrayList<>();
      for (Question q : questions) {
        if (q.signals().length > 0) {
          out.add(new Calibration.Sample(q.signals()[0], q.credit()[0]));
        }
      }
      return out;
    }

    /**
     * Open-setting ECE of a calibration fitted on one half of the questions and measured on the
     * other (both ways, averaged): what to expect on questions it was not fitted on.
     */
    double crossValidatedOpenEce() {
      List<Question> even = new ArrayList<>();
      List<Question> odd = new ArrayList<>();
      for (int i = 0; i < questions.size(); i++) {
        (i % 2 == 0 ? even : odd).add(questions.get(i));
      }
      Result a = new Result(scores, even, selection);
      Result b = new Result(scores, odd, selection);
      return (b.evaluate(Calibration.fit(samples(even))).openEce() + a.evaluate(Calibration.fit(samples(odd))).openEce()) / 2;
    }
  }

  private final KvMemNet net;
  private final Featurizer featurizer;
  private final MemoryBuilder builder;
  private final SegmentSelection selection;

  /** Reads each memory's segments as {@code selection} picks them, as the calibrated reader will. */
  Validation(KvMemNet net, Featurizer featurizer, MemoryBuilder builder, SegmentSelection selection) {
    this.net = net;
    this.featurizer = featurizer;
    this.builder = builder;
    this.selection = selection;
  }

  Result run(List<TrainingSet.Item> items, NDManager root) {
    List<Question> questions = new ArrayList<>();
    double[] closed = score(items, i -> builder.build(i.question().text(), i.gold()), Kind.CLOSED, root, questions);
    boolean anyRetrieved = items.stream().anyMatch(i -> !i.retrieved().isEmpty());
    double[] open = anyRetrieved
        ? score(items, i -> builder.build(i.question().text(), i.retrieved()), Kind.OPEN, root, questions)
        : new double[] {-1, -1};
    List<TrainingSet.Item> elsewhere = new ArrayList<>();
    for (int i = 0; i < items.size(); i += ELSEWHERE_EVERY) {
      if (!items.get(i).elsewhere().isEmpty()) {
        elsewhere.add(items.get(i));
      }
    }
    score(elsewhere, i -> builder.build(i.question().text(), i.elsewhere()), Kind.ELSEWHERE, root, questions);
    return new Result(new Scores(closed[0], closed[1], open[0], open[1]), questions, selection);
  }

  /** EM and F1 of the chosen answer; adds each memory's candidates to {@code out}, chosen one first. */
  private double[] score(List<TrainingSet.Item> items, Function<TrainingSet.Item, Memory> memoryOf, Kind kind,
      NDManager root, List<Question> out) {
    double em = 0;
    double f1 = 0;
    int n = 0;
    for (int start = 0; start < items.size(); start += BATCH) {
      List<TrainingSet.Item> part = items.subList(start, Math.min(items.size(), start + BATCH));
      List<Memory> memories = new ArrayList<>();
      List<Example> examples = new ArrayList<>();
      for (TrainingSet.Item item : part) {
        Memory m = memoryOf.apply(item);
        memories.add(m);
        examples.add(featurizer.encode(m, selection));
      }
      float[][] probs = Predictions.probabilities(net, examples, root);
      for (int i = 0; i < part.size(); i++) {
        List<Predictions.Pooled> best = Predictions.chosen(memories.get(i), examples.get(i), probs[i], 2);
        List<String> golds = part.get(i).question().answers();
        String prediction = best.isEmpty() ? "" : best.get(0).text();
        em += AnswerMetrics.maxExactMatch(prediction, golds);
        f1 += AnswerMetrics.maxF1(prediction, golds);
        n++;
        boolean[] right = new boolean[best.size()];
        double[] credit = new double[best.size()];
        for (int c = 0; c < right.length; c++) {
          right[c] = AnswerMetrics.maxExactMatch(best.get(c).text(), golds) > 0;
          credit[c] = right[c] ? 1 : AnswerMetrics.maxF1(best.get(c).text(), golds);
        }
        out.add(new Question(kind, Predictions.signals(memories.get(i), examples.get(i), best), right, credit));
      }
    }
    return new double[] {n == 0 ? 0 : 100 * em / n, n == 0 ? 0 : 100 * f1 / n};
  }
}
