import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale table (build and whole-pipeline answer latency per corpus size) and its projection to
 * the 21M passages of DPR's Wikipedia, as Markdown and JSON.
 *
 * <p>Usage: ScaleReport RESULTS_DIR SIZE,SIZE,..
 */
public final class ScaleReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Passages in DPR's Wikipedia split (psgs_w100.tsv). */
  private static final long WIKI_PASSAGES = 21_015_324L;
  /** The machine memqa is sized for. */
  private static final double MACHINE_GB = 24;
  private static final int MACHINE_CORES = 2;

  record Row(String size, long passages, double buildS, double indexMb, double buildHeapMb, double p50, double p95,
      double p99, double mean, double retrieve, double memory, double read, double rssMb, int k) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<Row> rows = new ArrayList<>();
    for (String size : args[1].split(",")) {
      JsonNode idx = JSON.readTree(dir.resolve("scale-" + size + "-index.json").toFile());
      JsonNode ans = JSON.readTree(dir.resolve("scale-" + size + "-answers.json").toFile());
      rows.add(new Row(size, idx.path("docs").asLong(), idx.path("seconds").asDouble(), idx.path("index_bytes").asDouble() / 1e6,
          idx.path("peak_heap_mb").asDouble(), ans.path("p50_ms").asDouble(), ans.path("p95_ms").asDouble(),
          ans.path("p99_ms").asDouble(), ans.path("mean_ms").asDouble(), ans.path("retrieve_mean_ms").asDouble(),
          ans.path("memory_mean_ms").asDouble(), ans.path("read_mean_ms").asDouble(), ans.path("serving_rss_mb").asDouble(),
          ans.path("k").asInt()));
    }
    ObjectNode all = JSON.createObjectNode();
    all.put("load_before", Files.readString(dir.resolve("load-before.txt")).strip());
    all.put("load_after", Files.readString(dir.resolve("load-after.txt")).strip());
    ArrayNode measured = all.putArray("measured");
    StringBuilder md = new StringBuilder();
    md.append("| passages | build s | passages/s | index MB | build peak heap MB | answer p50 ms | p95 ms | p99 ms "
        + "| retrieve ms | memory ms | read ms | serving RSS MB |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      measured.add(JSON.valueToTree(r));
      md.append(String.format("| %,d | %.1f | %,.0f | %,.1f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %,.0f |%n",
          r.passages(), r.buildS(), r.passages() / r.buildS(), r.indexMb(), r.buildHeapMb(), r.p50(), r.p95(), r.p99(),
          r.retrieve(), r.memory(), r.read(), r.rssMb()));
    }
    if (rows.size() >= 2) {
      project(rows, md, all.putObject("projection_21m"));
    }
    md.append(String.format("%nK=%d passages per answer, one thread, latency per question (wall clock). Load average "
        + "(1/5/15 min) before: %s; after: %s.%n", rows.get(0).k(), all.get("load_before").asText(), all.get("load_after").asText()));
    Files.writeString(dir.resolve("scale.md"), md);
    Files.writeString(dir.resolve("scale.json"), JSON.writeValueAsString(all) + "\n");
    System.out.print(md);
    System.out.println("\nwrote " + dir.resolve("scale.md") + " and " + dir.resolve("scale.json"));
  }

  /**
   * Build time and index size grow linearly (the largest run's rate); retrieval time as a power of
   * the passages, fitted (least squares, log-log) over all runs, which evens out some of the noise
   * of a shared machine; memory and reading do not depend on the corpus size.
   */
  private static void project(List<Row> rows, StringBuilder md, ObjectNode p) {
    Row b = rows.get(rows.size() - 1);
    double scale = WIKI_PASSAGES / (double) b.passages();
    double exponent = slope(rows);
    double retrieve = b.retrieve() * Math.pow(scale, exponent);
    double extra = retrieve - b.retrieve();
    double buildMin = b.buildS() * scale / 60;
    double indexGb = b.indexMb() * scale / 1000;
    double mean = b.mean() + extra;
    double perSecond = MACHINE_CORES * 1000 / mean;
    double freeGb = MACHINE_GB - b.rssMb() / 1000 - 2; // the system and page tables take a little
    p.put("passages", WIKI_PASSAGES);
    p.put("build_min", round(buildMin, 1));
    p.put("index_gb", round(indexGb, 1));
    p.put("retrieve_exponent", round(exponent, 2));
    p.put("retrieve_ms", round(retrieve, 2));
    p.put("p50_ms", round(b.p50() + extra, 1));
    p.put("p99_ms", round(b.p99() + extra, 1));
    p.put("mean_ms", round(mean, 1));
    p.put("answers_per_s_2_cores", round(perSecond, 0));
    p.put("page_cache_gb_left", round(freeGb, 1));
    md.append(String.format("| **%,d (projected)** | %.0f | | %,.0f | | %.1f | | %.1f | %.2f | %.2f | %.2f | |%n",
        WIKI_PASSAGES, buildMin * 60, indexGb * 1000, b.p50() + extra, b.p99() + extra, retrieve, b.memory(), b.read()));
    md.append(String.format("%nProjection to %,d passages (an extrapolation, not a measurement): build %.0f min and index "
            + "%.1f GB (linear, from the %s run); retrieval %.2f ms per question (growing as passages^%.2f, fitted over "
            + "all runs); memory and reading unchanged. One %d-core, %.0f GB machine: about %.0f answers/s with both "
            + "cores answering (%.1f ms per answer, as measured), and %.1f GB of memory left for the page cache beside the "
            + "serving process (%,.0f MB resident), against an index of %.1f GB%s.%n",
        WIKI_PASSAGES, buildMin, indexGb, b.size(), retrieve, exponent, MACHINE_CORES, MACHINE_GB, perSecond, mean,
        freeGb, b.rssMb(), indexGb,
        freeGb >= indexGb ? ": it all stays cached" : ": the index does not all fit, and cold reads go to disk"));
  }

  /** The slope of log(retrieve ms) against log(passages). */
  private static double slope(List<Row> rows) {
    double n = rows.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Row r : rows) {
      double x = Math.log(r.passages());
      double y = Math.log(r.retrieve());
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }

  private static double round(double x, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }
}
