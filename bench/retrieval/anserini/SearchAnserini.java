import io.anserini.search.SimpleSearcher;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search speed of Anserini's SimpleSearcher with its default BM25 (k1 0.9, b 0.4) and default
 * English analyzer, in-process and warmed up. Like memqa, every hit's stored document is loaded.
 *
 * <p>Usage: as SearchMemqa, with an Anserini index.
 */
public final class SearchAnserini {
  public static void main(String[] args) throws Exception {
    List<String> questions = Bench.questions(Path.of(args[1]));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("engine", "anserini");
    try (SimpleSearcher s = new SimpleSearcher(args[0]);
        Bench.HeapWatch heap = new Bench.HeapWatch()) {
      s.set_bm25(0.9f, 0.4f);
      Bench.Engine engine = (q, k) -> s.search(q, k).length;
      Bench.run(engine, questions, args, out);
      heap.into(out);
    }
    Bench.writeJson(Path.of(args[2]), out);
  }
}
