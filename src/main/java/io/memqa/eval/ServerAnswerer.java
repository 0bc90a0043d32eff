package io.memqa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memqa.data.Question;
import io.memqa.qa.Answers;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Answers through a running memqa service: {@code POST /v1/answer}. A saturated service (429 or
 * 503) or a refused connection is retried with exponential backoff, honouring Retry-After; after
 * the last try, or on any other error status, the question fails with the problem's detail.
 */
public final class ServerAnswerer implements Answerer, AutoCloseable {
  /** Request timeout, retries after the first try, and the first backoff (doubling each retry). */
  public record Options(Duration timeout, int retries, Duration backoff) {
    public Options {
      if (retries < 0 || timeout.isNegative() || timeout.isZero() || backoff.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive, retries and backoff not negative");
      }
    }

    public static Options defaults() {
      return new Options(Duration.ofSeconds(60), 4, Duration.ofMillis(250));
    }
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final long MAX_WAIT_MS = 10_000;
  private final URI endpoint;
  private final int passages;
  private final boolean closed;
  private final Options options;
  private final HttpClient client;
  private final RetrieverSource.Kind retriever;

  public ServerAnswerer(URI server, int passages, boolean closed, Options options) {
    this(server, passages, closed, options, null);
  }

  /** Asks the service for retrieval {@code retriever} (null: the service's default). */
  public ServerAnswerer(URI server, int passages, boolean closed, Options options, RetrieverSource.Kind retriever) {
    this.retriever = retriever;
    String base = server.toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/v1/answer");
    this.passages = closed ? 1 : passages;
    this.closed = closed;
    this.options = options;
    // HTTP/1.1 keeps one connection per concurrent request, like the clients the service expects.
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** Checks that something listens at the server's address, so a wrong URL fails at once. */
  public static void checkReachable(URI server) throws IOException {
    if (server.getHost() == null || !("http".equals(server.getScheme()) || "https".equals(server.getScheme()))) {
      throw new BadInputException("--server must be an http:// URL with a host, got " + server);
    }
    int port = server.getPort() > 0 ? server.getPort() : ("https".equals(server.getScheme()) ? 443 : 80);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(server.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
    } catch (IOException e) {
      throw new IOException("cannot reach the memqa server at " + server + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Answers answer(Question q) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(options.timeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(q), StandardCharsets.UTF_8))
        .build();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> r;
      try {
        r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (java.net.ConnectException e) {
        if (attempt >= options.retries()) {
          throw new IOException("cannot connect to " + endpoint + " after " + (attempt + 1) + " tries", e);
        }
        pause(backoffMs(attempt));
        continue;
      } catch (java.net.http.HttpTimeoutException e) {
        throw new IOException(String.format("no answer within %.1f s from %s", options.timeout().toMillis() / 1000.0, endpoint), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      int status = r.statusCode();
      if (status == 200) {
        return AnswerEvaluation.JSON.readValue(r.body(), Answers.class);
      }
      if ((status == 429 || status == 503) && attempt < options.retries()) {
        pause(r.headers().firstValue("Retry-After").map(ServerAnswerer::seconds).orElse(backoffMs(attempt)));
        continue;
      }
      throw new IOException("server answered " + status + (attempt > 0 ? " after " + (attempt + 1) + " tries" : "")
          + ": " + problem(r.body()));
    }
  }

  private String body(Question q) {
    ObjectNode b = AnswerEvaluation.JSON.createObjectNode();
    b.put("question", q.text());
    b.put("passages", passages);
    b.put("answers", 1);
    b.put("explain", false);
    if (closed) {
      b.put("passageId", PipelineAnswerer.goldPassageId(q));
    } else if (retriever != null) {
      b.put("retriever", retriever.id());
    }
    return b.toString();
  }

  private long backoffMs(int attempt) {
    return Math.min(MAX_WAIT_MS, options.backoff().toMillis() << Math.min(attempt, 20));
  }

  /** Retry-After in seconds (the HTTP-date form is rare for this service; it falls back to 1 s). */
  private static long seconds(String retryAfter) {
    try {
      return Math.min(MAX_WAIT_MS, Math.max(0, Long.parseLong(retryAfter.strip())) * 1000);
    } catch (NumberFormatException e) {
      return 1000;
    }
  }

  private static void pause(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** The problem document's title and detail, or the start of whatever body came back. */
  static String problem(String body) {
    try {
      JsonNode p = AnswerEvaluation.JSON.readTree(body);
      String title = p.path("title").asText("");
      String detail = p.path("detail").asText("");
      if (!title.isEmpty() || !detail.isEmpty()) {
        return detail.isEmpty() ? title : title.isEmpty() ? detail : title + ": " + detail;
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: show the raw text below
    }
    String raw = body == null ? "" : body.strip();
    return raw.isEmpty() ? "(empty body)" : raw.substring(0, Math.min(200, raw.length()));
  }
}
