package io.memqa.reader;

import io.memqa.text.AnswerMetrics;
import io.memqa.text.AnswerNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which of the network's candidates becomes the answer. Not simply the most probable one: when
 * the network hesitates between spans that overlap ("2006" 0.18, "17.5 billion" 0.14, "Freescale
 * Semiconductor for $17.5 billion" 0.09) the span that agrees with more of the probability mass is
 * more often (partly) right. Each of the {@link #CANDIDATES} most probable candidates is scored by its
 * expected word overlap (F1) with the others, weighted by their probability, mixed with its own
 * probability ({@link #OWN_WEIGHT}), and the candidates are put in that order. Both numbers were
 * chosen on held-out training articles (README, "Choosing the answer"). Stateless.
 */
final class AnswerChoice {
  /** How many of the most probable candidates compete; the rest keep the network's order. */
  static final int CANDIDATES = 5;
  /** The weight of a candidate's own probability; the rest goes to its expected overlap. */
  static final double OWN_WEIGHT = 0.5;
  /**
   * The rule's name, recorded with a model's {@link Calibration}: a calibration fitted on answers
   * chosen another way does not describe these.
   */
  static final String NAME = "expected-f1/" + CANDIDATES + "/" + OWN_WEIGHT;

  private AnswerChoice() {}

  /**
   * The candidates (in the network's order, most probable first) in answer order: the first
   * {@link #CANDIDATES} by their score, ties kept in the network's order, then the others.
   */
  static List<Predictions.Pooled> order(List<Predictions.Pooled> byProbability) {
    int n = Math.min(CANDIDATES, byProbability.size());
    List<Predictions.Pooled> head = byProbability.subList(0, n);
    double[] score = scores(head);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> -score[i]));
    List<Predictions.Pooled> out = new ArrayList<>(byProbability.size());
    for (int i : order) {
      out.add(head.get(i));
    }
    out.addAll(byProbability.subList(n, byProbability.size()));
    return out;
  }

  /** Each candidate's own probability mixed with its expected F1 against all of them. */
  static double[] scores(List<Predictions.Pooled> candidates) {
    String[][] tokens = new String[candidates.size()][];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = AnswerNormalizer.normalizedTokens(candidates.get(i).text());
    }
    double[] score = new double[candidates.size()];
    for (int i = 0; i < score.length; i++) {
      double expected = 0;
      for (int j = 0; j < score.length; j++) {
        expected += candidates.get(j).probability() * AnswerMetrics.f1(tokens[i], tokens[j]);
      }
      score[i] = OWN_WEIGHT * candidates.get(i).probability() + (1 - OWN_WEIGHT) * expected;
    }
    return score;
  }
}
