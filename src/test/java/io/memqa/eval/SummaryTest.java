package io.memqa.eval;

import static io.memqa.eval.Rows.failed;
import static io.memqa.eval.Rows.row;
import static io.memqa.eval.Rows.scored;
import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.eval.AnswerEvaluation.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
  static final List<Row> ROWS = List.of(
      row("a", "Who wrote Hamlet?", "Shakespeare", "Shakespeare", 1.0, 1, 3, 10),
      row("b", "When did the war end?", "1945", "1944", 0.0, 2, 3, 20),
      row("c", "Where is the Louvre?", "in Paris", "Paris", 0.67, 0, 3, 30),
      row("d", "How many legs has a cat?", "four", "four", 1.0, 3, 3, 40));

  @Test
  void averagesInPercentAndTheRecallCurve() {
    Summary s = Summary.of(ROWS, 4, 2.0);
    Map<String, Double> m = s.metrics();
    assertThat(m).containsEntry("em", 50.0).containsEntry("f1", 66.75).containsEntry("hits@1", 50.0)
        .containsEntry("candidate_recall", 75.0).containsEntry("retrieval_recall", 75.0)
        .containsEntry("answer_recall@1", 25.0).containsEntry("answer_recall@2", 50.0)
        .containsEntry("answer_recall@3", 75.0).doesNotContainKey("answer_recall@4")
        .containsEntry("latency_ms_p50", 20.0).containsEntry("latency_ms_p95", 40.0)
        .containsEntry("latency_ms_p99", 40.0).containsEntry("questions_per_second", 2.0)
        .doesNotContainKey("regex_match");
    assertThat(s.depth()).isEqualTo(3);
    assertThat(s.questions()).isEqualTo(4);
    assertThat(s.errors()).isZero();
  }

  @Test
  void breakdownsByTypeAndAnswerLength() {
    Summary s = Summary.of(ROWS, 4, 1.0);
    assertThat(s.byType()).containsOnlyKeys("who", "when", "where", "how many");
    assertThat(List.copyOf(s.byType().keySet())).containsExactly("who", "when", "where", "how many");
    assertThat(s.byType().get("who")).isEqualTo(new Summary.Group(1, 100.0, 100.0));
    assertThat(s.byType().get("where")).isEqualTo(new Summary.Group(1, 0.0, 67.0));
    assertThat(s.byAnswerLength()).containsOnlyKeys("1", "2");
    assertThat(s.byAnswerLength().get("1")).isEqualTo(new Summary.Group(3, 66.67, 66.67));
    assertThat(s.byAnswerLength().get("2")).isEqualTo(new Summary.Group(1, 0.0, 67.0));
  }

  @Test
  void failuresScoreZeroAndStayOutOfLatency() {
    List<Row> rows = new java.util.ArrayList<>(ROWS);
    rows.add(failed("e", "What is it?", "server answered 500"));
    Summary s = Summary.of(rows, 0, 1.0);
    assertThat(s.errors()).isEqualTo(1);
    assertThat(s.metrics()).containsEntry("em", 40.0).containsEntry("latency_ms_p99", 40.0)
        .doesNotContainKey("questions_per_second");
  }

  @Test
  void candidateRecallIsLeftOutWhenItCouldNotBeMeasured() {
    Row r = ROWS.get(0);
    Row unmeasured = new Row(r.id(), r.question(), r.type(), r.answerLength(), r.references(), false, r.prediction(),
        r.score(), r.confident(), r.em(), r.f1(), r.hit(), r.answerRank(), null, r.retrieved(), r.latencyMs(), null, r.passages(), null);
    assertThat(Summary.of(List.of(unmeasured), 1, 1).metrics()).doesNotContainKey("candidate_recall");
  }

  @Test
  void regexQuestionsGetTheirOwnMatchRate() {
    Row r = ROWS.get(0);
    Row regex = new Row("r", "Who?", "who", "regex", List.of("Shakespeare?"), true, "Shakespear", 0, false, 1, 1, true, 1,
        true, true, 5, null, r.passages(), null);
    Summary s = Summary.of(List.of(regex, ROWS.get(1)), 2, 1);
    assertThat(s.metrics()).containsEntry("regex_match", 100.0).containsEntry("hits@1", 50.0);
    assertThat(s.byAnswerLength()).containsKeys("regex", "1");
  }

  @Test
  void unanswerableQuestionsAreScoredApartFromEmAndF1() {
    List<Row> rows = List.of(
        scored("a", "Paris", "Paris", 0.9, 0.5),     // answerable, right, confident
        scored("b", "Rome", "Milan", 0.6, 0.5),      // answerable, wrong, confident
        scored("c", "Oslo", "Oslo", 0.3, 0.5),       // answerable, right, not confident
        scored("d", "Bern", "", 0.0, 0.5),           // answerable, no answer
        scored("u1", null, "Lima", 0.7, 0.5),        // unanswerable, answered confidently: wrong
        scored("u2", null, "Quito", 0.2, 0.5),       // unanswerable, a low-score answer: still wrong
        scored("u3", null, "", 0.0, 0.5));           // unanswerable, no answer: right
    Summary s = Summary.of(rows, rows.size(), 1.0);
    assertThat(s.questions()).isEqualTo(7);
    assertThat(s.answerable()).isEqualTo(4);
    assertThat(s.metrics()).containsEntry("em", 50.0).containsEntry("f1", 50.0).containsEntry("hits@1", 50.0)
        .containsEntry("answered_confidently", 50.0).containsEntry("confident_em", 50.0)
        .containsEntry("unanswerable", 3.0).containsEntry("unanswerable_confident", 1.0)
        .containsEntry("unanswerable_mean_score", 30.0)
        // answered, by score: 0.9 right, 0.7 wrong, 0.6 wrong, 0.3 right, 0.2 wrong; then d (wrong), u3 (right)
        .containsEntry("em_coverage@50", 50.0)    // ceil(3.5) = 4 questions: 2 right
        .containsEntry("em_coverage@80", 33.33);  // 6 questions: 2 right
    // bins: 0.2 wrong, 0.3 right, 0.6 wrong, 0.7 wrong, 0.9 right; ECE = (0.2 + 0.7 + 0.6 + 0.7 + 0.1) / 5
    assertThat(s.metrics()).containsEntry("ece", 46.0);
    assertThat(s.byType()).containsOnlyKeys("what");
    assertThat(s.byType().get("what").questions()).isEqualTo(4);
    assertThat(s.coverage()).hasSize(10);
    assertThat(s.reliability()).hasSize(10);
  }

  @Test
  void aRunWithoutUnanswerableQuestionsHasNoSuchMetrics() {
    assertThat(Summary.of(ROWS, 4, 1).metrics()).doesNotContainKeys("unanswerable", "unanswerable_confident")
        .containsKeys("ece", "em_coverage@50", "em_coverage@80", "answered_confidently", "confident_em");
    assertThat(Summary.of(ROWS, 4, 1).answerable()).isEqualTo(4);
  }

  @Test
  void anEmptyRunHasZeros() {
    Summary s = Summary.of(List.of(), 0, 0);
    assertThat(s.metrics()).containsEntry("em", 0.0).containsEntry("latency_ms_p50", 0.0);
    assertThat(s.depth()).isZero();
    assertThat(s.byType()).isEmpty();
  }
}
