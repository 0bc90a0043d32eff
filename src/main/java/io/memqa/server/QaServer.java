package io.memqa.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import io.memqa.retrieve.RetrieverUnavailableException;
import io.memqa.util.BadInputException;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service. It listens as soon as it starts, answering 503 on {@code /ready} and
 * {@code /v1/*} until {@link #load} has opened the index and model; {@link #close} (also run on
 * SIGTERM) refuses new requests, lets those in flight finish, then closes the model and index.
 */
public final class QaServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QaServer.class);
  static final String PROBLEM_JSON = "application/problem+json";

  private final ServerOptions options;
  private final Admission admission;
  private final Metrics metrics = new Metrics();
  private final Draining draining = new Draining();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object lock = new Object();
  private final Javalin app;
  private Api api;
  private volatile Backend backend;
  private volatile String failure;
  private boolean closed;

  private QaServer(ServerOptions options) {
    this.options = options;
    this.admission = new Admission(options.maxConcurrent(), options.queue(), options.timeoutMillis());
    metrics.gauge("memqa.ready", "1 once the index and model are loaded.", () -> backend == null ? 0 : 1);
    metrics.gauge("memqa.requests.in.flight", "HTTP requests being answered.", draining::inFlight);
    metrics.gauge("memqa.questions.in.progress", "Questions being read by a worker.", admission::active);
    metrics.gauge("memqa.questions.queued", "Questions waiting for a worker.", admission::queued);
    this.app = Javalin.create(this::configure);
  }

  /** Starts listening; the API answers 503 until {@link #load} or {@link #ready} gives it a backend. */
  public static QaServer start(ServerOptions options) {
    QaServer s = new QaServer(options);
    try {
      s.app.start();
    } catch (RuntimeException e) {
      s.admission.close();
      throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": " + rootMessage(e), e);
    }
    LOG.info("listening on {}", s.url());
    return s;
  }

  /** Opens the backend (slow: the index and model) while the server already answers 503. */
  public void load(Callable<Backend> opener) throws Exception {
    load(opener, List.of());
  }

  /**
   * {@link #load(Callable)}, then every worker answers the {@code warmUp} questions as a client's
   * would be answered before the server says it is ready. It must be the workers: a thread's
   * first PyTorch calls fill its own malloc arena, so after a warm-up on the loading thread a
   * worker's first three answers still took about 55, 20 and 10 ms more CPU (not so with one arena,
   * MALLOC_ARENA_MAX=1).
   */
  public void load(Callable<Backend> opener, List<String> warmUp) throws Exception {
    try {
      Backend b = opener.call();
      try {
        admission.onEveryWorker(() -> warmUp.forEach(q -> api.warmUp(b, q)));
      } catch (Exception e) {
        try (b) {
          throw e;
        }
      }
      ready(b);
    } catch (Exception e) {
      failure = firstLine(e);
      throw e;
    }
  }

  /** Starts answering with {@code b}; if the server was closed meanwhile, closes {@code b}. */
  public void ready(Backend b) throws IOException {
    synchronized (lock) {
      if (!closed) {
        Backend.Info info = b.info();
        metrics.info("memqa.model.info", "The reader model loaded.", info.model());
        metrics.info("memqa.index.info", "The passage index loaded.", info.index());
        metrics.gauge("memqa.index.passages", "Passages in the loaded index.", b::passages);
        backend = b;
        return;
      }
    }
    b.close();
  }

  public int port() {
    return app.port();
  }

  /** The address to open in a browser. */
  public String url() {
    String host = options.host();
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    return "http://" + shown + ":" + port();
  }

  /** Blocks until {@link #close} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private static final long REPLY_GRACE_MILLIS = 250;

  @Override
  public void close() {
    Backend b;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      b = backend;
      backend = null;
    }
    try {
      LOG.info("stopping: letting {} requests in flight finish", draining.inFlight());
      boolean drained = draining.drain(options.timeoutMillis() + 2000);
      // A reply finished asynchronously may still be on its way out when the count reaches 0;
      // stopping closes every connection, so give the last bytes a moment to leave.
      Thread.sleep(REPLY_GRACE_MILLIS);
      app.stop();
      admission.close();
      metrics.close();
      if (b != null && drained) {
        b.close();
      } else if (b != null) {
        LOG.warn("requests still running after the time limit; leaving the model to the exiting JVM");
      }
      LOG.info("stopped");
    } catch (IOException | RuntimeException e) {
      LOG.warn("while stopping: {}", firstLine(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped.countDown();
    }
  }

  private Backend backend() {
    Backend b = backend;
    if (b != null) {
      return b;
    }
    synchronized (lock) {
      if (closed) {
        throw ApiProblem.unavailable("the server is stopping");
      }
    }
    String f = failure;
    throw ApiProblem.unavailable(f == null ? "the index and model are still loading" : "the index or model failed to load: " + f);
  }

  private void configure(JavalinConfig cfg) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.jetty.host = options.host();
    cfg.jetty.port = options.port();
    cfg.http.maxRequestSize = options.maxBodyBytes();
    cfg.http.prefer405over404 = true;
    cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
    cfg.jetty.modifyServletContextHandler(h ->
        h.addFilter(new FilterHolder(draining), "/*", EnumSet.of(DispatcherType.REQUEST)));
    if (options.corsOrigin() != null) {
      cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.allowHost(options.corsOrigin())));
    }
    cfg.requestLogger.http((ctx, ms) -> metrics.record(route(ctx), ctx.method().name(), ctx.statusCode(), ms / 1000.0));

    api = new Api(options, admission, this::backend, metrics);
    var routes = cfg.routes;
    get(routes, "/", WebPage::index);
    get(routes, "/openapi.json", WebPage::openApi);
    get(routes, "/health", ctx -> Api.reply(ctx, Map.of("status", "ok")));
    get(routes, "/ready", this::readiness);
    get(routes, "/metrics", this::metrics);
    routes.post("/v1/answer", api::answerPost);
    get(routes, "/v1/answer", api::answerGet, "POST");
    get(routes, "/v1/search", api::search);
    get(routes, "/v1/passages/{id}", api::passage);

    routes.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e));
    routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, fromJavalin(ctx, e)));
    // The pipeline checks the client's values too (question, k); any other argument error is ours.
    routes.exception(BadInputException.class, (e, ctx) -> problem(ctx, ApiProblem.badRequest(e.getMessage())));
    // The retriever's cluster is away or overloaded: the client may try again, and will succeed once it is back.
    routes.exception(RetrieverUnavailableException.class, (e, ctx) -> {
      LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      problem(ctx, ApiProblem.unavailable("the passage search is unavailable: " + e.getMessage()));
    });
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      problem(ctx, new ApiProblem(500, "Internal server error", "the server failed to answer; see its log"));
    });
    routes.error(404, ctx -> generic(ctx, ApiProblem.notFound("no such resource: " + Inputs.shorten(ctx.path()))));
  }

  /**
   * A GET route with the HEAD that goes with it (same status and headers, no body) and an OPTIONS
   * reply that lists the methods; {@code more} are the path's other methods.
   */
  private static void get(RoutesConfig routes, String path, Handler handler, String... more) {
    routes.get(path, handler);
    routes.head(path, handler);
    String allow = String.join(", ", Stream.concat(Stream.of("GET", "HEAD"), Stream.concat(Stream.of(more), Stream.of("OPTIONS"))).toList());
    routes.options(path, ctx -> ctx.status(204).header("Allow", allow));
  }

  /** Javalin's own refusals (no route, wrong method) in our words. */
  private static ApiProblem fromJavalin(Context ctx, HttpResponseException e) {
    String path = Inputs.shorten(ctx.path());
    return switch (e.getStatus()) {
      case 404 -> ApiProblem.notFound("no such resource: " + path);
      case 405 -> new ApiProblem(405, "Method not allowed", ctx.method().name() + " is not allowed on " + path,
          allow(e.getDetails().get("availableMethods")));
      default -> new ApiProblem(e.getStatus() >= 500 ? 500 : e.getStatus(), "Request failed", String.valueOf(e.getMessage()));
    };
  }

  private static Map<String, String> allow(String methods) {
    return methods == null ? Map.of() : Map.of("Allow", methods.replaceAll("[\\[\\]]", ""));
  }

  private void readiness(Context ctx) {
    Backend b = backend;
    if (b == null) {
      String status = failure != null ? "failed" : closed() ? "stopping" : "loading";
      ctx.status(503);
      Api.reply(ctx, failure == null ? Map.of("status", status) : Map.of("status", status, "detail", failure));
      return;
    }
    Api.reply(ctx, new Readiness("ready", b.passages(), options.maxConcurrent(), options.queue(), options.maxQuestionChars()));
  }

  /** The reply of {@code /ready} once loaded. */
  record Readiness(String status, long passages, int maxConcurrent, int queue, int maxQuestionChars) {}

  private boolean closed() {
    synchronized (lock) {
      return closed;
    }
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  /** The route pattern matched, never the raw path, so that metrics stay bounded. */
  private static String route(Context ctx) {
    try {
      Endpoint e = ctx.endpoints().matchedHttpEndpoint();
      return e == null ? "unmatched" : e.path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  static void problem(Context ctx, ApiProblem p) {
    ctx.status(p.status());
    p.headers().forEach(ctx::header);
    ctx.attribute(PROBLEM_JSON, Boolean.TRUE);
    Api.reply(ctx, p.body());
    // RFC 9457's media type has no charset parameter; without this Jetty appends the default one.
    ctx.res().setCharacterEncoding(null);
    ctx.res().setContentType(PROBLEM_JSON);
  }

  /** Javalin's own 404 and 405 replies, unless a handler already answered with a problem. */
  private static void generic(Context ctx, ApiProblem p) {
    if (ctx.attribute(PROBLEM_JSON) == null) {
      problem(ctx, p);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return firstLine(t);
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
