package io.memqa.server;

import io.memqa.testing.TinyQa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Loading, saturation, time limits, shutdown and CORS, with requests held in flight at a gate. */
class LifecycleTest {
  static final Map<String, Object> QUESTION = Map.of("question", "Where was Alma Hale born?");

  static ServerOptions options(int workers, int queue, long timeoutMillis, String cors) {
    return new ServerOptions("127.0.0.1", 0, workers, queue, 1000, 65_536, timeoutMillis, cors);
  }

  static GatedBackend gated() throws IOException {
    return new GatedBackend(Backend.of(TinyQa.get().open()));
  }

  @Test
  void listensAtOnceAndAnswers503UntilLoaded() throws Exception {
    try (QaServer server = QaServer.start(options(2, 4, 10_000, null))) {
      Http http = new Http(server.url());
      assertThat(http.get("/health").status()).isEqualTo(200);
      Http.Reply ready = http.get("/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().get("status").asText()).isEqualTo("loading");
      Http.Reply answer = http.postJson("/v1/answer", QUESTION);
      ErrorsTest.assertProblem(answer, 503, "still loading");
      assertThat(answer.header("Retry-After")).isEqualTo("1");
      ErrorsTest.assertProblem(http.get("/v1/search?q=Alma"), 503, "still loading");
      ErrorsTest.assertProblem(http.get("/v1/passages/syn-1-0"), 503, "still loading");
      assertThat(http.get("/").status()).isEqualTo(200);

      server.ready(Backend.of(TinyQa.get().open()));
      assertThat(http.get("/ready").status()).isEqualTo(200);
      assertThat(http.postJson("/v1/answer", QUESTION).status()).isEqualTo(200);
    }
  }

  @Test
  void aFailedLoadIsReported() {
    try (QaServer server = QaServer.start(options(2, 4, 10_000, null))) {
      assertThatThrownBy(() -> server.load(() -> {
        throw new IOException("no model at /nowhere: train one with ./memqa train");
      })).hasMessageContaining("no model at");
      Http http = new Http(server.url());
      Http.Reply ready = http.get("/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().get("status").asText()).isEqualTo("failed");
      assertThat(ready.json().get("detail").asText()).contains("no model at /nowhere");
      ErrorsTest.assertProblem(http.postJson("/v1/answer", QUESTION), 503, "failed to load: no model at /nowhere");
    }
  }

  @Test
  void aFullServerSays429AndRecovers() throws Exception {
    GatedBackend backend = gated();
    try (QaServer server = QaServer.start(options(1, 1, 60_000, null))) {
      server.ready(backend);
      Http http = new Http(server.url());
      CompletableFuture<Http.Reply> running = CompletableFuture.supplyAsync(() -> http.postJson("/v1/answer", QUESTION));
      await(() -> backend.entered.get() == 1, "the first request to reach the backend");
      CompletableFuture<Http.Reply> waiting = CompletableFuture.supplyAsync(() -> http.postJson("/v1/answer", QUESTION));
      await(() -> http.get("/metrics").body().contains("memqa_questions_queued 1.0"), "the second request to queue");

      Http.Reply refused = http.postJson("/v1/answer", QUESTION);
      ErrorsTest.assertProblem(refused, 429, "the server is busy");
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(http.get("/v1/passages/syn-1-0").status()).as("cheap reads are not queued").isEqualTo(200);

      backend.open();
      assertThat(running.join().status()).isEqualTo(200);
      assertThat(waiting.join().status()).isEqualTo(200);
      assertThat(http.postJson("/v1/answer", QUESTION).status()).isEqualTo(200);
    }
  }

  @Test
  void aRequestOverTheTimeLimitIs503() throws Exception {
    GatedBackend backend = gated();
    try (QaServer server = QaServer.start(options(1, 1, 300, null))) {
      server.ready(backend);
      Http http = new Http(server.url());
      ErrorsTest.assertProblem(http.postJson("/v1/answer", QUESTION), 503, "longer than the 300 ms limit");
      backend.open();
      assertThat(http.postJson("/v1/answer", QUESTION).status()).isEqualTo(200);
    }
  }

  @Test
  void closeFinishesRequestsInFlightThenClosesTheModel() throws Exception {
    GatedBackend backend = gated();
    QaServer server = QaServer.start(options(2, 4, 60_000, null));
    server.ready(backend);
    Http http = new Http(server.url());
    CompletableFuture<Http.Reply> inFlight = CompletableFuture.supplyAsync(() -> http.postJson("/v1/answer", QUESTION));
    await(() -> backend.entered.get() == 1, "the request to reach the backend");

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    await(() -> refused(http), "new requests to be refused");
    assertThat(inFlight).isNotDone();
    assertThat(closing).isNotDone();
    assertThat(backend.closed).isFalse();

    backend.open();
    Http.Reply finished = inFlight.join();
    assertThat(finished.status()).isEqualTo(200);
    assertThat(finished.json().get("answers")).isNotEmpty();
    closing.join();
    server.awaitStop();
    assertThat(backend.closed).isTrue();
  }

  @Test
  void aBackendLoadedAfterCloseIsClosed() throws Exception {
    GatedBackend backend = gated();
    QaServer server = QaServer.start(options(2, 4, 10_000, null));
    server.close();
    server.ready(backend);
    assertThat(backend.closed).isTrue();
  }

  @Test
  void corsAllowsOnlyTheConfiguredOrigin() throws Exception {
    try (QaServer server = QaServer.start(options(2, 4, 10_000, "https://example.org"))) {
      server.ready(Backend.of(TinyQa.get().open()));
      var client = java.net.http.HttpClient.newHttpClient();
      var allowed = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/health"))
          .header("Origin", "https://example.org").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://example.org");
      var other = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/health"))
          .header("Origin", "https://evil.example").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  private static boolean refused(Http http) {
    try {
      return http.get("/health").status() == 503;
    } catch (UncheckedIOException e) {
      return true; // the connector is already closed
    }
  }

  /** Waits for a state the test brings about; fails after a minute rather than hanging. */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
