package io.memqa.eval;

import static io.memqa.eval.Rows.scored;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.memqa.eval.AnswerEvaluation.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The confidence figures of a run in summary.json, report.md, the charts and eval compare. */
class ConfidenceReportTest {
  @TempDir Path dir;

  /** The seven rows of SummaryTest: four answerable, three unanswerable. */
  static final List<Row> ROWS = List.of(
      scored("a", "Paris", "Paris", 0.9, 0.5), scored("b", "Rome", "Milan", 0.6, 0.5),
      scored("c", "Oslo", "Oslo", 0.3, 0.5), scored("d", "Bern", "", 0.0, 0.5),
      scored("u1", null, "Lima", 0.7, 0.5), scored("u2", null, "Quito", 0.2, 0.5), scored("u3", null, "", 0.0, 0.5));

  private Path write(String name, List<Row> rows) throws IOException {
    Path out = dir.resolve(name);
    Files.createDirectories(out);
    StringBuilder lines = new StringBuilder();
    for (Row r : rows) {
      lines.append(AnswerEvaluation.JSON.writeValueAsString(r)).append('\n');
    }
    Files.writeString(out.resolve(AnswerEvaluation.PREDICTIONS), lines);
    Map<String, Object> about = new LinkedHashMap<>(Map.of("mode", "open", "dataset", "syn"));
    about.put("confidence_threshold", 0.5);
    RunOutputs.write(out, Summary.of(rows, rows.size(), 1.0), rows, about, 0);
    return out;
  }

  @Test
  void theReportHoldsCalibrationCoverageAndUnanswerableFigures() throws IOException {
    Path out = write("run", ROWS);
    String report = Files.readString(out.resolve(RunOutputs.REPORT));
    assertThat(report).contains(
        "They are over the 4 answerable questions; the 3 unanswerable ones are scored below.",
        "## Confidence",
        "answerable answered confidently (score >= 0.5) % | EM of those |",
        "| 46.00 | 50.00 | 33.33 | 50.00 | 50.00 |",
        "| 90-100 | 1 | 90.00 | 100.00 |",
        "| 0-10 | 0 | 0.00 | 0.00 |",
        "| 50 | 4 | 50.00 | 30.00 |",
        "| 100 | 7 | 42.86 | 0.00 |",
        "## Unanswerable questions",
        "| 3 | 1 | 30.00 |");
    JsonNode summary = AnswerEvaluation.JSON.readTree(out.resolve(RunOutputs.SUMMARY).toFile());
    assertThat(summary.at("/metrics/ece").asDouble()).isEqualTo(46.0);
    assertThat(summary.at("/reliability/9/questions").asInt()).isEqualTo(1);
    assertThat(summary.at("/coverage/4/accuracy").asDouble()).isEqualTo(50.0);
    assertThat(summary.path("confidence_threshold").asDouble()).isEqualTo(0.5);
    assertThat(out.resolve(Charts.RELIABILITY)).isNotEmptyFile();
    assertThat(out.resolve(Charts.COVERAGE)).isNotEmptyFile();
    List<Row> read = PredictionsFile.read(out.resolve(AnswerEvaluation.PREDICTIONS));
    assertThat(read).extracting(Row::confident).containsExactly(true, true, false, false, true, false, false);
  }

  @Test
  void compareShowsTheChangeInCalibration() throws IOException {
    Path a = write("a", ROWS);
    // B stops answering the unanswerable questions: fewer confident wrong answers, more right at 80% coverage
    Path b = write("b", List.of(ROWS.get(0), ROWS.get(1), ROWS.get(2), ROWS.get(3),
        scored("u1", null, "", 0.0, 0.5), scored("u2", null, "", 0.0, 0.5), ROWS.get(6)));
    String md = RunComparison.of(a, b).markdown(5);
    assertThat(md).contains("| ece | 46.00 | 46.67 | +0.67 |", "| unanswerable_confident | 1.00 | 0.00 | -1.00 |",
        "| em_coverage@80 | 33.33 | 66.67 | +33.34 |");
  }
}
