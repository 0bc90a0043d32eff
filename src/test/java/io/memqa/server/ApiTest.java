package io.memqa.server;

import io.memqa.testing.TinyQa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.text.AnswerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API against a real tiny index and model: what a client gets back for good requests. */
class ApiTest {
  static QaServer server;
  static Http http;
  static TinyQa.Fixture tiny;

  @BeforeAll
  static void start() throws Exception {
    tiny = TinyQa.get();
    server = QaServer.start(ServerOptions.defaults().withPort(0));
    server.load(() -> Backend.of(tiny.open()));
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void answersFromRetrievedPassagesWithEvidence() {
    List<String> wrong = new ArrayList<>();
    for (Question q : TinyQa.whereBorn(20)) {
      Http.Reply r = http.postJson("/v1/answer", Map.of("question", q.text()));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.contentType()).isEqualTo("application/json");
      JsonNode top = r.json().get("answers").get(0);
      if (AnswerMetrics.maxExactMatch(top.get("text").asText(), q.answers()) < 1) {
        wrong.add(q.text() + " -> " + top.get("text").asText());
      }
    }
    assertThat(wrong).as("wrong answers").hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void theReplyHasEveryFieldOfTheContract() {
    Question q = TinyQa.whereBorn(1).get(0);
    JsonNode a = http.postJson("/v1/answer", Map.of("question", q.text(), "passages", 3, "answers", 2, "explain", true)).json();
    assertThat(a.get("question").asText()).isEqualTo(q.text());
    assertThat(a.get("answers")).hasSize(2);
    JsonNode top = a.get("answers").get(0);
    assertThat(top.fieldNames()).toIterable().containsExactly("text", "score", "passageId", "docId", "title", "start", "end", "evidence");
    Passage source = tiny.data().passages().stream().filter(p -> p.id().equals(top.get("passageId").asText())).findFirst().orElseThrow();
    assertThat(codePoints(source.text(), top.get("start").asInt(), top.get("end").asInt())).isEqualTo(top.get("text").asText());
    assertThat(top.get("evidence").asText()).contains(top.get("text").asText());
    assertThat(a.get("passages")).hasSize(3);
    assertThat(a.get("passages").get(0).fieldNames()).toIterable().containsExactly("id", "docId", "title", "text", "rank", "score");
    assertThat(a.fieldNames()).toIterable().containsExactly("question", "answers", "confident", "passages", "hops", "timings");
    assertThat(a.get("confident").isBoolean()).isTrue();
    assertThat(a.get("confident").asBoolean()).isEqualTo(top.get("score").asDouble() >= io.memqa.reader.Calibration.CONFIDENT);
    assertThat(a.get("hops")).hasSize(2);
    for (JsonNode hop : a.get("hops")) {
      assertThat(hop.fieldNames()).toIterable().containsExactly("passages", "sentences", "slots");
      assertThat(hop.get("slots")).hasSize(AnswerRequest.EXPLAIN_TRUE);
      assertThat(hop.get("slots").get(0).fieldNames()).toIterable().containsExactly("value", "key", "passageId", "title", "weight");
      assertThat(hop.get("slots").get(0).get("weight").asDouble()).isBetween(0.0, 1.0);
      // every passage's share, and the shares are absolute: they add up to the whole hop
      assertThat(hop.get("passages")).hasSize(3);
      double sum = 0;
      for (JsonNode p : hop.get("passages")) {
        assertThat(p.fieldNames()).toIterable().containsExactly("passageId", "title", "weight");
        sum += p.get("weight").asDouble();
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
      assertThat(hop.get("sentences").get(0).fieldNames()).toIterable().containsExactly("passageId", "text", "weight");
    }
    assertThat(a.get("timings").fieldNames()).toIterable().containsExactly("retrieveMs", "memoryMs", "readMs", "totalMs");
  }

  @Test
  void explainTakesANumberAndIsOffByDefault() {
    String q = TinyQa.whereBorn(1).get(0).text();
    assertThat(http.postJson("/v1/answer", Map.of("question", q)).json().get("hops")).isEmpty();
    assertThat(http.postJson("/v1/answer", Map.of("question", q, "explain", false)).json().get("hops")).isEmpty();
    JsonNode hops = http.postJson("/v1/answer", Map.of("question", q, "explain", 2)).json().get("hops");
    assertThat(hops).hasSize(2).allSatisfy(h -> {
      assertThat(h.get("slots")).hasSize(2);
      assertThat(h.get("sentences")).hasSizeLessThanOrEqualTo(2);
    });
  }

  @Test
  void getGivesTheSameAnswerAsPost() {
    String q = TinyQa.whereBorn(2).get(1).text();
    JsonNode post = http.postJson("/v1/answer", Map.of("question", q, "passages", 2, "explain", 3)).json();
    JsonNode get = http.get("/v1/answer?q=" + Http.encode(q) + "&passages=2&explain=3").json();
    assertThat(get.get("answers")).isEqualTo(post.get("answers"));
    assertThat(get.get("hops")).isEqualTo(post.get("hops"));
    assertThat(http.get("/v1/answer?q=" + Http.encode(q) + "&explain=true").json().get("hops").get(0).get("slots")).hasSize(5);
  }

  @Test
  void closedSettingReadsOnlyTheGivenPassageOrText() {
    Question q = TinyQa.whereBorn(3).get(2);
    JsonNode byId = http.postJson("/v1/answer", Map.of("question", q.text(), "passageId", q.passageId())).json();
    assertThat(byId.get("passages")).hasSize(1);
    assertThat(byId.get("passages").get(0).get("id").asText()).isEqualTo(q.passageId());
    assertThat(byId.get("answers").get(0).get("text").asText()).isIn(q.answers());

    String context = "Vera Lindqvist was born in Tromso in 1901. Vera Lindqvist studied botany for many years.";
    JsonNode byText = http.postJson("/v1/answer", Map.of("question", "Where was Vera Lindqvist born?", "context", context)).json();
    assertThat(byText.get("passages")).hasSize(1);
    JsonNode top = byText.get("answers").get(0);
    assertThat(top.get("passageId").asText()).isEqualTo("context");
    assertThat(codePoints(context, top.get("start").asInt(), top.get("end").asInt())).isEqualTo(top.get("text").asText());
    assertThat(byText.get("timings").get("retrieveMs").asDouble()).isZero();
  }

  @Test
  void offsetsAreCodePointsAsPythonAndSquadCountThem() {
    String context = "\uD83D\uDE80\uD83D\uDE80\uD83D\uDE80 Vera Lindqvist was born in Tromso in 1901. Vera Lindqvist studied botany.";
    JsonNode top = http.postJson("/v1/answer", Map.of("question", "Where was Vera Lindqvist born?", "context", context))
        .json().get("answers").get(0);
    assertThat(top.get("text").asText()).isEqualTo("Tromso");
    assertThat(top.get("start").asInt()).isEqualTo(context.indexOf("Tromso") - 3);
    assertThat(codePoints(context, top.get("start").asInt(), top.get("end").asInt())).isEqualTo("Tromso");
  }

  /** {@code text[start:end]} as Python slices it: by code points. */
  static String codePoints(String text, int start, int end) {
    return new String(text.codePoints().toArray(), start, end - start);
  }

  @Test
  void aQuestionThatMatchesNothingIsAnEmptyAnswer() {
    Http.Reply r = http.postJson("/v1/answer", Map.of("question", "is it the?"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("answers")).isEmpty();
    assertThat(r.json().get("passages")).isEmpty();
  }

  @Test
  void searchAndPassages() {
    Passage p = tiny.data().passages().get(7);
    JsonNode s = http.get("/v1/search?q=" + Http.encode("Where was " + p.title() + " born?") + "&k=4").json();
    assertThat(s.fieldNames()).toIterable().containsExactly("question", "hits", "timings");
    assertThat(s.get("hits")).hasSize(4);
    assertThat(s.get("hits").get(0).fieldNames()).toIterable().containsExactly("id", "docId", "title", "text", "rank", "score");
    assertThat(s.get("hits").findValuesAsText("title")).contains(p.title());
    assertThat(s.get("timings").has("retrieveMs")).isTrue();

    JsonNode got = http.get("/v1/passages/" + p.id()).json();
    assertThat(got).isEqualTo(Http.JSON.valueToTree(Map.of("id", p.id(), "title", p.title(), "text", p.text(), "docId", p.docId())));
    Http.Reply missing = http.get("/v1/passages/no-such-id");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).isEqualTo(QaServer.PROBLEM_JSON);
    assertThat(missing.json().get("detail").asText()).contains("no-such-id");
  }

  @Test
  void healthReadinessOpenApiAndThePage() {
    assertThat(http.get("/health").json().get("status").asText()).isEqualTo("ok");
    JsonNode ready = http.get("/ready").json();
    assertThat(ready.get("status").asText()).isEqualTo("ready");
    assertThat(ready.get("passages").asLong()).isEqualTo(tiny.data().passages().size());
    JsonNode api = http.get("/openapi.json").json();
    assertThat(api.get("openapi").asText()).startsWith("3.");
    assertThat(api.get("paths").fieldNames()).toIterable().contains("/v1/answer", "/v1/search", "/v1/passages/{id}",
        "/health", "/ready", "/metrics", "/openapi.json", "/");
    Http.Reply page = http.get("/");
    assertThat(page.contentType()).isEqualTo("text/html;charset=utf-8");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(page.body()).contains("<form id=\"ask-form\"").doesNotContain("http://", "https://");
  }

  @Test
  void metricsCountRequestsByRouteAndStatus() {
    http.get("/v1/passages/no-such-id");
    http.get("/health");
    java.util.Map<String, Double> m = PrometheusText.parse(http.get("/metrics").body());
    assertThat(m.get("memqa_http_requests_total{method=GET, route=/v1/passages/{id}, status=404}")).isPositive();
    assertThat(m.get("memqa_http_requests_total{method=GET, route=/health, status=200}")).isPositive();
    assertThat(m).containsKey("memqa_http_request_duration_seconds_bucket{le=+Inf, route=/health}").containsEntry("memqa_ready", 1.0);
  }
}
