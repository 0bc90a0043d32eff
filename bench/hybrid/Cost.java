import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memqa.data.Question;
import io.memqa.data.SquadQuestionReader;
import io.memqa.index.IndexStats;
import io.memqa.index.PassageWindows;
import io.memqa.retrieve.Bm25Retriever;
import io.memqa.retrieve.Fusion;
import io.memqa.retrieve.HybridRetriever;
import io.memqa.retrieve.RetrieverSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * What dense retrieval costs: retrieval latency per mode (one thread, K=5, question encoding
 * included), passage encoding time on 1 and 2 threads, vector and HNSW bytes per passage, and a
 * linear projection to 21M passages.
 *
 * <p>Usage: Cost INDEX QUESTIONS.json OUT.json [QUESTIONS] [PASSAGES]
 */
public final class Cost {
  static final long WIKIPEDIA = 21_015_324L; // DPR's passages of English Wikipedia

  public static void main(String[] args) throws Exception {
    Path index = Path.of(args[0]);
    int nq = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    int np = args.length > 4 ? Integer.parseInt(args[4]) : 400;
    List<String> questions = new ArrayList<>();
    try (SquadQuestionReader r = new SquadQuestionReader(Path.of(args[1]))) {
      while (r.hasNext() && questions.size() < nq) {
        questions.add(r.next().text());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    IndexStats stats = IndexStats.read(index);
    out.put("encoder", stats.vectors().encoder().encoder());
    out.put("format", stats.vectors().format());
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("load_before", Files.readString(Path.of("/proc/loadavg")).strip());
    try (HybridRetriever h = HybridRetriever.open(index, Bm25Retriever.Options.defaults(), Fusion.defaults(),
        RetrieverSource.Kind.HYBRID, null)) {
      // Latency, one thread, K=5: warm up, then every question once per mode.
      Map<String, Object> latency = new LinkedHashMap<>();
      for (RetrieverSource.Kind kind : h.kinds()) {
        for (int i = 0; i < Math.min(200, questions.size()); i++) {
          h.search(questions.get(i), 5, kind);
        }
        double[] ms = new double[questions.size()];
        for (int i = 0; i < ms.length; i++) {
          long t0 = System.nanoTime();
          h.search(questions.get(i), 5, kind);
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        latency.put(kind.id(), Map.of("p50_ms", round(ms[ms.length / 2]), "p95_ms", round(ms[(int) (ms.length * 0.95)]),
            "p99_ms", round(ms[(int) (ms.length * 0.99)])));
      }
      double[] enc = new double[questions.size()];
      for (int i = 0; i < enc.length; i++) {
        long t0 = System.nanoTime();
        h.encoder().embed(questions.get(i));
        enc[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(enc);
      latency.put("question_encoding_p50_ms", round(enc[enc.length / 2]));
      out.put("latency_k5_one_thread", latency);

      // Passage encoding, as the index build does it (one intra-op thread per worker, its windows).
      List<String> texts = new ArrayList<>();
      int sampled = 0;
      for (String id : samplePassageIds(index, np)) {
        texts.addAll(PassageWindows.texts(h.passage(id).orElseThrow(), stats.vectors().windowWords()));
        sampled++;
      }
      int tokens = 0;
      for (String t : texts) {
        tokens += Math.min(h.encoder().maxTokens(), h.encoder().wordPieceIds(t, true).length);
      }
      h.encoder().embed(texts.subList(0, Math.min(20, texts.size())));
      Map<String, Object> encoding = new LinkedHashMap<>();
      encoding.put("passages", sampled);
      encoding.put("window_words", stats.vectors().windowWords());
      encoding.put("vectors_per_passage", round((double) texts.size() / sampled));
      encoding.put("mean_word_pieces_per_vector", tokens / texts.size());
      for (int threads : new int[] {1, 2}) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int from = t * texts.size() / threads;
          int to = (t + 1) * texts.size() / threads;
          fs.add(pool.submit(() -> h.encoder().embed(texts.subList(from, to))));
        }
        for (Future<?> f : fs) {
          f.get();
        }
        pool.shutdown();
        double s = (System.nanoTime() - t0) / 1e9;
        encoding.put(threads + "_threads_ms_per_passage", round(1000 * s / sampled));
        encoding.put(threads + "_threads_passages_per_s", round(sampled / s));
      }
      out.put("passage_encoding", encoding);

      // Bytes on disk by file kind: .vec raw floats, .veq quantized vectors, .vex HNSW graph.
      Map<String, Long> bytes = new LinkedHashMap<>();
      try (Stream<Path> files = Files.list(index)) {
        for (Path f : files.toList()) {
          String n = f.getFileName().toString();
          String ext = n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : n;
          bytes.merge(ext, Files.size(f), Long::sum);
        }
      }
      long docs = h.size();
      long total = bytes.values().stream().mapToLong(Long::longValue).sum();
      long vec = bytes.getOrDefault("vec", 0L);
      long veq = bytes.getOrDefault("veq", 0L);
      long vex = bytes.getOrDefault("vex", 0L);
      Map<String, Object> size = new LinkedHashMap<>();
      size.put("documents", docs);
      size.put("index_bytes", total);
      size.put("float_vector_bytes_per_passage", round((double) vec / docs));
      size.put("quantized_vector_bytes_per_passage", round((double) veq / docs));
      size.put("hnsw_graph_bytes_per_passage", round((double) vex / docs));
      size.put("search_resident_bytes_per_passage", round((double) (veq > 0 ? veq : vec) / docs + (double) vex / docs));
      out.put("size", size);

      Map<String, Object> projection = new LinkedHashMap<>();
      double perPassage2 = (double) encoding.get("2_threads_ms_per_passage");
      projection.put("passages", WIKIPEDIA);
      projection.put("encoding_hours_2_cores", round(WIKIPEDIA * perPassage2 / 1000 / 3600));
      projection.put("vectors_gb_on_disk", round(WIKIPEDIA * ((double) (vec + veq + vex) / docs) / 1e9));
      projection.put("search_resident_gb", round(WIKIPEDIA * (double) size.get("search_resident_bytes_per_passage") / 1e9));
      out.put("projection_21m", projection);
    }
    out.put("load_after", Files.readString(Path.of("/proc/loadavg")).strip());
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
    Files.createDirectories(Path.of(args[2]).toAbsolutePath().getParent());
    Files.writeString(Path.of(args[2]), json + "\n");
    System.out.println(json);
  }

  /** The ids of about {@code n} passages spread evenly over the index (window documents skipped). */
  private static List<String> samplePassageIds(Path index, int n) throws java.io.IOException {
    List<String> ids = new ArrayList<>();
    try (org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(
        org.apache.lucene.store.FSDirectory.open(index))) {
      org.apache.lucene.index.StoredFields fields = r.storedFields();
      int step = Math.max(1, r.maxDoc() / n);
      for (int d = 0; d < r.maxDoc() && ids.size() < n; d += step) {
        String id = fields.document(d).get(io.memqa.index.Fields.ID);
        for (int next = d + 1; id == null && next < r.maxDoc(); next++) {
          id = fields.document(next).get(io.memqa.index.Fields.ID);
        }
        if (id != null) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
