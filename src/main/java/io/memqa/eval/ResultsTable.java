package io.memqa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A Markdown table of finished runs next to published results, for a README. */
public final class ResultsTable {
  /** A published result: a system's name, and its EM and F1 as printed ("-" when not reported). */
  public record Anchor(String name, String em, String f1) {
    /** Parses "NAME=EM/F1" or "NAME=EM". */
    public static Anchor parse(String s) {
      int eq = s.lastIndexOf('=');
      if (eq <= 0) {
        throw new BadInputException("an anchor is NAME=EM/F1 or NAME=EM, got '" + s + "'");
      }
      String[] scores = s.substring(eq + 1).split("/", -1);
      for (String v : scores) {
        if (!v.strip().matches("-|\\d+(\\.\\d+)?")) {
          throw new BadInputException("an anchor's scores are numbers (or -), got '" + s + "'");
        }
      }
      return new Anchor(s.substring(0, eq).strip(), scores[0].strip(), scores.length > 1 ? scores[1].strip() : "-");
    }
  }

  private ResultsTable() {}

  public static String markdown(List<Path> runs, List<Anchor> anchors) throws IOException {
    StringBuilder md = new StringBuilder(
        "| system | setting | questions | EM | F1 | answer recall@K | questions/s |\n|---|---|---:|---:|---:|---:|---:|\n");
    for (Path run : runs) {
      Path file = run.resolve(RunOutputs.SUMMARY);
      if (!Files.isRegularFile(file)) {
        throw new IOException("no " + RunOutputs.SUMMARY + " in " + run + ": is the run finished?");
      }
      JsonNode s = AnswerEvaluation.JSON.readTree(file.toFile());
      JsonNode m = s.path("metrics");
      String mode = s.path("mode").asText("?");
      int k = s.path("passages").asInt(1);
      String setting = mode.equals("closed") ? "closed (gold paragraph)" : mode + ", K=" + k;
      String model = s.hasNonNull("server") ? s.path("server").asText() : Path.of(s.path("model").asText("?")).getFileName().toString();
      md.append(String.format("| memqa (%s) | %s | %,d | %s | %s | %s | %s |%n", model, setting,
          s.path("questions").asInt(), value(m, "em"), value(m, "f1"), value(m, "answer_recall@" + k),
          value(m, "questions_per_second")));
    }
    for (Anchor a : anchors) {
      md.append("| ").append(a.name()).append(" | published | - | ").append(a.em()).append(" | ").append(a.f1())
          .append(" | - | - |\n");
    }
    return md.toString();
  }

  private static String value(JsonNode metrics, String key) {
    JsonNode v = metrics.get(key);
    return v == null || !v.isNumber() ? "-" : String.format("%.1f", v.asDouble());
  }
}
