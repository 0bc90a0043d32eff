package io.memqa.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real OpenSearch node that can answer chosen requests
 * with an error status instead of forwarding them: a cluster that is busy or refuses, on demand.
 */
public final class FaultyProxy implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI upstream;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  /** For "METHOD /path?query": the status to answer instead of forwarding (0 = forward). */
  private volatile ToIntFunction<String> fault = request -> 0;

  public FaultyProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.http = LoopbackHttp.start("/", this::handle, threads);
  }

  public URI url() {
    return LoopbackHttp.uri(http);
  }

  public void fault(ToIntFunction<String> f) {
    this.fault = f;
  }

  /** The requests received, as "METHOD /path?query". */
  public List<String> seen() {
    return seen;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String request = ex.getRequestMethod() + " " + ex.getRequestURI();
      seen.add(request);
      byte[] body = ex.getRequestBody().readAllBytes();
      int status = fault.applyAsInt(request);
      if (status != 0) {
        byte[] reply = ("{\"error\": {\"type\": \"injected_fault\", \"reason\": \"answered " + status
            + " by the test proxy\"}, \"status\": " + status + "}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, reply.length);
        ex.getResponseBody().write(reply);
        return;
      }
      HttpRequest.Builder forward = HttpRequest.newBuilder(upstream.resolve(ex.getRequestURI().toString()))
          .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        forward.header("Content-Type", type);
      }
      HttpResponse<byte[]> r = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      r.headers().firstValue("Content-Type").ifPresent(t -> ex.getResponseHeaders().set("Content-Type", t));
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(r.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
