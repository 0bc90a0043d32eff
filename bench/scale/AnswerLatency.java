import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import io.memqa.qa.QaPipeline;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline at one corpus size: opens the index and the reader as the service does,
 * answers WARMUP questions to warm the JIT and the page cache, then N more on one thread (K
 * passages, as the service's default), and writes the answer latency (p50/p95/p99, wall clock
 * per question) and its split into retrieve / memory / read, plus the heap and resident memory
 * of the serving process.
 *
 * <p>Usage: AnswerLatency INDEX MODEL TOPICS.tsv N WARMUP K RESULT.json
 */
public final class AnswerLatency {
  public static void main(String[] args) throws Exception {
    Path index = Path.of(args[0]);
    Path model = Path.of(args[1]);
    List<String> questions = Bench.questions(Path.of(args[2]));
    int n = Integer.parseInt(args[3]);
    int warmup = Integer.parseInt(args[4]);
    int k = Integer.parseInt(args[5]);
    if (questions.size() < n + warmup) {
      throw new IllegalArgumentException("need " + (n + warmup) + " questions, have " + questions.size());
    }
    AnswerOptions options = new AnswerOptions(k, 1, 0);
    Map<String, Object> out = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    try (QaPipeline qa = QaPipeline.open(index, model)) {
      out.put("open_s", Bench.round((System.nanoTime() - t0) / 1e9, 2));
      out.put("passages", qa.retriever().size());
      for (int i = 0; i < warmup; i++) {
        qa.answer(questions.get(n + i), options);
      }
      long[] total = new long[n];
      double retrieve = 0;
      double memory = 0;
      double read = 0;
      int answered = 0;
      for (int i = 0; i < n; i++) {
        long s = System.nanoTime();
        Answers a = qa.answer(questions.get(i), options);
        total[i] = System.nanoTime() - s;
        retrieve += a.timings().retrieveMs();
        memory += a.timings().memoryMs();
        read += a.timings().readMs();
        answered += a.answers().isEmpty() ? 0 : 1;
      }
      Arrays.sort(total);
      out.put("k", k);
      out.put("questions", n);
      out.put("answered", answered);
      out.put("p50_ms", Bench.round(Bench.percentile(total, 50) / 1e6, 2));
      out.put("p95_ms", Bench.round(Bench.percentile(total, 95) / 1e6, 2));
      out.put("p99_ms", Bench.round(Bench.percentile(total, 99) / 1e6, 2));
      out.put("mean_ms", Bench.round(Arrays.stream(total).average().orElse(0) / 1e6, 2));
      out.put("retrieve_mean_ms", Bench.round(retrieve / n, 2));
      out.put("memory_mean_ms", Bench.round(memory / n, 2));
      out.put("read_mean_ms", Bench.round(read / n, 2));
      System.gc();
      out.put("serving_heap_mb", Bench.round(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0, 0));
      out.put("serving_rss_mb", rssMb());
      System.err.printf("  %,d passages, K=%d: answer p50 %.2f ms, p99 %.2f ms (retrieve %.2f, memory %.2f, read %.2f ms mean)%n",
          qa.retriever().size(), k, Bench.percentile(total, 50) / 1e6, Bench.percentile(total, 99) / 1e6,
          retrieve / n, memory / n, read / n);
    }
    Bench.writeJson(Path.of(args[6]), out);
  }

  private static long rssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
      }
    }
    return -1;
  }
}
