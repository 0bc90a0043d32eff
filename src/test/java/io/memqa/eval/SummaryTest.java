package io.memqa.eval;

import static io.memqa.eval.Rows.failed;
import static io.memqa.eval.Rows.row;
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
        r.score(), r.em(), r.f1(), r.hit(), r.answerRank(), null, r.retrieved(), r.latencyMs(), null, r.passages(), null);
    assertThat(Summary.of(List.of(unmeasured), 1, 1).metrics()).doesNotContainKey("candidate_recall");
  }

  @Test
  void regexQuestionsGetTheirOwnMatchRate() {
    Row r = ROWS.get(0);
    Row regex = new Row("r", "Who?", "who", "regex", List.of("Shakespeare?"), true, "Shakespear", 0, 1, 1, true, 1,
        true, true, 5, null, r.passages(), null);
    Summary s = Summary.of(List.of(regex, ROWS.get(1)), 2, 1);
    assertThat(s.metrics()).containsEntry("regex_match", 100.0).containsEntry("hits@1", 50.0);
    assertThat(s.byAnswerLength()).containsKeys("regex", "1");
  }

  @Test
  void anEmptyRunHasZeros() {
    Summary s = Summary.of(List.of(), 0, 0);
    assertThat(s.metrics()).containsEntry("em", 0.0).containsEntry("latency_ms_p50", 0.0);
    assertThat(s.depth()).isZero();
    assertThat(s.byType()).isEmpty();
  }
}
