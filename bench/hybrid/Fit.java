import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memqa.data.Question;
import io.memqa.retrieve.Bm25Retriever;
import io.memqa.retrieve.Fusion;
import io.memqa.retrieve.HybridRetriever;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.text.AnswerMetrics;
import io.memqa.text.AnswerNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fits the fusion on held-out SQuAD training questions (the trainer's held-out slice of training
 * articles, never dev): both rankings of each question are computed once (top 100 each), then every
 * fusion setting of a grid is scored by answer recall@1/5/20.
 *
 * <p>Usage: Fit INDEX TRAIN.json OUT.json [QUESTIONS] [DEPTH] (DEPTH: how deep both rankings are
 * searched, 100 by default; a smaller one shows what a shallower fusion finds as the service would)
 */
public final class Fit {
  record Case(List<Fusion.Scored> bm25, List<Fusion.Scored> dense, List<Fusion.Scored> exact, java.util.Set<Integer> withAnswer) {}

  public static void main(String[] args) throws Exception {
    Path index = Path.of(args[0]);
    int limit = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    int searchDepth = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    List<Question> questions = HeldOut.questions(Path.of(args[1]), limit);
    float[][][] vectors = vectors(index);
    List<Case> cases = new ArrayList<>();
    try (HybridRetriever h = HybridRetriever.open(index, Bm25Retriever.Options.defaults(), Fusion.defaults(),
        RetrieverSource.Kind.HYBRID, null)) {
      Map<Integer, String[]> tokens = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<Case>> fs = new ArrayList<>();
      for (Question q : questions) {
        fs.add(pool.submit(() -> {
          HybridRetriever.Rankings rk = h.rankings(q.text(), searchDepth);
          List<Fusion.Scored> exact = exact(h.encoder().embed(q.text()), vectors, 100);
          java.util.Set<Integer> hit = new java.util.HashSet<>();
          for (List<Fusion.Scored> list : List.of(rk.bm25(), rk.dense(), exact)) {
            for (Fusion.Scored s : list) {
              String[] t = tokens.computeIfAbsent(s.doc(), d -> AnswerNormalizer.normalizedTokens(h.passageAt(d).text()));
              if (AnswerMetrics.containsAnswer(t, q.answers())) {
                hit.add(s.doc());
              }
            }
          }
          return new Case(rk.bm25(), rk.dense(), exact, hit);
        }));
      }
      for (Future<Case> f : fs) {
        cases.add(f.get());
      }
      pool.shutdown();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(row("bm25", cases, c -> c.bm25()));
    rows.add(row("dense", cases, c -> c.dense()));
    rows.add(row("dense, exact search over the float32 vectors", cases, c -> c.exact()));
    for (int depth : new int[] {20, 50, 100}) {
      for (int k : new int[] {0, 5, 10, 20, 30, 60, 100}) {
        for (float w : new float[] {0.3f, 0.4f, 0.5f, 0.6f, 0.7f}) {
          Fusion f = new Fusion(Fusion.Method.RRF, w, k, depth);
          rows.add(row(f.toString(), cases, c -> f.fuse(c.bm25(), c.dense(), 20).stream().map(x -> new Fusion.Scored(x.doc(), x.score())).toList()));
        }
      }
      if (depth == 100) {
        for (Fusion f : List.of(new Fusion(Fusion.Method.LINEAR, 0.5f, 60, depth), new Fusion(Fusion.Method.RRF, 0.5f, 5, depth))) {
          rows.add(row(f + " with exact dense", cases, c -> f.fuse(c.bm25(), c.exact(), 20).stream().map(x -> new Fusion.Scored(x.doc(), x.score())).toList()));
        }
      }
      for (int i = 0; i <= 20; i++) {
        Fusion f = new Fusion(Fusion.Method.LINEAR, i / 20f, 60, depth);
        rows.add(row(f.toString(), cases, c -> f.fuse(c.bm25(), c.dense(), 20).stream().map(x -> new Fusion.Scored(x.doc(), x.score())).toList()));
      }
    }
    List<Map<String, Object>> sorted = new ArrayList<>(rows.subList(3, rows.size()));
    sorted.sort((a, b) -> Double.compare((double) b.get("r5") + (double) b.get("r20"), (double) a.get("r5") + (double) a.get("r20")));
    System.out.printf("%-45s %7s %7s %7s%n", "setting (" + cases.size() + " held-out training questions)", "R@1", "R@5", "R@20");
    for (Map<String, Object> r : rows.subList(0, 3)) {
      print(r);
    }
    for (Map<String, Object> r : sorted.subList(0, Math.min(15, sorted.size()))) {
      print(r);
    }
    for (Map<String, Object> r : rows) {
      if (r.get("setting").toString().endsWith("with exact dense")) {
        print(r);
      }
      if (r.get("setting").equals(Fusion.defaults().toString())) {
        System.out.print("default: ");
        print(r);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("questions", cases.size());
    out.put("rows", rows);
    Files.createDirectories(Path.of(args[2]).toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[2]).toFile(), out);
  }

  /**
   * Every passage's stored float32 vectors by the Lucene document number of the passage: its own
   * vector, or with windows the vectors of the window documents before it.
   */
  private static float[][][] vectors(Path index) throws java.io.IOException {
    try (org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(
        org.apache.lucene.store.FSDirectory.open(index))) {
      List<List<float[]>> byDoc = new ArrayList<>();
      for (int d = 0; d < r.maxDoc(); d++) {
        byDoc.add(new ArrayList<>());
      }
      org.apache.lucene.index.StoredFields fields = r.storedFields();
      for (org.apache.lucene.index.LeafReaderContext leaf : r.leaves()) {
        org.apache.lucene.index.FloatVectorValues v = leaf.reader().getFloatVectorValues(io.memqa.index.Fields.VECTOR);
        org.apache.lucene.index.KnnVectorValues.DocIndexIterator it = v.iterator();
        for (int doc = it.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          int passage = leaf.docBase + doc;
          while (fields.document(passage).get(io.memqa.index.Fields.ID) == null) {
            passage++; // a window's passage is the next passage document
          }
          byDoc.get(passage).add(v.vectorValue(it.index()).clone());
        }
      }
      float[][][] out = new float[byDoc.size()][][];
      for (int d = 0; d < out.length; d++) {
        out[d] = byDoc.get(d).isEmpty() ? null : byDoc.get(d).toArray(new float[0][]);
      }
      return out;
    }
  }

  /** The top n passages by exact dot product (of their best window). */
  private static List<Fusion.Scored> exact(float[] q, float[][][] vectors, int n) {
    java.util.PriorityQueue<Fusion.Scored> top = new java.util.PriorityQueue<>((a, b) -> Float.compare(a.score(), b.score()));
    for (int d = 0; d < vectors.length; d++) {
      if (vectors[d] == null) {
        continue;
      }
      float s = Float.NEGATIVE_INFINITY;
      for (float[] v : vectors[d]) {
        s = Math.max(s, org.apache.lucene.util.VectorUtil.dotProduct(q, v));
      }
      top.add(new Fusion.Scored(d, s));
      if (top.size() > n) {
        top.poll();
      }
    }
    List<Fusion.Scored> out = new ArrayList<>(top);
    out.sort((a, b) -> Float.compare(b.score(), a.score()));
    return out;
  }

  private static void print(Map<String, Object> r) {
    System.out.printf(Locale.ROOT, "%-45s %7.2f %7.2f %7.2f%n", r.get("setting"), r.get("r1"), r.get("r5"), r.get("r20"));
  }

  private static Map<String, Object> row(String name, List<Case> cases, java.util.function.Function<Case, List<Fusion.Scored>> ranking) {
    int[] at = new int[3];
    int[] ks = {1, 5, 20};
    for (Case c : cases) {
      List<Fusion.Scored> r = ranking.apply(c);
      int first = 0;
      for (int i = 0; i < Math.min(20, r.size()); i++) {
        if (c.withAnswer().contains(r.get(i).doc())) {
          first = i + 1;
          break;
        }
      }
      for (int j = 0; j < ks.length; j++) {
        if (first > 0 && first <= ks[j]) {
          at[j]++;
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("setting", name);
    m.put("r1", 100.0 * at[0] / cases.size());
    m.put("r5", 100.0 * at[1] / cases.size());
    m.put("r20", 100.0 * at[2] / cases.size());
    return m;
  }
}
