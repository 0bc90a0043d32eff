package io.memqa.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.data.Question;
import io.memqa.eval.AnswerEvaluation.Row;
import io.memqa.qa.QaPipeline;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Evaluation through the HTTP contract, against a stub service on 127.0.0.1 wrapping the same pipeline. */
class ServerModeTest {
  static final ServerAnswerer.Options FAST = new ServerAnswerer.Options(Duration.ofSeconds(30), 3, Duration.ZERO);
  @TempDir Path dir;
  static QaPipeline qa;
  static StubServer server;
  static List<Question> questions;

  @BeforeAll
  static void start() throws IOException {
    qa = QaFixture.get().open();
    server = StubServer.start(qa);
    questions = QaFixture.get().readQuestions();
  }

  @AfterEach
  void healServer() {
    server.fault(body -> 0);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    qa.close();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void sameMetricsInProcessAndOverHttp(boolean closed) throws IOException {
    Summary local = new AnswerEvaluation(new PipelineAnswerer(qa, 3, closed), qa.reader().memoryBuilder(), 1)
        .run(questions.iterator(), 0, dir.resolve("local"), Map.of());
    Summary remote = new AnswerEvaluation(new ServerAnswerer(server.uri(), 3, closed, FAST), qa.reader().memoryBuilder(), 4)
        .run(questions.iterator(), 0, dir.resolve("remote"), Map.of());
    assertThat(remote.errors()).isZero();
    assertThat(AnswerEvaluationTest.quality(remote)).isEqualTo(AnswerEvaluationTest.quality(local));
    assertThat(remote.byType()).isEqualTo(local.byType());
    assertThat(remote.byAnswerLength()).isEqualTo(local.byAnswerLength());
    List<Row> a = PredictionsFile.read(dir.resolve("local").resolve(AnswerEvaluation.PREDICTIONS));
    List<Row> b = PredictionsFile.read(dir.resolve("remote").resolve(AnswerEvaluation.PREDICTIONS));
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).id()).isEqualTo(a.get(i).id());
      assertThat(b.get(i).prediction()).isEqualTo(a.get(i).prediction());
      assertThat(b.get(i).passages()).isEqualTo(a.get(i).passages());
    }
    assertThat(a.get(0).passages()).hasSize(closed ? 1 : 3);
  }

  @Test
  void aSaturatedServiceIsRetriedUntilItAnswers() throws IOException {
    Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    server.fault(body -> tries.computeIfAbsent(body.path("question").asText(), q -> new AtomicInteger()).incrementAndGet() <= 2
        ? (tries.size() % 2 == 0 ? 429 : 503) : 0);
    int before = server.requests();
    Summary s = new AnswerEvaluation(new ServerAnswerer(server.uri(), 3, false, FAST), null, 3)
        .run(questions.iterator(), 6, dir.resolve("busy"), Map.of());
    assertThat(s.errors()).isZero();
    assertThat(server.requests() - before).isEqualTo(6 * 3);
  }

  @Test
  void aServiceThatStaysSaturatedFailsOnlyThatQuestion() throws IOException {
    String unlucky = questions.get(1).text();
    server.fault(body -> body.path("question").asText().equals(unlucky) ? 503 : 0);
    Summary s = new AnswerEvaluation(new ServerAnswerer(server.uri(), 3, false, FAST), null, 2)
        .run(questions.iterator(), 4, dir.resolve("stuck"), Map.of());
    assertThat(s.errors()).isEqualTo(1);
    Row failed = PredictionsFile.read(dir.resolve("stuck").resolve(AnswerEvaluation.PREDICTIONS)).get(1);
    assertThat(failed.error()).isEqualTo("server answered 503 after 4 tries: Injected failure: stub answered 503 for " + unlucky);
  }

  @Test
  void otherErrorsAreNotRetried() {
    server.fault(body -> 400);
    int before = server.requests();
    ServerAnswerer answerer = new ServerAnswerer(server.uri(), 3, false, FAST);
    assertThatThrownBy(() -> answerer.answer(questions.get(0)))
        .isInstanceOf(IOException.class).hasMessageStartingWith("server answered 400: Injected failure");
    assertThat(server.requests() - before).isEqualTo(1);
  }

  @Test
  void closedModeSendsTheParagraphId() throws IOException {
    Question q = questions.get(0);
    server.fault(body -> body.path("passageId").asText().equals(q.passageId()) && body.path("passages").asInt() == 1 ? 0 : 418);
    assertThat(new ServerAnswerer(server.uri(), 5, true, FAST).answer(q).passages())
        .extracting(io.memqa.qa.Answers.PassageRef::id).containsExactly(q.passageId());
    Question free = Question.of("nq-1", "Where was Alma born?", List.of("Oslo"), "x");
    assertThatThrownBy(() -> new ServerAnswerer(server.uri(), 5, true, FAST).answer(free))
        .hasMessageContaining("closed mode needs questions tied to a paragraph");
  }

  @Test
  void openModeAsksForTheChosenRetriever() throws IOException {
    Question q = questions.get(0);
    server.fault(body -> body.path("retriever").asText().equals("bm25") ? 0 : 418);
    assertThat(new ServerAnswerer(server.uri(), 3, false, FAST, io.memqa.retrieve.RetrieverSource.Kind.BM25).answer(q).passages())
        .isNotEmpty();
    server.fault(body -> body.has("retriever") ? 418 : 0);
    assertThat(new ServerAnswerer(server.uri(), 3, false, FAST).answer(q).passages()).isNotEmpty();
  }

  @Test
  void aSlowAnswerFailsAfterTheTimeout() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.fault(body -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 503;
    });
    try (ServerAnswerer answerer = new ServerAnswerer(server.uri(), 3, false,
        new ServerAnswerer.Options(Duration.ofMillis(300), 3, Duration.ZERO))) {
      assertThatThrownBy(() -> answerer.answer(questions.get(0)))
          .isInstanceOf(IOException.class).hasMessageStartingWith("no answer within 0.3 s from " + server.uri() + "/v1/answer");
    } finally {
      release.countDown();
    }
  }

  @Test
  void problemBodiesAreSummarised() {
    assertThat(ServerAnswerer.problem("{\"title\":\"Bad request\",\"detail\":\"question is empty\"}"))
        .isEqualTo("Bad request: question is empty");
    assertThat(ServerAnswerer.problem("{\"title\":\"Too many requests\"}")).isEqualTo("Too many requests");
    assertThat(ServerAnswerer.problem("<html>proxy error</html>")).isEqualTo("<html>proxy error</html>");
    assertThat(ServerAnswerer.problem("")).isEqualTo("(empty body)");
  }

  @Test
  void nobodyListeningIsAClearErrorBeforeTheRun() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI gone = URI.create("http://127.0.0.1:" + port);
    assertThatThrownBy(() -> ServerAnswerer.checkReachable(gone))
        .isInstanceOf(IOException.class).hasMessageStartingWith("cannot reach the memqa server at " + gone);
    ServerAnswerer.checkReachable(server.uri());
    assertThatThrownBy(() -> ServerAnswerer.checkReachable(URI.create("ftp://127.0.0.1/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ServerAnswerer(gone, 3, false, FAST).answer(questions.get(0)))
        .isInstanceOf(IOException.class).hasMessageContaining("after 4 tries");
  }
}
