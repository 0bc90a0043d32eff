import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the harnesses' result files into the printed tables, as Markdown and JSON.
 *
 * <p>Usage: Report compare RESULTS_DIR
 * <br>or: Report scale RESULTS_DIR SIZE,SIZE,.. ENGINE,ENGINE,..
 */
public final class Report {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Passages in the DPR Wikipedia split (psgs_w100), the size memqa targets. */
  private static final long WIKI_PASSAGES = 21_015_324L;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    StringBuilder md = new StringBuilder();
    ObjectNode all = JSON.createObjectNode();
    all.put("load_before", text(dir.resolve("load-before.txt")));
    all.put("load_after", text(dir.resolve("load-after.txt")));
    String name = args[0];
    if (name.equals("compare")) {
      compare(dir, md, all);
    } else {
      scale(dir, args[2].split(","), args[3].split(","), md, all);
    }
    md.append("\nLoad average (1/5/15 min) before: ").append(all.get("load_before").asText())
        .append("; after: ").append(all.get("load_after").asText()).append('\n');
    Files.writeString(dir.resolve(name + ".md"), md);
    Files.writeString(dir.resolve(name + ".json"), JSON.writeValueAsString(all) + "\n");
    System.out.print(md);
    System.out.println("\nwrote " + dir.resolve(name + ".md") + " and " + dir.resolve(name + ".json"));
  }

  private static void compare(Path dir, StringBuilder md, ObjectNode all) throws Exception {
    JsonNode[] index = {read(dir.resolve("memqa-index.json")), read(dir.resolve("anserini-index.json"))};
    JsonNode[] recall = {read(dir.resolve("recall-memqa/summary.json")), read(dir.resolve("recall-anserini/summary.json"))};
    JsonNode[] search = {read(dir.resolve("memqa-search.json")), read(dir.resolve("anserini-search.json"))};
    double[] wall = {number(dir.resolve("memqa-index.wall")), number(dir.resolve("anserini-index.wall"))};
    md.append("| metric | memqa | Anserini | memqa/Anserini |\n|---|---:|---:|---:|\n");
    ObjectNode rows = all.putObject("rows");
    for (int k : new int[] {1, 5, 20, 100}) {
      String key = "answer_recall@" + k;
      row(md, rows, "answer recall@" + k + " (%)", recall[0].path("metrics").path(key).asDouble(),
          recall[1].path("metrics").path(key).asDouble(), 2);
    }
    row(md, rows, "index time, in-process (s)", index[0].path("seconds").asDouble(), index[1].path("seconds").asDouble(), 2);
    row(md, rows, "index time, process incl. JVM start (s)", wall[0], wall[1], 2);
    row(md, rows, "indexing docs/s (in-process)", index[0].path("docs_per_s").asDouble(), index[1].path("docs_per_s").asDouble(), 0);
    row(md, rows, "index size (MB)", index[0].path("index_bytes").asDouble() / 1e6, index[1].path("index_bytes").asDouble() / 1e6, 1);
    row(md, rows, "peak heap while indexing (MB)", index[0].path("peak_heap_mb").asDouble(), index[1].path("peak_heap_mb").asDouble(), 0);
    row(md, rows, "search q/s, 1 thread (k=100)", search[0].path("qps@1").asDouble(), search[1].path("qps@1").asDouble(), 1);
    row(md, rows, "search q/s, 2 threads (k=100)", search[0].path("qps@2").asDouble(), search[1].path("qps@2").asDouble(), 1);
    md.append(String.format("%nPassages: %,d (memqa) / %,d (Anserini); questions: %d; indexing threads: %d; "
            + "search: median of %d timed passes over all questions after %d warm-up pass(es).%n",
        index[0].path("docs").asLong(), index[1].path("docs").asLong(), recall[0].path("questions").asInt(),
        index[0].path("threads").asInt(), search[0].path("reps").asInt(), search[0].path("warmup_passes").asInt()));
    String[] engines = {"memqa", "anserini"};
    for (int e = 0; e < 2; e++) {
      ObjectNode raw = all.putObject(engines[e]);
      raw.set("index", index[e]);
      raw.set("recall", recall[e]);
      raw.set("search", search[e]);
    }
  }

  private static void row(StringBuilder md, ObjectNode rows, String label, double m, double a, int digits) {
    String f = "%,." + digits + "f";
    md.append("| ").append(label).append(" | ").append(String.format(f, m)).append(" | ")
        .append(String.format(f, a)).append(" | ").append(a == 0 ? "-" : String.format("%.2f", m / a)).append(" |\n");
    ObjectNode r = rows.putObject(label);
    r.put("memqa", m);
    r.put("anserini", a);
    r.put("ratio", a == 0 ? Double.NaN : Math.round(m / a * 1000) / 1000.0);
  }

  private static void scale(Path dir, String[] sizes, String[] engines, StringBuilder md, ObjectNode all) throws Exception {
    md.append("| engine | passages | index s | docs/s | index MB | peak heap MB (indexing) "
        + "| p50 ms k=5 | p95 ms k=5 | p50 ms k=100 | p95 ms k=100 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    var rows = all.putArray("rows");
    StringBuilder projection = new StringBuilder();
    for (String engine : engines) {
      List<double[]> points = new ArrayList<>();
      for (String size : sizes) {
        Path idx = dir.resolve("scale-" + size + "-" + engine + "-index.json");
        Path lat = dir.resolve("scale-" + size + "-" + engine + "-latency.json");
        if (!Files.isRegularFile(idx) || !Files.isRegularFile(lat)) {
          continue;
        }
        JsonNode i = read(idx);
        JsonNode l = read(lat);
        md.append(String.format("| %s | %,d | %,.1f | %,.0f | %,.1f | %,.0f | %.2f | %.2f | %.2f | %.2f |%n", engine,
            i.path("docs").asLong(), i.path("seconds").asDouble(), i.path("docs_per_s").asDouble(),
            i.path("index_bytes").asDouble() / 1e6, i.path("peak_heap_mb").asDouble(),
            l.path("latency@5").path("p50_ms").asDouble(), l.path("latency@5").path("p95_ms").asDouble(),
            l.path("latency@100").path("p50_ms").asDouble(), l.path("latency@100").path("p95_ms").asDouble()));
        ObjectNode r = rows.addObject();
        r.put("engine", engine);
        r.put("size", size);
        r.set("index", i);
        r.set("latency", l);
        points.add(new double[] {i.path("docs").asDouble(), i.path("seconds").asDouble(), i.path("index_bytes").asDouble()});
      }
      if (points.size() >= 2) {
        double[] t = fit(points, 1);
        double[] b = fit(points, 2);
        double seconds = t[0] + t[1] * WIKI_PASSAGES;
        double bytes = b[0] + b[1] * WIKI_PASSAGES;
        projection.append(String.format("- %s: index time %.1f min (%.2f s per 100k passages), index size %.1f GB%n",
            engine, seconds / 60, t[1] * 1e5, bytes / 1e9));
        ObjectNode p = all.withObjectProperty("projection_21M").putObject(engine);
        p.put("index_seconds", Math.round(seconds));
        p.put("index_bytes", Math.round(bytes));
      }
    }
    if (projection.length() > 0) {
      md.append(String.format("%nProjection to %,d passages (DPR Wikipedia), a least-squares line through the "
          + "points above; an extrapolation, not a measurement:%n", WIKI_PASSAGES)).append(projection);
    }
  }

  /** Least-squares intercept and slope of column y against column 0. */
  private static double[] fit(List<double[]> pts, int y) {
    double n = pts.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (double[] p : pts) {
      sx += p[0];
      sy += p[y];
      sxx += p[0] * p[0];
      sxy += p[0] * p[y];
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return new double[] {(sy - slope * sx) / n, slope};
  }

  private static JsonNode read(Path p) throws Exception {
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("missing result file " + p + " (did an earlier step fail?)");
    }
    return JSON.readTree(p.toFile());
  }

  private static double number(Path p) throws Exception {
    return Files.isRegularFile(p) ? Double.parseDouble(Files.readString(p).strip()) : Double.NaN;
  }

  private static String text(Path p) throws Exception {
    return Files.isRegularFile(p) ? Files.readString(p).strip() : "n/a";
  }
}
