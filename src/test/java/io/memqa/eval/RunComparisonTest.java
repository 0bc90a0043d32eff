package io.memqa.eval;

import static io.memqa.eval.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.eval.AnswerEvaluation.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunComparisonTest {
  @TempDir Path dir;

  static Path run(Path dir, List<Row> rows, boolean withSummary) throws IOException {
    Files.createDirectories(dir);
    StringBuilder lines = new StringBuilder();
    for (Row r : rows) {
      lines.append(AnswerEvaluation.JSON.writeValueAsString(r)).append('\n');
    }
    Files.writeString(dir.resolve(AnswerEvaluation.PREDICTIONS), lines);
    if (withSummary) {
      RunOutputs.write(dir, Summary.of(rows, rows.size(), 2.0), rows, Map.of("mode", "open"), 0);
    }
    return dir;
  }

  @Test
  void metricDeltasAndFlippedQuestions() throws IOException {
    Path a = run(dir.resolve("a"), List.of(
        row("q1", "Who wrote Hamlet?", "Shakespeare", "Shakespeare", 1, 1, 2, 10),
        row("q2", "When did it end?", "1945", "1944", 0, 1, 2, 10),
        row("q3", "Where is the Louvre?", "Paris", "Paris", 1, 1, 2, 10),
        row("q4", "What is red?", "blood", "wine", 0, 0, 2, 10)), true);
    Path b = run(dir.resolve("b"), List.of(
        row("q1", "Who wrote Hamlet?", "Shakespeare", "Marlowe", 0, 1, 2, 10),
        row("q2", "When did it end?", "1945", "1945", 1, 1, 2, 10),
        row("q3", "Where is the Louvre?", "Paris", "Paris", 1, 2, 2, 10),
        row("q5", "What is blue?", "sky", "sky", 1, 1, 2, 10)), false);
    RunComparison c = RunComparison.of(a, b);
    assertThat(c.lost()).extracting(f -> f.a().id()).containsExactly("q1");
    assertThat(c.gained()).extracting(f -> f.b().id()).containsExactly("q2");
    assertThat(c.deltas()).containsEntry("em", 25.0).containsEntry("answer_recall@1", 0.0)
        .containsEntry("answer_recall@2", 25.0).containsEntry("questions_per_second", null);
    String md = c.markdown(20);
    assertThat(md).contains("| em | 50.00 | 75.00 | +25.00 |", "3 in both runs, 1 only in A, 1 only in B",
        "cover different question sets", "## Right in A, wrong in B (1)",
        "| q1 | Who wrote Hamlet? | Shakespeare | Shakespeare | Marlowe |", "## Wrong in A, right in B (1)");
    assertThat(RunComparison.of(a, b).markdown(0)).contains("... and 1 more.").doesNotContain("| q1 |");
  }

  @Test
  void aDirectoryWithoutARunIsAClearError() {
    assertThatThrownBy(() -> RunComparison.of(dir, dir))
        .isInstanceOf(IOException.class).hasMessageContaining("no predictions.jsonl at");
  }

  @Test
  void resultsTablePutsRunsNextToPublishedAnchors() throws IOException {
    Path closed = run(dir.resolve("closed"), List.of(row("q1", "Who?", "x", "x", 1, 1, 1, 5)), false);
    RunOutputs.write(closed, Summary.of(PredictionsFile.read(closed.resolve(AnswerEvaluation.PREDICTIONS)), 1, 0.5),
        List.of(), Map.of("mode", "closed", "passages", 1, "model", "/m/models/squad"), 0);
    String md = ResultsTable.markdown(List.of(closed), List.of(ResultsTable.Anchor.parse("Logistic regression (Rajpurkar et al., 2016)=40.4/51.0"),
        ResultsTable.Anchor.parse("DrQA=29.8")));
    assertThat(md.lines()).containsExactly(
        "| system | setting | questions | EM | F1 | answer recall@K | questions/s |",
        "|---|---|---:|---:|---:|---:|---:|",
        "| memqa (squad) | closed (gold paragraph) | 1 | 100.0 | 100.0 | 100.0 | 2.0 |",
        "| Logistic regression (Rajpurkar et al., 2016) | published | - | 40.4 | 51.0 | - | - |",
        "| DrQA | published | - | 29.8 | - | - | - |");
    assertThatThrownBy(() -> ResultsTable.Anchor.parse("DrQA")).hasMessageContaining("NAME=EM/F1");
    assertThatThrownBy(() -> ResultsTable.Anchor.parse("DrQA=high")).hasMessageContaining("numbers");
  }

  @Test
  void runSettingsGuardAnExistingRun() throws IOException {
    Path out = dir.resolve("run");
    Map<String, Object> settings = Map.of("mode", "open", "passages", 5);
    assertThat(RunSettings.prepare(out, settings, true, false)).isFalse();
    Files.writeString(out.resolve(AnswerEvaluation.PREDICTIONS), "");
    assertThatThrownBy(() -> RunSettings.prepare(out, settings, false, false))
        .hasMessageContaining("already holds a run: add --resume");
    assertThat(RunSettings.prepare(out, settings, true, false)).isTrue();
    assertThatThrownBy(() -> RunSettings.prepare(out, Map.of("mode", "open", "passages", 10), true, false))
        .hasMessageContaining("other settings (passages: 5 then, 10 now)");
    assertThat(RunSettings.prepare(out, Map.of("mode", "closed"), false, true)).isFalse();
    assertThatThrownBy(() -> RunSettings.prepare(out, settings, true, true)).hasMessageContaining("exclude each other");
  }
}
