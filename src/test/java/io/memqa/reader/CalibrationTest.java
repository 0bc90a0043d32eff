package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  private static final int N = Calibration.Signal.values().length;

  /** Answers whose true chance of being right is a known function of two signals. */
  private static List<Calibration.Sample> sample(int n, long seed) {
    Random r = new Random(seed);
    List<Calibration.Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[N];
      x[Calibration.Signal.ANSWER_LOGIT.ordinal()] = r.nextGaussian() * 2;
      x[Calibration.Signal.SINGLE_PASSAGE.ordinal()] = r.nextBoolean() ? 1 : 0;
      // The network is over-confident (logit halved) and worse on retrieved passages.
      double z = 0.5 * x[Calibration.Signal.ANSWER_LOGIT.ordinal()] + x[Calibration.Signal.SINGLE_PASSAGE.ordinal()] - 0.5;
      out.add(new Calibration.Sample(x, r.nextDouble() < 1 / (1 + Math.exp(-z))));
    }
    return out;
  }

  private static double ece(Calibration c, List<Calibration.Sample> samples) {
    return Calibration.expectedError(samples.stream()
        .map(s -> new double[] {c.probability(s.signals()), s.credit()}).toList(), 10);
  }

  @Test
  void theFitRecoversTheTrueChanceOfBeingRightOnNewAnswers() {
    Calibration fitted = Calibration.fit(sample(20_000, 1));
    List<Calibration.Sample> fresh = sample(20_000, 2);
    assertThat(fitted.weights()[Calibration.Signal.ANSWER_LOGIT.ordinal()]).isCloseTo(0.5, Offset.offset(0.05));
    assertThat(fitted.weights()[Calibration.Signal.SINGLE_PASSAGE.ordinal()]).isCloseTo(1.0, Offset.offset(0.1));
    assertThat(fitted.bias()).isCloseTo(-0.5, Offset.offset(0.1));
    assertThat(ece(fitted, fresh)).isLessThan(0.02);
    assertThat(ece(Calibration.none(), fresh)).isGreaterThan(0.08); // the network's own score is not a probability
    assertThat(fitted.fittedOn()).isEqualTo(20_000);
  }

  @Test
  void partialCreditIsASoftTarget() {
    // Each answer's credit is its true chance: the fit must find the weights that made it.
    Random r = new Random(3);
    List<Calibration.Sample> soft = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      double[] x = new double[N];
      x[Calibration.Signal.ANSWER_LOGIT.ordinal()] = r.nextGaussian() * 2;
      soft.add(new Calibration.Sample(x, 1 / (1 + Math.exp(-(0.7 * x[Calibration.Signal.ANSWER_LOGIT.ordinal()] + 0.3)))));
    }
    Calibration fitted = Calibration.fit(soft);
    assertThat(fitted.weights()[Calibration.Signal.ANSWER_LOGIT.ordinal()]).isCloseTo(0.7, Offset.offset(0.01));
    assertThat(fitted.bias()).isCloseTo(0.3, Offset.offset(0.01));
    assertThat(new Calibration.Sample(new double[N], true).credit()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Calibration.Sample(new double[N], 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noneIsTheNetworksOwnProbability() {
    double[] x = Calibration.signals(0.8, 0.1, java.util.Map.of(Feature.SENTENCE_MATCH, 0f, Feature.SENTENCE_SOFT_MATCH, 0f,
        Feature.SPAN_LENGTH, 0.1f, Feature.INVERSE_RANK, 1f), true, QuestionType.WHEN);
    assertThat(Calibration.none().probability(x)).isCloseTo(0.8, Offset.offset(1e-9));
    assertThat(x[Calibration.Signal.WHEN.ordinal()]).isEqualTo(1);
    assertThat(x[Calibration.Signal.WHO.ordinal()]).isZero();
  }

  @Test
  void aSeparableSampleStillGivesFiniteWeights() {
    List<Calibration.Sample> s = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      double[] x = new double[N];
      x[Calibration.Signal.ANSWER_LOGIT.ordinal()] = i < 50 ? -1 : 1;
      s.add(new Calibration.Sample(x, i >= 50));
    }
    Calibration c = Calibration.fit(s);
    for (double w : c.weights()) {
      assertThat(w).isFinite();
    }
    assertThat(c.probability(s.get(99).signals())).isGreaterThan(0.9);
    assertThat(Calibration.fit(List.of())).usingRecursiveComparison().isEqualTo(Calibration.none());
  }

  @Test
  void expectedErrorIsTheSizeWeightedGapPerBin() {
    // Bin [0.9,1): two answers at 0.95, one right -> gap 0.45; bin [0.1,0.2): one at 0.15, wrong -> gap 0.15.
    List<double[]> answers = List.of(new double[] {0.95, 1}, new double[] {0.95, 0}, new double[] {0.15, 0});
    assertThat(Calibration.expectedError(answers, 10)).isCloseTo((2 * 0.45 + 0.15) / 3, Offset.offset(1e-12));
  }

  @Test
  void aCalibrationForOtherSignalsOrAnswersDoesNotFit() {
    Calibration none = Calibration.none();
    assertThat(none.fits()).isTrue();
    assertThat(new Calibration(List.of("ANSWER_LOGIT"), new double[] {1}, 0, 0, AnswerChoice.NAME, 0).fits()).isFalse();
    // Fitted before answers were chosen by AnswerChoice (no rule recorded), or by another rule.
    assertThat(new Calibration(none.signals(), none.weights(), 0, 0, null, 0).fits()).isFalse();
    assertThat(new Calibration(none.signals(), none.weights(), 0, 0, "expected-f1/8/0.5", 0).fits()).isFalse();
  }
}
