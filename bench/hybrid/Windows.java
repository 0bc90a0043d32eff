import io.memqa.data.Question;
import io.memqa.encoder.PretrainedEncoder;
import io.memqa.index.PassageWindows;
import io.memqa.retrieve.Bm25Retriever;
import io.memqa.retrieve.Fusion;
import io.memqa.retrieve.HybridRetriever;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.text.AnswerMetrics;
import io.memqa.text.AnswerNormalizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * Chooses the passage windows of dense retrieval on held-out SQuAD training questions (never dev):
 * answer recall@1/5/20 of dense retrieval and of linear fusion with BM25 (weights 0.30 to 0.70),
 * with one vector per whole passage ("full") against a vector per window of up to WORDS words
 * ({@link PassageWindows}; the passage scored by its best window), and two combinations of both.
 * Dense search is exhaustive over float32 vectors; the vectors of each setting are cached in
 * CACHE_DIR. Works on an index with or without windows (it encodes both itself).
 *
 * <p>Usage: Windows INDEX TRAIN.json CACHE_DIR WORDS [QUESTIONS]
 */
public final class Windows {
  public static void main(String[] args) throws Exception {
    Path index = Path.of(args[0]);
    Path cacheDir = Path.of(args[2]);
    int words = Integer.parseInt(args[3]);
    int limit = args.length > 4 ? Integer.parseInt(args[4]) : 100000;
    List<Question> questions = HeldOut.questions(Path.of(args[1]), limit);
    try (HybridRetriever h = HybridRetriever.open(index, Bm25Retriever.Options.defaults(), Fusion.defaults(),
        RetrieverSource.Kind.HYBRID, null)) {
      int[] passageDocs = passageDocs(index);
      int docs = passageDocs.length;
      float[][] full = new float[docs][];
      float[][][] whole = vectors(h, passageDocs, 0, cacheDir.resolve("windows-" + h.encoder().which().id() + "-0.bin"));
      for (int d = 0; d < docs; d++) {
        full[d] = whole[d][0];
      }
      float[][][] win = vectors(h, passageDocs, words, cacheDir.resolve("windows-" + h.encoder().which().id() + "-" + words + ".bin"));
      int nWin = 0;
      for (float[][] w : win) {
        nWin += w.length;
      }
      System.err.printf("%d windows for %d passages (%.2f each)%n", nWin, docs, nWin / (double) docs);
      final float[][][] windows = win;
      List<String> names = List.of("full", "best window", "max(full, best window)", "mean(full, best window)", "full + 0.25 best");
      List<BiFunction<Float, Float, Float>> combos = List.of(
          (f, w) -> f, (f, w) -> w, Math::max, (f, w) -> (f + w) / 2, (f, w) -> f + 0.25f * w);
      int nc = combos.size();
      int[][] denseAt = new int[nc][3];
      int[][][] fusedAt = new int[nc][11][3];
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<int[][]>> fs = new ArrayList<>();
      java.util.Map<Integer, String[]> tokens = new java.util.concurrent.ConcurrentHashMap<>();
      for (Question q : questions) {
        fs.add(pool.submit(() -> {
          float[] qv = h.encoder().embed(q.text());
          List<Fusion.Scored> bm25 = h.rankings(q.text(), 100).bm25();
          float[] fScore = new float[docs];
          float[] wScore = new float[docs];
          for (int d = 0; d < docs; d++) {
            fScore[d] = dot(qv, full[d]);
            float best = -1f;
            for (float[] v : windows[d]) {
              best = Math.max(best, dot(qv, v));
            }
            wScore[d] = best;
          }
          int[][] res = new int[nc * 12][];
          for (int c = 0; c < nc; c++) {
            BiFunction<Float, Float, Float> combo = combos.get(c);
            List<Fusion.Scored> dense = top(d -> combo.apply(fScore[d], wScore[d]), passageDocs, 100);
            res[c * 12] = ranksOf(dense, q, h, tokens);
            for (int wi = 0; wi <= 10; wi++) {
              Fusion fu = new Fusion(Fusion.Method.LINEAR, 0.3f + 0.04f * wi, 60, 100);
              List<Fusion.Scored> fused = fu.fuse(bm25, dense, 20).stream().map(x -> new Fusion.Scored(x.doc(), x.score())).toList();
              res[c * 12 + 1 + wi] = ranksOf(fused, q, h, tokens);
            }
          }
          return res;
        }));
      }
      for (Future<int[][]> f : fs) {
        int[][] res = f.get();
        for (int c = 0; c < nc; c++) {
          add(denseAt[c], res[c * 12][0]);
          for (int wi = 0; wi <= 10; wi++) {
            add(fusedAt[c][wi], res[c * 12 + 1 + wi][0]);
          }
        }
      }
      pool.shutdown();
      int n = questions.size();
      System.out.printf("%d held-out training questions, windows of up to %d words%n", n, words);
      for (int c = 0; c < nc; c++) {
        System.out.printf(Locale.ROOT, "dense %-28s %6.2f %6.2f %6.2f%n", names.get(c), pct(denseAt[c][0], n), pct(denseAt[c][1], n), pct(denseAt[c][2], n));
      }
      for (int c = 0; c < nc; c++) {
        for (int wi = 0; wi <= 10; wi++) {
          System.out.printf(Locale.ROOT, "hybrid w=%.2f %-28s %6.2f %6.2f %6.2f%n", 0.3f + 0.04f * wi, names.get(c),
              pct(fusedAt[c][wi][0], n), pct(fusedAt[c][wi][1], n), pct(fusedAt[c][wi][2], n));
        }
      }
    }
  }

  private static double pct(int a, int n) {
    return 100.0 * a / n;
  }

  private static void add(int[] at, int first) {
    int[] ks = {1, 5, 20};
    for (int j = 0; j < 3; j++) {
      if (first > 0 && first <= ks[j]) {
        at[j]++;
      }
    }
  }

  private static int[] ranksOf(List<Fusion.Scored> ranking, Question q, HybridRetriever h, java.util.Map<Integer, String[]> tokens) {
    for (int i = 0; i < Math.min(20, ranking.size()); i++) {
      int doc = ranking.get(i).doc();
      String[] t = tokens.computeIfAbsent(doc, d -> AnswerNormalizer.normalizedTokens(h.passageAt(d).text()));
      if (AnswerMetrics.containsAnswer(t, q.answers())) {
        return new int[] {i + 1};
      }
    }
    return new int[] {0};
  }

  /** The top n passages (by Lucene document number) of a score by position in {@code passageDocs}. */
  private static List<Fusion.Scored> top(java.util.function.IntFunction<Float> score, int[] passageDocs, int n) {
    java.util.PriorityQueue<Fusion.Scored> top = new java.util.PriorityQueue<>((a, b) -> Float.compare(a.score(), b.score()));
    for (int d = 0; d < passageDocs.length; d++) {
      top.add(new Fusion.Scored(passageDocs[d], score.apply(d)));
      if (top.size() > n) {
        top.poll();
      }
    }
    List<Fusion.Scored> out = new ArrayList<>(top);
    out.sort((a, b) -> Float.compare(b.score(), a.score()));
    return out;
  }

  private static float dot(float[] a, float[] b) {
    return org.apache.lucene.util.VectorUtil.dotProduct(a, b);
  }

  /** The Lucene document numbers of the passages (an index with windows also holds window documents). */
  private static int[] passageDocs(Path index) throws Exception {
    try (org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(
        org.apache.lucene.store.FSDirectory.open(index))) {
      org.apache.lucene.index.StoredFields fields = r.storedFields();
      java.util.stream.IntStream.Builder b = java.util.stream.IntStream.builder();
      for (int d = 0; d < r.maxDoc(); d++) {
        if (fields.document(d).get(io.memqa.index.Fields.ID) != null) {
          b.add(d);
        }
      }
      return b.build().toArray();
    }
  }

  /** Each passage's window vectors (words 0: one whole-passage vector), cached in {@code cache}. */
  private static float[][][] vectors(HybridRetriever h, int[] passageDocs, int words, Path cache) throws Exception {
    float[][][] win = Files.exists(cache) ? read(cache, passageDocs.length) : null;
    if (win != null) {
      return win;
    }
    float[][][] out = new float[passageDocs.length][][];
    PretrainedEncoder enc = h.encoder();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> fs = new ArrayList<>();
    long t0 = System.nanoTime();
    int chunk = 200;
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    for (int from = 0; from < out.length; from += chunk) {
      int f0 = from;
      fs.add(pool.submit(() -> {
        for (int d = f0; d < Math.min(out.length, f0 + chunk); d++) {
          out[d] = enc.embed(PassageWindows.texts(h.passageAt(passageDocs[d]), words));
        }
        int n = done.addAndGet(chunk);
        if (n % 4000 == 0) {
          System.err.printf("windows of %d words: encoded %d passages, %.0f s%n", words, n, (System.nanoTime() - t0) / 1e9);
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    write(cache, out);
    return out;
  }

  private static void write(Path cache, float[][][] win) throws Exception {
    Files.createDirectories(cache.toAbsolutePath().getParent());
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache)))) {
      out.writeInt(win.length);
      for (float[][] w : win) {
        out.writeInt(w.length);
        for (float[] v : w) {
          for (float x : v) {
            out.writeFloat(x);
          }
        }
      }
    }
  }

  private static float[][][] read(Path cache, int docs) throws Exception {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
      int n = in.readInt();
      if (n != docs) {
        return null;
      }
      float[][][] win = new float[n][][];
      for (int d = 0; d < n; d++) {
        win[d] = new float[in.readInt()][384];
        for (float[] v : win[d]) {
          for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
          }
        }
      }
      return win;
    }
  }
}
