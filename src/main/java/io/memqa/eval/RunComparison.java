package io.memqa.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.memqa.eval.AnswerEvaluation.Row;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two runs side by side: each metric's change, and the questions that flipped between right and
 * wrong (hits@1), matched by question id.
 */
public final class RunComparison {
  private static final String HEADING = "# Comparison\n\n";
  /** A question answered in both runs, right in one and wrong in the other. */
  public record Flip(Row a, Row b) {}

  private final Path a;
  private final Path b;
  private final Map<String, Double> metricsA;
  private final Map<String, Double> metricsB;
  private final List<Flip> lost = new ArrayList<>();
  private final List<Flip> gained = new ArrayList<>();
  private final int rowsA;
  private final int rowsB;
  private int common;

  private RunComparison(Path a, Path b, List<Row> rowsA, List<Row> rowsB) throws IOException {
    this.a = a;
    this.b = b;
    this.metricsA = metrics(a, rowsA);
    this.metricsB = metrics(b, rowsB);
    this.rowsA = rowsA.size();
    this.rowsB = rowsB.size();
    Map<String, Row> byId = new LinkedHashMap<>();
    rowsB.forEach(r -> byId.putIfAbsent(r.id(), r));
    for (Row ra : rowsA) {
      Row rb = byId.get(ra.id());
      if (rb == null) {
        continue;
      }
      common++;
      if (ra.hit() && !rb.hit()) {
        lost.add(new Flip(ra, rb));
      } else if (!ra.hit() && rb.hit()) {
        gained.add(new Flip(ra, rb));
      }
    }
  }

  /** Compares the run directories {@code a} (before) and {@code b} (after). */
  public static RunComparison of(Path a, Path b) throws IOException {
    return new RunComparison(a, b, PredictionsFile.read(a.resolve(AnswerEvaluation.PREDICTIONS)),
        PredictionsFile.read(b.resolve(AnswerEvaluation.PREDICTIONS)));
  }

  /** The run's summary.json metrics, or metrics computed from its rows when it has none yet. */
  private static Map<String, Double> metrics(Path dir, List<Row> rows) throws IOException {
    Path summary = dir.resolve(RunOutputs.SUMMARY);
    if (!Files.isRegularFile(summary)) {
      return Summary.of(rows, 0, 0).metrics();
    }
    JsonNode m = AnswerEvaluation.JSON.readTree(summary.toFile()).path("metrics");
    return AnswerEvaluation.JSON.convertValue(m, new TypeReference<LinkedHashMap<String, Double>>() {});
  }

  /** Right in A, wrong in B. */
  public List<Flip> lost() {
    return lost;
  }

  /** Wrong in A, right in B. */
  public List<Flip> gained() {
    return gained;
  }

  /** B minus A for every metric either run has (null where one lacks it). */
  public Map<String, Double> deltas() {
    Map<String, Double> d = new LinkedHashMap<>();
    for (String k : keys()) {
      Double x = metricsA.get(k);
      Double y = metricsB.get(k);
      d.put(k, x == null || y == null ? null : Summary.round(y - x));
    }
    return d;
  }

  private Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>(metricsA.keySet());
    keys.addAll(metricsB.keySet());
    return keys;
  }

  /**
   * Refuses to write a comparison over {@code file} unless it is absent or an earlier comparison
   * (which starts with {@link #HEADING}): memqa does not overwrite files it did not write.
   */
  public static void checkOutput(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    boolean ours = false;
    if (Files.isRegularFile(file)) {
      byte[] heading = HEADING.getBytes(StandardCharsets.UTF_8);
      try (InputStream in = Files.newInputStream(file)) {
        ours = Arrays.equals(in.readNBytes(heading.length), heading);
      }
    }
    if (!ours) {
      throw new BadInputException("refusing to write the comparison to " + file + ": it is "
          + (Files.isDirectory(file) ? "a directory" : "a file memqa did not write")
          + "; choose another --out, or move that one away first");
    }
  }

  /** The comparison as Markdown, listing at most {@code show} flipped questions each way. */
  public String markdown(int show) {
    StringBuilder md = new StringBuilder(HEADING);
    md.append("- A: ").append(a).append("\n- B: ").append(b).append("\n\n");
    md.append("| metric | A | B | B - A |\n|---|---:|---:|---:|\n");
    Map<String, Double> d = deltas();
    for (String k : keys()) {
      Double delta = d.get(k);
      md.append("| ").append(k).append(" | ").append(RunOutputs.number(metricsA.get(k))).append(" | ")
          .append(RunOutputs.number(metricsB.get(k))).append(" | ")
          .append(delta == null ? "-" : String.format("%+.2f", delta)).append(" |\n");
    }
    md.append("\nQuestions: ").append(common).append(" in both runs, ").append(rowsA - common).append(" only in A, ")
        .append(rowsB - common).append(" only in B.");
    if (rowsA != common || rowsB != common) {
      md.append(" The metrics above cover different question sets.");
    }
    md.append("\n");
    flips(md, "Right in A, wrong in B", lost, show);
    flips(md, "Wrong in A, right in B", gained, show);
    return md.toString();
  }

  private static void flips(StringBuilder md, String title, List<Flip> flips, int show) {
    md.append("\n## ").append(title).append(" (").append(flips.size()).append(")\n\n");
    if (flips.isEmpty()) {
      return;
    }
    md.append("| id | question | reference | A | B |\n|---|---|---|---|---|\n");
    for (Flip f : flips.subList(0, Math.min(show, flips.size()))) {
      md.append("| ").append(Report.cell(f.a().id())).append(" | ").append(Report.cell(f.a().question()))
          .append(" | ").append(Report.cell(f.a().references().isEmpty() ? "" : f.a().references().get(0)))
          .append(" | ").append(Report.cell(answer(f.a()))).append(" | ").append(Report.cell(answer(f.b()))).append(" |\n");
    }
    if (flips.size() > show) {
      md.append("\n... and ").append(flips.size() - show).append(" more.\n");
    }
  }

  private static String answer(Row r) {
    return r.error() != null ? "(error: " + r.error() + ")" : r.prediction();
  }
}
