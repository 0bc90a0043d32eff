import io.memqa.corpus.CorpusFormat;
import io.memqa.corpus.PassageReader;
import io.memqa.index.Analyzers;
import io.memqa.index.IndexBuilder;
import io.memqa.index.IndexStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times memqa's own index build (IndexBuilder, english analyzer, 256 MB buffer, merged to one
 * segment, as `memqa index` does) from a JSON-lines corpus, JVM start-up excluded.
 *
 * <p>Usage: IndexMemqa CORPUS.jsonl INDEX_DIR THREADS RESULT.json
 */
public final class IndexMemqa {
  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    Path index = Path.of(args[1]);
    int threads = Integer.parseInt(args[2]);
    Map<String, Object> out = new LinkedHashMap<>();
    try (Bench.HeapWatch heap = new Bench.HeapWatch()) {
      long t0 = System.nanoTime();
      IndexStats stats;
      // The synthetic passages are passages already (about 117 words): indexed as they are.
      try (PassageReader r = CorpusFormat.JSONL.open(corpus, false, 0)) {
        var source = new IndexBuilder.Source("jsonl", List.of(corpus), "not computed (benchmark)", Files.size(corpus));
        stats = new IndexBuilder(new IndexBuilder.Options(Analyzers.ENGLISH, threads, 256, true)).build(r, source, index);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      out.put("engine", "memqa");
      out.put("docs", stats.documents());
      out.put("threads", threads);
      out.put("seconds", Bench.round(seconds, 3));
      out.put("docs_per_s", Bench.round(stats.documents() / seconds, 1));
      out.put("index_bytes", Bench.sizeOnDisk(index));
      heap.into(out);
      System.err.printf("memqa: indexed %,d passages in %.2f s (%,.0f docs/s)%n", stats.documents(), seconds, stats.documents() / seconds);
    }
    Bench.writeJson(Path.of(args[3]), out);
  }
}
