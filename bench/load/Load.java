import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load client for a memqa server on this machine: N clients each send SQuAD dev questions to
 * POST /v1/answer back to back for T seconds (after a warm-up), then it prints answers/s,
 * latency p50/p95/p99 and the errors. Run with the project's classpath (see run.sh).
 *
 * java -cp 'target/memqa.jar:target/lib/*' bench/load/Load.java URL CLIENTS SECONDS QUESTIONS.json [WARMUP_S] [answer|search]
 *
 * With "search" it sends GET /v1/search instead (retrieval only), to see the HTTP layer's share.
 */
public class Load {
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: Load URL CLIENTS SECONDS SQUAD.json [WARMUP_SECONDS] [answer|search]");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    if (!base.getHost().equals("127.0.0.1") && !base.getHost().equals("localhost")) {
      throw new IllegalArgumentException("load tests run against 127.0.0.1 only, not " + base.getHost());
    }
    int clients = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    boolean search = args.length > 5 && args[5].equals("search");
    if (clients < 1 || clients > 256 || seconds < 1 || seconds > 600) {
      throw new IllegalArgumentException("clients must be 1..256 and seconds 1..600");
    }
    List<String> questions = questions(Path.of(args[3]));
    ObjectMapper json = new ObjectMapper();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    URI answer = base.resolve("/v1/answer");
    awaitReady(http, base.resolve("/ready"));
    AtomicLong next = new AtomicLong();
    long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
    long end = warmEnd + seconds * 1_000_000_000L;
    long[][] latencies = new long[clients][];
    LongAdder errors = new LongAdder();
    Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int id = c;
      threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
        long[] mine = new long[1 << 16];
        int n = 0;
        while (true) {
          long t0 = System.nanoTime();
          if (t0 >= end) {
            break;
          }
          String q = questions.get((int) (next.getAndIncrement() % questions.size()));
          String kind = null;
          try {
            HttpRequest req = search
                ? HttpRequest.newBuilder(base.resolve("/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30)).build()
                : HttpRequest.newBuilder(answer).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("question", q)))).build();
            HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (res.statusCode() != 200) {
              kind = "HTTP " + res.statusCode();
            } else if (!json.readTree(res.body()).has(search ? "hits" : "answers")) {
              kind = "unexpected reply";
            }
          } catch (Exception e) {
            kind = e.getClass().getSimpleName();
          }
          long t1 = System.nanoTime();
          if (t0 < warmEnd) {
            continue;
          }
          if (kind != null) {
            errors.increment();
            errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
          }
          if (n == mine.length) {
            mine = Arrays.copyOf(mine, n * 2);
          }
          mine[n++] = t1 - t0;
        }
        latencies[id] = Arrays.copyOf(mine, n);
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf("clients %d, %d s (after %d s warm-up), %d questions in the pool%n", clients, seconds, warmup, questions.size());
    System.out.printf("endpoint %s: requests %d, %s/s %.1f, errors %d%s%n", search ? "/v1/search" : "/v1/answer", all.length,
        search ? "searches" : "answers", all.length / (double) seconds,
        errors.sum(), errorKinds.isEmpty() ? "" : " " + new TreeMap<>(errorKinds));
    System.out.printf("latency ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
        pct(all, 50), pct(all, 95), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
  }

  /** Waits up to five minutes for the server to load its index and model. */
  static void awaitReady(HttpClient http, URI ready) throws InterruptedException {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(ready + " did not become ready in five minutes");
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** The questions of a SQuAD-format file, in file order. */
  static List<String> questions(Path squad) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode article : new ObjectMapper().readTree(squad.toFile()).get("data")) {
      for (JsonNode paragraph : article.get("paragraphs")) {
        for (JsonNode qa : paragraph.get("qas")) {
          out.add(qa.get("question").asText());
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no questions in " + squad);
    }
    return out;
  }
}
