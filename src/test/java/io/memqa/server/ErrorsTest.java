package io.memqa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.memqa.corpus.Passage;
import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import io.memqa.retrieve.Hit;
import io.memqa.testing.TinyQa;
import io.memqa.util.BadInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests get the right 4xx status and an RFC 9457 problem saying what is wrong. */
class ErrorsTest {
  static QaServer server;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    server = QaServer.start(new ServerOptions("127.0.0.1", 0, 2, 4, 50, 4096, 10_000, null));
    server.load(() -> Backend.of(TinyQa.get().open()));
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> badBodies() {
    String q = "\"question\": \"Where was Alma Hale born?\"";
    return Stream.of(
        Arguments.of("{}", 400, "question is missing"),
        Arguments.of("{\"question\": \"   \"}", 400, "question is empty"),
        Arguments.of("{\"question\": 42}", 400, "question must be a string"),
        Arguments.of("{\"question\": [\"a\"]}", 400, "question must be a string"),
        Arguments.of("{\"question\": \"" + "x".repeat(51) + "\"}", 400, "too long: 51 characters (limit 50)"),
        Arguments.of("{" + q + ", \"passages\": 0}", 400, "passages must be between 1 and 50, got 0"),
        Arguments.of("{" + q + ", \"passages\": 51}", 400, "passages must be between 1 and 50"),
        Arguments.of("{" + q + ", \"passages\": 99999999999999999999}", 400, "passages must be an integer"),
        Arguments.of("{" + q + ", \"passages\": \"5\"}", 400, "passages must be an integer"),
        Arguments.of("{" + q + ", \"passages\": 2.5}", 400, "passages must be an integer"),
        Arguments.of("{" + q + ", \"answers\": 21}", 400, "answers must be between 1 and 20"),
        Arguments.of("{" + q + ", \"explain\": 51}", 400, "explain must be between 0 and 50"),
        Arguments.of("{" + q + ", \"explain\": \"yes\"}", 400, "explain must be true, false or an integer"),
        Arguments.of("{" + q + ", \"passageId\": 7}", 400, "passageId must be a string"),
        Arguments.of("{" + q + ", \"passageId\": \"\"}", 400, "passageId is empty"),
        Arguments.of("{" + q + ", \"passageId\": \"nope\"}", 404, "no passage with id \"nope\""),
        Arguments.of("{" + q + ", \"context\": \"" + "word ".repeat(4001) + "\"}", 413, "larger than the 4096-byte limit"),
        Arguments.of("{" + q + ", \"passageId\": \"syn-1-0\", \"context\": \"text\"}", 400, "not both"),
        Arguments.of("{" + q + ", \"passage\": 3}", 400, "unknown field \"passage\""),
        Arguments.of("{" + q + ", " + q + "}", 400, "malformed JSON: Duplicate field 'question'"),
        Arguments.of("[1, 2]", 400, "must be a JSON object"),
        Arguments.of("\"question\"", 400, "must be a JSON object"),
        Arguments.of("null", 400, "must be a JSON object"),
        Arguments.of("{" + q, 400, "malformed JSON"),
        Arguments.of("{" + q + "} {}", 400, "malformed JSON"),
        Arguments.of("", 400, "the body is empty"),
        Arguments.of("[".repeat(3000), 400, "malformed JSON"));
  }

  @ParameterizedTest
  @MethodSource("badBodies")
  void badBodiesAreExplained(String body, int status, String detail) {
    assertProblem(http.post("/v1/answer", "application/json", body), status, detail);
  }

  @Test
  void aClientStillSendingAnOversizedBodyGetsThe413() {
    // Without draining, the server answered and closed mid-upload and the client saw a reset.
    String body = "{\"question\": \"" + "x".repeat(3 * 4096) + "\"}";
    for (int i = 0; i < 20; i++) {
      assertProblem(http.post("/v1/answer", "application/json", body), 413, "larger than the 4096-byte limit");
    }
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of("/v1/answer", 400, "question is missing"),
        Arguments.of("/v1/answer?q=", 400, "question is empty"),
        Arguments.of("/v1/answer?q=hi&passages=x", 400, "passages must be an integer, got \"x\""),
        Arguments.of("/v1/answer?q=hi&answers=0", 400, "answers must be between 1 and 20"),
        Arguments.of("/v1/answer?q=hi&explain=maybe", 400, "explain must be an integer"),
        Arguments.of("/v1/answer?q=" + "y".repeat(51), 400, "too long"),
        Arguments.of("/v1/search?q=hi&k=101", 400, "k must be between 1 and 100"),
        Arguments.of("/v1/search?q=hi&k=-1", 400, "k must be between 1 and 100"),
        Arguments.of("/v1/search", 400, "question is missing"),
        Arguments.of("/v1/passages/" + "z".repeat(201), 400, "passage id is too long"),
        Arguments.of("/v1/passages/..%2F..%2Fetc%2Fpasswd", 404, "no passage with id \"../../etc/passwd\""),
        Arguments.of("/v1/nothing", 404, "no such resource: /v1/nothing"),
        Arguments.of("/v1/answer?q=hi&k=3", 400, "unknown query parameter \"k\"; known parameters: q, passages, answers, explain"),
        Arguments.of("/v1/answer?q=hi&q=ho", 400, "query parameter \"q\" is given 2 times"),
        Arguments.of("/v1/search?q=hi&passages=3", 400, "unknown query parameter \"passages\"; known parameters: q, k"),
        Arguments.of("/v1/passages/syn-1-0?full=1", 400, "this resource takes none"),
        Arguments.of("/index.html", 404, "no such resource"));
  }

  @ParameterizedTest
  @MethodSource("badQueries")
  void badQueriesAreExplained(String path, int status, String detail) {
    assertProblem(http.get(path), status, detail);
  }

  /** A backend whose answers fail with {@code failure}, to see how the server reports it. */
  private static Backend failing(RuntimeException failure) {
    return new Backend() {
      public Answers answer(String question, AnswerOptions options) {
        throw failure;
      }

      public Answers answer(String question, Passage passage, AnswerOptions options) {
        throw failure;
      }

      public List<Hit> search(String question, int k) {
        throw failure;
      }

      public Optional<Passage> passage(String id) {
        return Optional.empty();
      }

      public long passages() {
        return 0;
      }

      public void close() {}
    };
  }

  @Test
  void onlyBadInputIsA400AnInternalArgumentErrorIsALogged500() throws Exception {
    for (RuntimeException failure : List.of(new BadInputException("k must be between 1 and 1000, got 0"),
        new IllegalArgumentException("an internal bug"))) {
      try (QaServer s = QaServer.start(ServerOptions.defaults().withPort(0))) {
        s.ready(failing(failure));
        Http.Reply r = new Http(s.url()).postJson("/v1/answer", Map.of("question", "Who?"));
        if (failure instanceof BadInputException) {
          assertProblem(r, 400, "k must be between 1 and 1000, got 0");
        } else {
          assertProblem(r, 500, "the server failed to answer; see its log");
          assertThat(r.body()).doesNotContain("an internal bug");
        }
      }
    }
  }

  @Test
  void headAndOptionsAnswerEveryGetRouteAndAreListedInAllow() {
    for (String path : new String[] {"/health", "/v1/answer?q=hi", "/v1/passages/syn-1-0", "/openapi.json"}) {
      Http.Reply head = http.method("HEAD", path);
      Http.Reply get = http.get(path);
      assertThat(head.status()).as(path).isEqualTo(get.status());
      assertThat(head.contentType()).as(path).isEqualTo(get.contentType());
      assertThat(head.body()).isEmpty();
      Http.Reply options = http.method("OPTIONS", path.replaceAll("\\?.*", ""));
      assertThat(options.status()).as(path).isEqualTo(204);
      assertThat(options.header("Allow")).contains("GET", "HEAD", "OPTIONS");
    }
    assertThat(http.method("OPTIONS", "/v1/answer").header("Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
    assertThat(http.method("HEAD", "/v1/answer").status()).isEqualTo(400);
    assertThat(http.method("DELETE", "/v1/search").header("Allow")).contains("GET", "HEAD", "OPTIONS");
  }

  @Test
  void wrongContentTypesAre415() {
    String body = "{\"question\": \"Where?\"}";
    assertProblem(http.post("/v1/answer", "text/plain", body), 415, "not \"text/plain\"");
    assertProblem(http.post("/v1/answer", null, body), 415, "application/json");
    assertProblem(http.post("/v1/answer", "application/x-www-form-urlencoded", "question=Where"), 415, "application/json");
    assertProblem(http.post("/v1/answer", "application/json; charset=latin1", body), 415, "application/json");
    assertThat(http.post("/v1/answer", "Application/JSON; charset=\"UTF-8\"", body).status()).isEqualTo(200);
  }

  @Test
  void wrongMethodsAre405() {
    Http.Reply delete = http.method("DELETE", "/v1/answer");
    assertProblem(delete, 405, "DELETE is not allowed on /v1/answer");
    assertThat(delete.header("Allow")).contains("GET").contains("POST");
    assertProblem(http.method("PUT", "/v1/search"), 405, "PUT is not allowed");
    assertProblem(http.post("/v1/passages/syn-1-0", "application/json", "{}"), 405, "POST is not allowed");
  }

  @Test
  void corsIsOffUnlessConfigured() {
    Http.Reply r = http.get("/health");
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
  }

  static void assertProblem(Http.Reply r, int status, String detail) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).as(r.body()).isEqualTo(QaServer.PROBLEM_JSON);
    JsonNode p = r.json();
    assertThat(p.get("type").asText()).isEqualTo("about:blank");
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).contains(detail);
  }
}
