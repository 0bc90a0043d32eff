package io.memqa.reader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Turns what the network says about its best answer into the probability that the answer is
 * right: a logistic regression over a few signals ({@link Signal}), fitted on the best answers of
 * held-out training articles, where rightness is known, read from their paragraph, from retrieved
 * passages, and (for some) from retrieved passages of other articles only, so that "the corpus
 * does not say" is learnt as well. Saved with the model as {@code calibration.json}. Immutable
 * and thread-safe.
 *
 * @param signals the names of the signals, in weight order (checked at load)
 * @param weights one weight per signal
 * @param bias the intercept
 * @param fittedOn how many held-out answers it was fitted on
 * @param answerChoice the {@link AnswerChoice} rule that chose the answers it was fitted on
 * @param segments the {@link SegmentSelection} the answers were read with, which the reader then
 *     keeps (0, also when absent from an older file: every segment)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Calibration(List<String> signals, double[] weights, double bias, int fittedOn, String answerChoice,
    int segments) {
  /**
   * From this probability on, an answer is presented as a confident one. Not 0.5: chosen on the
   * held-out training articles so that memories without the question's article (the corpus lacks
   * the answer) get a confident answer for under 3% of questions; at 0.5 it was 7%.
   */
  public static final double CONFIDENT = 0.65;

  /** The smallest probability the logit signals see: keeps log(p) finite. */
  private static final double FLOOR = 1e-6;
  /** L2 penalty of the fit: a little, so that a separable sample still has finite weights. */
  private static final double RIDGE = 1e-3;
  private static final int NEWTON_STEPS = 50;

  /** What a candidate's probability is computed from. */
  public enum Signal {
    /** log-odds of the candidate's pooled network probability */
    ANSWER_LOGIT,
    /** log-odds of the strongest other candidate: a close rival makes any answer less sure */
    RIVAL_LOGIT,
    /** how many words of the question the answer's sentence holds, in its own words */
    SENTENCE_MATCH,
    /** the same, by pretrained word vectors (other words with the same meaning count) */
    SENTENCE_SOFT_MATCH,
    /** 1 when the memory holds one passage (reading comprehension), 0 for retrieved passages */
    SINGLE_PASSAGE,
    /** the answer's length in words / 10: long answers are rarely exactly right */
    ANSWER_LENGTH,
    /** 1 / the retrieval rank of the answer's passage */
    PASSAGE_RANK,
    /** the question asks when (dates are easy to spot) */
    WHEN,
    /** the question asks how many or how much */
    HOW_MANY,
    /** the question asks who */
    WHO,
    /** the question asks where */
    WHERE;

    static List<String> names() {
      return java.util.Arrays.stream(values()).map(Enum::name).toList();
    }
  }

  /**
   * One candidate: its signals in {@link Signal} order, and how right it was, in [0, 1]. SQuAD's
   * training questions have one reference answer while people (and dev's three annotators) accept
   * several spans; exact match with the one reference under-counts right answers (on dev, 33% of
   * the best answers match the first annotator, 40% one of the three). So the fit's target is the
   * answer's F1 with the one reference: 1 when exactly right, partial credit for an overlapping
   * span that another annotator may well have chosen.
   */
  public record Sample(double[] signals, double credit) {
    public Sample {
      if (!(credit >= 0 && credit <= 1)) {
        throw new IllegalArgumentException("credit must be in [0, 1]: " + credit);
      }
    }

    /** A candidate that was right or wrong. */
    public Sample(double[] signals, boolean right) {
      this(signals, right ? 1 : 0);
    }
  }

  public Calibration {
    signals = List.copyOf(signals);
    weights = weights.clone();
    if (weights.length != signals.size()) {
      throw new IllegalArgumentException("one weight per signal");
    }
    new SegmentSelection(segments); // checks the range
  }

  /** How the reader selects segments: as when this calibration was fitted. */
  public SegmentSelection selection() {
    return new SegmentSelection(segments);
  }

  /** This calibration, recorded as fitted on answers read with {@code selection}. */
  public Calibration readWith(SegmentSelection selection) {
    return new Calibration(signals, weights, bias, fittedOn, answerChoice, selection.segments());
  }

  /** The identity-like calibration used before any fit: the network's own probability. */
  public static Calibration none() {
    double[] w = new double[Signal.values().length];
    w[Signal.ANSWER_LOGIT.ordinal()] = 1;
    return new Calibration(Signal.names(), w, 0, 0, AnswerChoice.NAME, 0);
  }

  /** Whether this calibration was made for the signals this code computes and the answers it chooses. */
  public boolean fits() {
    return signals.equals(Signal.names()) && AnswerChoice.NAME.equals(answerChoice);
  }

  /**
   * The signals of a candidate, in {@link Signal} order.
   *
   * @param answer the candidate's network probability (its slots pooled)
   * @param rival the strongest other candidate's
   * @param slot the candidate's best slot's {@link Feature.Group#SLOT} features
   * @param singlePassage whether the memory held one passage
   * @param type what the question asks for
   */
  static double[] signals(double answer, double rival, Map<Feature, Float> slot, boolean singlePassage,
      QuestionType type) {
    double[] s = new double[Signal.values().length];
    s[Signal.ANSWER_LOGIT.ordinal()] = logit(answer);
    s[Signal.RIVAL_LOGIT.ordinal()] = logit(rival);
    s[Signal.SENTENCE_MATCH.ordinal()] = slot.get(Feature.SENTENCE_MATCH);
    s[Signal.SENTENCE_SOFT_MATCH.ordinal()] = slot.get(Feature.SENTENCE_SOFT_MATCH);
    s[Signal.SINGLE_PASSAGE.ordinal()] = singlePassage ? 1 : 0;
    s[Signal.ANSWER_LENGTH.ordinal()] = slot.get(Feature.SPAN_LENGTH);
    s[Signal.PASSAGE_RANK.ordinal()] = slot.get(Feature.INVERSE_RANK);
    s[Signal.WHEN.ordinal()] = type == QuestionType.WHEN ? 1 : 0;
    s[Signal.HOW_MANY.ordinal()] = type == QuestionType.HOW_MANY || type == QuestionType.HOW_MUCH ? 1 : 0;
    s[Signal.WHO.ordinal()] = type == QuestionType.WHO || type == QuestionType.WHOSE ? 1 : 0;
    s[Signal.WHERE.ordinal()] = type == QuestionType.WHERE ? 1 : 0;
    return s;
  }

  /** The probability that a candidate with these signals is right. */
  public double probability(double[] signals) {
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * signals[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Fits by Newton's method (logistic regression with a small ridge penalty; a fractional credit
   * is a soft target of the same cross-entropy).
   */
  public static Calibration fit(List<Sample> samples) {
    int k = Signal.values().length + 1; // the weights and the bias
    if (samples.isEmpty()) {
      return none();
    }
    double[] beta = new double[k];
    beta[Signal.ANSWER_LOGIT.ordinal()] = 1;
    for (int step = 0; step < NEWTON_STEPS; step++) {
      DMatrixRMaj hessian = new DMatrixRMaj(k, k);
      DMatrixRMaj gradient = new DMatrixRMaj(k, 1);
      for (Sample s : samples) {
        double[] x = withBias(s.signals());
        double z = 0;
        for (int i = 0; i < k; i++) {
          z += beta[i] * x[i];
        }
        double p = 1 / (1 + Math.exp(-z));
        double r = s.credit() - p;
        double w = p * (1 - p);
        for (int i = 0; i < k; i++) {
          gradient.data[i] += r * x[i];
          for (int j = 0; j < k; j++) {
            hessian.data[i * k + j] += w * x[i] * x[j];
          }
        }
      }
      for (int i = 0; i < k; i++) {
        gradient.data[i] -= RIDGE * samples.size() * beta[i];
        hessian.data[i * k + i] += RIDGE * samples.size();
      }
      DMatrixRMaj delta = new DMatrixRMaj(k, 1);
      if (!CommonOps_DDRM.solve(hessian, gradient, delta)) {
        break;
      }
      double change = 0;
      for (int i = 0; i < k; i++) {
        beta[i] += delta.data[i];
        change = Math.max(change, Math.abs(delta.data[i]));
      }
      if (change < 1e-8) {
        break;
      }
    }
    return new Calibration(Signal.names(), java.util.Arrays.copyOf(beta, k - 1), beta[k - 1], samples.size(),
        AnswerChoice.NAME, 0);
  }

  /**
   * Expected calibration error: answers grouped into {@code bins} equal-width bins of their
   * probability; the bins' gaps between mean probability and share right, weighted by size.
   *
   * @param answers pairs {probability, 1 if right else 0}
   */
  public static double expectedError(List<double[]> answers, int bins) {
    double[] p = new double[bins];
    double[] right = new double[bins];
    int[] n = new int[bins];
    for (double[] a : answers) {
      int b = Math.min(bins - 1, (int) (a[0] * bins));
      p[b] += a[0];
      right[b] += a[1];
      n[b]++;
    }
    double error = 0;
    for (int b = 0; b < bins; b++) {
      if (n[b] > 0) {
        error += Math.abs(p[b] - right[b]) / answers.size();
      }
    }
    return error;
  }

  private static double[] withBias(double[] signals) {
    double[] x = java.util.Arrays.copyOf(signals, signals.length + 1);
    x[signals.length] = 1;
    return x;
  }

  private static double logit(double p) {
    double q = Math.min(1 - FLOOR, Math.max(FLOOR, p));
    return Math.log(q / (1 - q));
  }
}
