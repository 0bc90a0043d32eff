import io.anserini.index.IndexCollection;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

/**
 * Times Anserini's IndexCollection in-process, JVM start-up excluded (as for memqa): JsonCollection,
 * default English analyzer (Porter), positions and raw documents stored, merged to one segment,
 * the same 256 MB RAM buffer as memqa. Anserini runs one thread per input file, so the input
 * directory holds at least THREADS shards.
 *
 * <p>Usage: IndexAnserini INPUT_DIR INDEX_DIR THREADS RESULT.json
 */
public final class IndexAnserini {
  public static void main(String[] args) throws Exception {
    Path index = Path.of(args[1]);
    int threads = Integer.parseInt(args[2]);
    String[] cli = {
      "-collection", "JsonCollection", "-input", args[0], "-index", args[1],
      "-generator", "DefaultLuceneDocumentGenerator", "-threads", String.valueOf(threads),
      "-storePositions", "-storeRaw", "-optimize", "-memoryBuffer", "256", "-quiet"
    };
    Map<String, Object> out = new LinkedHashMap<>();
    try (Bench.HeapWatch heap = new Bench.HeapWatch()) {
      long t0 = System.nanoTime();
      IndexCollection.main(cli);
      double seconds = (System.nanoTime() - t0) / 1e9;
      int docs;
      try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(index))) {
        docs = r.numDocs();
      }
      out.put("engine", "anserini");
      out.put("docs", docs);
      out.put("threads", threads);
      out.put("seconds", Bench.round(seconds, 3));
      out.put("docs_per_s", Bench.round(docs / seconds, 1));
      out.put("index_bytes", Bench.sizeOnDisk(index));
      heap.into(out);
      System.err.printf("anserini: indexed %,d passages in %.2f s (%,.0f docs/s)%n", docs, seconds, docs / seconds);
    }
    Bench.writeJson(Path.of(args[3]), out);
  }
}
