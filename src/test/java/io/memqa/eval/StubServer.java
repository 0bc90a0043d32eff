package io.memqa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.memqa.corpus.Passage;
import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import io.memqa.qa.QaPipeline;
import io.memqa.testing.LoopbackHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * A stand-in for the memqa service on 127.0.0.1: {@code POST /v1/answer} per the server contract,
 * answered by a real in-process pipeline. {@link #fault} can make it answer an error status
 * instead (as application/problem+json), to test retries and error rows.
 */
public final class StubServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer http;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final QaPipeline qa;
  private final AtomicInteger requests = new AtomicInteger();
  /** For a request body: the error status to answer instead (0 = answer normally). */
  private volatile ToIntFunction<JsonNode> fault = body -> 0;

  private StubServer(QaPipeline qa) throws IOException {
    this.qa = qa;
    this.http = LoopbackHttp.start("/v1/answer", this::handle, threads);
  }

  public static StubServer start(QaPipeline qa) throws IOException {
    return new StubServer(qa);
  }

  public URI uri() {
    return LoopbackHttp.uri(http);
  }

  public int requests() {
    return requests.get();
  }

  public void fault(ToIntFunction<JsonNode> f) {
    this.fault = f;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      requests.incrementAndGet();
      if (!"POST".equals(ex.getRequestMethod())) {
        problem(ex, 405, "Method not allowed", "use POST");
        return;
      }
      JsonNode body = JSON.readTree(ex.getRequestBody());
      int status = fault.applyAsInt(body);
      if (status != 0) {
        problem(ex, status, "Injected failure", "stub answered " + status + " for " + body.path("question").asText());
        return;
      }
      AnswerOptions options = new AnswerOptions(body.path("passages").asInt(5), body.path("answers").asInt(1),
          body.path("explain").asBoolean(false) ? 5 : 0);
      String question = body.path("question").asText();
      Answers a;
      if (body.hasNonNull("passageId")) {
        Optional<Passage> p = qa.retriever().passage(body.get("passageId").asText());
        if (p.isEmpty()) {
          problem(ex, 404, "Not found", "no passage " + body.get("passageId").asText());
          return;
        }
        a = qa.answer(question, p.get(), options);
      } else {
        a = qa.answer(question, options);
      }
      send(ex, 200, "application/json", JSON.writeValueAsBytes(a));
    } catch (RuntimeException e) {
      problem(ex, 500, "Internal error", String.valueOf(e.getMessage()));
    }
  }

  private static void problem(HttpExchange ex, int status, String title, String detail) throws IOException {
    if (status == 429 || status == 503) {
      ex.getResponseHeaders().add("Retry-After", "0");
    }
    byte[] body = JSON.writeValueAsBytes(java.util.Map.of("status", status, "title", title, "detail", detail));
    send(ex, status, "application/problem+json", body);
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
