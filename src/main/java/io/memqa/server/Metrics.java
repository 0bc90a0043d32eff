package io.memqa.server;

import io.memqa.qa.Answers;
import io.memqa.util.BuildInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's metrics in the Prometheus text format, through Micrometer's Prometheus registry:
 * requests by route, method and status with a latency histogram by route; the time of each stage
 * of an answer (retrieve, memory, read); what is loaded (build, model, index); and the JVM and
 * process. Routes are the server's own patterns (never the raw path) and unknown methods are
 * pooled, so hostile requests cannot blow up the number of series.
 */
final class Metrics implements AutoCloseable {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Duration[] BUCKETS = seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Timer retrieve = stage("retrieve");
  private final Timer memory = stage("memory");
  private final Timer read = stage("read");

  Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    info("memqa.build.info", "The memqa version serving.", Map.of("version", BuildInfo.version()));
  }

  /** A current value read at each scrape, such as requests in flight. */
  void gauge(String name, String help, Supplier<Number> value) {
    Gauge.builder(name, value).description(help).strongReference(true).register(registry);
  }

  /** A constant 1 whose labels say what is loaded, in the Prometheus "info" style. */
  void info(String name, String help, Map<String, String> labels) {
    Tags tags = Tags.empty();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      tags = tags.and(e.getKey(), e.getValue() == null ? "" : e.getValue());
    }
    Gauge.builder(name, () -> 1).description(help).tags(tags).strongReference(true).register(registry);
  }

  void record(String route, String method, int status, double seconds) {
    String m = METHODS.contains(method) ? method : "OTHER";
    Counter.builder("memqa.http.requests").description("HTTP requests answered, by route, method and status.")
        .tags("route", route, "method", m, "status", Integer.toString(status)).register(registry).increment();
    Timer.builder("memqa.http.request.duration").description("Time to answer HTTP requests, by route.")
        .tags("route", route).serviceLevelObjectives(BUCKETS).register(registry)
        .record((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
  }

  /** The time each stage of one answer took. */
  void stages(Answers.Timings t) {
    retrieve.record(nanos(t.retrieveMs()), TimeUnit.NANOSECONDS);
    memory.record(nanos(t.memoryMs()), TimeUnit.NANOSECONDS);
    read.record(nanos(t.readMs()), TimeUnit.NANOSECONDS);
  }

  /** The exposition text (format 0.0.4). */
  String scrape() {
    return registry.scrape();
  }

  private Timer stage(String stage) {
    return Timer.builder("memqa.answer.stage.duration")
        .description("Time of each stage of an answer: retrieve (BM25), memory (building slots), read (the network).")
        .tags("stage", stage).serviceLevelObjectives(BUCKETS).register(registry);
  }

  private static long nanos(double ms) {
    return Math.round(ms * 1e6);
  }

  private static Duration[] seconds(double... s) {
    Duration[] d = new Duration[s.length];
    for (int i = 0; i < s.length; i++) {
      d[i] = Duration.ofNanos(Math.round(s[i] * 1e9));
    }
    return d;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
