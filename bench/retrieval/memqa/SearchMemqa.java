import io.memqa.retrieve.Bm25Retriever;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search speed of memqa's Bm25Retriever (defaults: k1 0.9, b 0.4, title weight 0.5; each hit's
 * stored passage is loaded, as the reader needs it), in-process and warmed up.
 *
 * <p>Usage: SearchMemqa INDEX TOPICS.tsv RESULT.json throughput K THREADS,.. REPS
 * <br>or: SearchMemqa INDEX TOPICS.tsv RESULT.json latency K,K,..
 */
public final class SearchMemqa {
  public static void main(String[] args) throws Exception {
    List<String> questions = Bench.questions(Path.of(args[1]));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("engine", "memqa");
    try (Bm25Retriever r = Bm25Retriever.open(Path.of(args[0]));
        Bench.HeapWatch heap = new Bench.HeapWatch()) {
      Bench.Engine engine = (q, k) -> r.search(q, k).size();
      Bench.run(engine, questions, args, out);
      heap.into(out);
    }
    Bench.writeJson(Path.of(args[2]), out);
  }
}
