package io.memqa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memqa.eval.AnswerEvaluation.Row;
import io.memqa.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a run's summary.json, report.md and charts, each atomically. */
public final class RunOutputs {
  public static final String SUMMARY = "summary.json";
  public static final String REPORT = "report.md";

  private RunOutputs() {}

  public static void write(Path outDir, Summary s, List<Row> rows, Map<String, Object> about, long skipped)
      throws IOException {
    write(outDir, s, rows, about, skipped, 0);
  }

  /** {@code unanswerableLeftOut}: unanswerable questions a closed-mode run could not read (no paragraph). */
  public static void write(Path outDir, Summary s, List<Row> rows, Map<String, Object> about, long skipped,
      long unanswerableLeftOut) throws IOException {
    Summary summary = s.answered() == 0 ? withEarlierSpeed(outDir, s) : s;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("metrics", summary.metrics());
    json.put("questions", summary.questions());
    json.put("errors", summary.errors());
    json.put("skipped_records", skipped);
    json.put("unanswerable_left_out", unanswerableLeftOut);
    json.put("answered_this_run", summary.answered());
    json.put("seconds", Summary.round(summary.seconds()));
    json.put("by_type", summary.byType());
    json.put("by_answer_length", summary.byAnswerLength());
    json.putAll(about);
    AtomicFiles.writeString(outDir.resolve(SUMMARY),
        AnswerEvaluation.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
    Charts.write(outDir, summary, rows);
    AtomicFiles.writeString(outDir.resolve(REPORT), Report.markdown(summary, rows, about, skipped, unanswerableLeftOut));
  }

  /** A resumed run with nothing left to answer keeps the speed its earlier summary measured. */
  private static Summary withEarlierSpeed(Path outDir, Summary s) throws IOException {
    Path old = outDir.resolve(SUMMARY);
    if (!Files.isRegularFile(old)) {
      return s;
    }
    JsonNode qps = AnswerEvaluation.JSON.readTree(old.toFile()).path("metrics").path("questions_per_second");
    if (!qps.isNumber()) {
      return s;
    }
    Map<String, Double> m = new LinkedHashMap<>(s.metrics());
    m.put("questions_per_second", qps.asDouble());
    return new Summary(m, s.byType(), s.byAnswerLength(), s.questions(), s.errors(), s.answered(), s.seconds());
  }

  /** Two decimals, or "-" for a missing value. */
  static String number(Double v) {
    return v == null ? "-" : String.format("%.2f", v);
  }
}
