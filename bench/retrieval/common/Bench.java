import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Measurement code compiled into both the memqa and the Anserini harness, so that the two engines
 * are timed by exactly the same loop. Only the {@link Engine} adapter differs.
 */
final class Bench {
  private Bench() {}

  /** One search; returns the number of hits so the JIT cannot drop the call. */
  interface Engine {
    int search(String question, int k) throws Exception;
  }

  /** The questions of a "qid TAB question" file, in order. */
  static List<String> questions(Path tsv) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        out.add(line.substring(tab + 1));
      }
    }
    return out;
  }

  /** Runs every question once over {@code threads} threads; returns questions per second. */
  static double pass(Engine e, List<String> qs, int k, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger next = new AtomicInteger();
      List<Future<Long>> parts = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          long hits = 0;
          for (int i; (i = next.getAndIncrement()) < qs.size(); ) {
            hits += e.search(qs.get(i), k);
          }
          return hits;
        }));
      }
      long hits = 0;
      for (Future<Long> f : parts) {
        hits += f.get();
      }
      double s = (System.nanoTime() - t0) / 1e9;
      if (hits == 0) {
        throw new IllegalStateException("no hits at all: wrong index?");
      }
      return qs.size() / s;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The modes both search harnesses offer: args[3] is "throughput" or "latency", see their usage. */
  static void run(Bench.Engine engine, List<String> questions, String[] args, Map<String, Object> out) throws Exception {
    String mode = args[3];
    if (mode.equals("throughput")) {
      int k = Integer.parseInt(args[4]);
      int[] threads = Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray();
      int reps = Integer.parseInt(args[6]);
      out.putAll(Bench.throughput(engine, questions, k, threads, reps, 1));
    } else if (mode.equals("latency")) {
      out.put("questions", questions.size());
      for (String k : args[4].split(",")) {
        out.put("latency@" + k, Bench.latency(engine, questions, Integer.parseInt(k)));
      }
    } else {
      throw new IllegalArgumentException("mode must be throughput or latency, got " + mode);
    }
  }

  /** Warm-up passes, then {@code reps} timed passes per thread count; median and all runs. */
  static Map<String, Object> throughput(Engine e, List<String> qs, int k, int[] threadCounts, int reps, int warmups)
      throws Exception {
    for (int w = 0; w < warmups; w++) {
      pass(e, qs, k, threadCounts[threadCounts.length - 1]);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("questions", qs.size());
    out.put("k", k);
    out.put("reps", reps);
    out.put("warmup_passes", warmups);
    for (int threads : threadCounts) {
      double[] runs = new double[reps];
      for (int r = 0; r < reps; r++) {
        runs[r] = pass(e, qs, k, threads);
      }
      out.put("qps@" + threads, round(median(runs), 1));
      out.put("runs@" + threads, Arrays.stream(runs).map(x -> round(x, 1)).toArray());
      System.err.printf("  k=%d threads=%d: median %.1f q/s over %d runs%n", k, threads, median(runs), reps);
    }
    return out;
  }

  /** Warm-up on the first 3,000 questions, then per-question latency on one thread: p50, p95, mean in ms. */
  static Map<String, Object> latency(Engine e, List<String> qs, int k) throws Exception {
    pass(e, qs.subList(0, Math.min(3000, qs.size())), k, 1);
    long[] ns = new long[qs.size()];
    for (int i = 0; i < ns.length; i++) {
      long t0 = System.nanoTime();
      e.search(qs.get(i), k);
      ns[i] = System.nanoTime() - t0;
    }
    Arrays.sort(ns);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("k", k);
    out.put("p50_ms", round(percentile(ns, 50) / 1e6, 3));
    out.put("p95_ms", round(percentile(ns, 95) / 1e6, 3));
    out.put("mean_ms", round(Arrays.stream(ns).average().orElse(0) / 1e6, 3));
    System.err.printf("  k=%d: p50 %.3f ms, p95 %.3f ms%n", k, percentile(ns, 50) / 1e6, percentile(ns, 95) / 1e6);
    return out;
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static double round(double x, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }

  static long sizeOnDisk(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /**
   * Peak heap while it runs: the largest used heap seen by a 20 ms sampler, and the largest heap
   * left after a collection (closer to the live set; both depend on -Xmx and the collector).
   */
  static final class HeapWatch implements AutoCloseable {
    private volatile long peakUsed;
    private volatile long peakAfterGc;
    private volatile boolean running = true;
    private final Thread sampler;

    HeapWatch() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
          if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long after = 0;
            for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
              MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
              if (pool.getType() == MemoryType.HEAP && u != null) {
                after += u.getUsed();
              }
            }
            peakAfterGc = Math.max(peakAfterGc, after);
          }
        }, null, null);
      }
      sampler = new Thread(() -> {
        while (running) {
          peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-watch");
      sampler.setDaemon(true);
      sampler.start();
    }

    void into(Map<String, Object> out) {
      out.put("peak_heap_mb", round(peakUsed / 1048576.0, 1));
      out.put("peak_heap_after_gc_mb", round(peakAfterGc / 1048576.0, 1));
      out.put("max_heap_mb", round(Runtime.getRuntime().maxMemory() / 1048576.0, 0));
    }

    @Override
    public void close() {
      running = false;
      sampler.interrupt();
    }
  }

  /** A flat JSON object (numbers, strings, arrays of numbers): enough for result files. */
  static void writeJson(Path file, Map<String, Object> m) throws IOException {
    StringBuilder b = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      b.append("  \"").append(e.getKey()).append("\": ").append(value(e.getValue()));
      b.append(++i < m.size() ? ",\n" : "\n");
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, b.append("}\n").toString(), StandardCharsets.UTF_8);
  }

  private static String value(Object v) {
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof double[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(b.length() > 1 ? ", " : "").append('"').append(e.getKey()).append("\": ").append(value(e.getValue()));
      }
      return b.append('}').toString();
    }
    return '"' + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
