package io.memqa.reader;

import ai.djl.ndarray.NDManager;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.text.AnswerMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact match and F1 of the network on held-out training questions, read from the gold
 * paragraph (closed) and from the retrieved passages (open). Used for early stopping only.
 */
final class Validation {
  private static final int BATCH = 32;

  /** EM and F1 in percent over the questions read in each setting (-1 when a setting was not run). */
  record Scores(double closedEm, double closedF1, double openEm, double openF1) {
    /** What early stopping maximises: open F1 when available, else closed F1. */
    double target() {
      return openF1 >= 0 ? openF1 : closedF1;
    }
  }

  private final KvMemNet net;
  private final Featurizer featurizer;
  private final MemoryBuilder builder;

  Validation(KvMemNet net, Featurizer featurizer, MemoryBuilder builder) {
    this.net = net;
    this.featurizer = featurizer;
    this.builder = builder;
  }

  Scores run(List<TrainingSet.Item> items, NDManager root) {
    double[] closed = score(items, false, root);
    boolean anyRetrieved = items.stream().anyMatch(i -> !i.retrieved().isEmpty());
    double[] open = anyRetrieved ? score(items, true, root) : new double[] {-1, -1};
    return new Scores(closed[0], closed[1], open[0], open[1]);
  }

  private double[] score(List<TrainingSet.Item> items, boolean open, NDManager root) {
    double em = 0;
    double f1 = 0;
    int n = 0;
    for (int start = 0; start < items.size(); start += BATCH) {
      List<TrainingSet.Item> part = items.subList(start, Math.min(items.size(), start + BATCH));
      List<Memory> memories = new ArrayList<>();
      List<Example> examples = new ArrayList<>();
      for (TrainingSet.Item item : part) {
        Memory m = open
            ? builder.build(item.question().text(), item.retrieved())
            : builder.build(item.question().text(), item.gold());
        memories.add(m);
        examples.add(featurizer.encode(m));
      }
      float[][] probs = Predictions.probabilities(net, examples, root);
      for (int i = 0; i < part.size(); i++) {
        List<Reading.Candidate> best = Predictions.rank(memories.get(i), examples.get(i), probs[i], 1);
        String prediction = best.isEmpty() ? "" : best.get(0).text();
        List<String> golds = part.get(i).question().answers();
        em += AnswerMetrics.maxExactMatch(prediction, golds);
        f1 += AnswerMetrics.maxF1(prediction, golds);
        n++;
      }
    }
    return new double[] {n == 0 ? 0 : 100 * em / n, n == 0 ? 0 : 100 * f1 / n};
  }
}
