package io.memqa.eval;

import static io.memqa.eval.Rows.failed;
import static io.memqa.eval.Rows.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.eval.Calibration.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calibration and coverage on synthetic outcomes whose figures are worked out by hand. */
class CalibrationTest {
  /** {@code n} answered outcomes at {@code score}, the first {@code right} of them right. */
  private static List<Outcome> at(double score, int n, int right) {
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Outcome(score, true, i < right));
    }
    return out;
  }

  private static List<Outcome> concat(List<Outcome> a, List<Outcome> b) {
    List<Outcome> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void aPerfectlyCalibratedSetHasNoError() {
    // right 25% of the time at score 0.25 and 75% of the time at 0.75
    List<Outcome> calibrated = concat(at(0.25, 4, 1), at(0.75, 4, 3));
    assertThat(Calibration.ece(calibrated)).isZero();
    List<Calibration.Bin> bins = Calibration.reliability(calibrated);
    assertThat(bins).hasSize(10);
    assertThat(bins.get(2)).isEqualTo(new Calibration.Bin(20, 30, 4, 25.0, 25.0));
    assertThat(bins.get(7)).isEqualTo(new Calibration.Bin(70, 80, 4, 75.0, 75.0));
    assertThat(bins.get(0).questions()).isZero();
  }

  @Test
  void anOverConfidentSetHasTheErrorWorkedOutByHand() {
    // 10 at 0.9 with 6 right: gap 0.3; 10 at 0.55 with 5 right: gap 0.05; ECE = 0.5 * 0.3 + 0.5 * 0.05
    assertThat(Calibration.ece(concat(at(0.9, 10, 6), at(0.55, 10, 5)))).isEqualTo(17.5);
    // always 95% sure, right half the time
    assertThat(Calibration.ece(at(0.95, 8, 4))).isEqualTo(45.0);
    // under-confidence counts too: 0.15 but always right
    assertThat(Calibration.ece(at(0.15, 3, 3))).isEqualTo(85.0);
  }

  @Test
  void unansweredQuestionsStayOutOfTheBinsAndScoresAreClamped() {
    List<Outcome> withUnanswered = concat(at(0.25, 4, 1), List.of(new Outcome(0, false, true), new Outcome(0, false, false)));
    assertThat(Calibration.ece(withUnanswered)).isZero();
    assertThat(Calibration.reliability(withUnanswered).stream().mapToInt(Calibration.Bin::questions).sum()).isEqualTo(4);
    // a score of exactly 1 (or above, from a remote answerer) is in the last bin
    List<Calibration.Bin> bins = Calibration.reliability(List.of(new Outcome(1.0, true, true), new Outcome(1.2, true, true)));
    assertThat(bins.get(9)).isEqualTo(new Calibration.Bin(90, 100, 2, 100.0, 100.0));
    assertThat(Calibration.ece(List.of())).isZero();
  }

  @Test
  void coverageAnswersTheMostConfidentFirstRoundingUp() {
    List<Outcome> five = List.of(new Outcome(0.6, true, true), new Outcome(0.9, true, true), new Outcome(0.2, true, false),
        new Outcome(0.8, true, false), new Outcome(0.7, true, true));
    // by score: 0.9 right, 0.8 wrong, 0.7 right, 0.6 right, 0.2 wrong
    assertThat(Calibration.accuracyAtCoverage(five, 10)).isEqualTo(100.0);   // 1 question
    assertThat(Calibration.accuracyAtCoverage(five, 50)).isEqualTo(66.67);   // ceil(2.5) = 3: 2 right
    assertThat(Calibration.accuracyAtCoverage(five, 80)).isEqualTo(75.0);    // 4: 3 right
    assertThat(Calibration.accuracyAtCoverage(five, 100)).isEqualTo(60.0);
    List<Calibration.Point> curve = Calibration.coverageCurve(five);
    assertThat(curve).extracting(Calibration.Point::coverage).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
    assertThat(curve.get(4)).isEqualTo(new Calibration.Point(50, 3, 66.67, 70.0));
    assertThatThrownBy(() -> Calibration.accuracyAtCoverage(five, 0)).hasMessageContaining("coverage must be 1 to 100");
  }

  @Test
  void questionsWithoutAnAnswerComeLastInCoverage() {
    List<Outcome> outcomes = List.of(new Outcome(0, false, true), new Outcome(0.1, true, false));
    assertThat(Calibration.accuracyAtCoverage(outcomes, 50)).isZero();
    assertThat(Calibration.accuracyAtCoverage(outcomes, 100)).isEqualTo(50.0);
    assertThat(Calibration.accuracyAtCoverage(List.of(), 50)).isZero();
  }

  @Test
  void anAnswerToAnUnanswerableQuestionIsWrongAndNoAnswerIsRight() {
    assertThat(Outcome.of(scored("u1", null, "Paris", 0.8, 0.5))).isEqualTo(new Outcome(0.8, true, false));
    assertThat(Outcome.of(scored("u2", null, "", 0.0, 0.5))).isEqualTo(new Outcome(0, false, true));
    assertThat(Outcome.of(scored("a1", "Paris", "Paris", 0.4, 0.5))).isEqualTo(new Outcome(0.4, true, true));
    assertThat(Outcome.of(scored("a2", "Paris", "", 0.0, 0.5))).isEqualTo(new Outcome(0, false, false));
    assertThat(Outcome.of(failed("e", "What?", "server answered 500"))).isEqualTo(new Outcome(0, false, false));
  }
}
