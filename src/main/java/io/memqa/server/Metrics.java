package io.memqa.server;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts by route, method and status, and a latency histogram by route, in the
 * Prometheus text format. Routes are the server's own patterns (never the raw path) and unknown
 * methods are pooled, so hostile requests cannot blow up the number of series.
 */
final class Metrics {
  static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private record Key(String route, String method, int status) {}

  private static final class Histogram {
    final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
    final DoubleAdder sum = new DoubleAdder();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void add(double seconds) {
      int i = 0;
      while (i < BUCKETS.length && seconds > BUCKETS[i]) {
        i++;
      }
      counts[i].increment();
      sum.add(seconds);
    }
  }

  private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();

  void record(String route, String method, int status, double seconds) {
    String m = METHODS.contains(method) ? method : "OTHER";
    requests.computeIfAbsent(new Key(route, m, status), k -> new LongAdder()).increment();
    latency.computeIfAbsent(route, r -> new Histogram()).add(seconds);
  }

  /** A current value reported as it is, such as requests in flight. */
  record Gauge(String name, String help, double value) {}

  /** The exposition text, counters and histograms first, then {@code gauges}. */
  String render(List<Gauge> gauges) {
    StringBuilder out = new StringBuilder(4096);
    out.append("# HELP memqa_http_requests_total HTTP requests answered, by route, method and status.\n");
    out.append("# TYPE memqa_http_requests_total counter\n");
    requests.keySet().stream()
        .sorted(Comparator.comparing(Key::route).thenComparing(Key::method).thenComparingInt(Key::status))
        .forEach(k -> out.append("memqa_http_requests_total{route=\"").append(k.route()).append("\",method=\"")
            .append(k.method()).append("\",status=\"").append(k.status()).append("\"} ")
            .append(requests.get(k).sum()).append('\n'));
    out.append("# HELP memqa_http_request_duration_seconds Time to answer HTTP requests, by route.\n");
    out.append("# TYPE memqa_http_request_duration_seconds histogram\n");
    for (Map.Entry<String, Histogram> e : new TreeMap<>(latency).entrySet()) {
      String route = e.getKey();
      Histogram h = e.getValue();
      long cumulative = 0;
      for (int i = 0; i <= BUCKETS.length; i++) {
        cumulative += h.counts[i].sum();
        String le = i < BUCKETS.length ? number(BUCKETS[i]) : "+Inf";
        out.append("memqa_http_request_duration_seconds_bucket{route=\"").append(route).append("\",le=\"")
            .append(le).append("\"} ").append(cumulative).append('\n');
      }
      out.append("memqa_http_request_duration_seconds_sum{route=\"").append(route).append("\"} ")
          .append(number(h.sum.sum())).append('\n');
      out.append("memqa_http_request_duration_seconds_count{route=\"").append(route).append("\"} ")
          .append(cumulative).append('\n');
    }
    for (Gauge g : gauges) {
      out.append("# HELP ").append(g.name()).append(' ').append(g.help()).append('\n');
      out.append("# TYPE ").append(g.name()).append(" gauge\n");
      out.append(g.name()).append(' ').append(number(g.value())).append('\n');
    }
    return out.toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
