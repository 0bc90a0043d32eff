package io.memqa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pieces: text cleaning, media types, request parsing and the metrics format. */
class InputsTest {
  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    assertThat(Inputs.clean("plain")).isSameAs("plain");
    assertThat(Inputs.clean("smile \uD83D\uDE00")).isEqualTo("smile \uD83D\uDE00");
    assertThat(Inputs.clean("a\uD800b")).isEqualTo("a\uFFFDb");
    assertThat(Inputs.clean("\uDC00x")).isEqualTo("\uFFFDx");
    assertThat(Inputs.clean("\uD800\uD800\uDC00")).isEqualTo("\uFFFD\uD800\uDC00");
    assertThat(Inputs.clean("end\uD83D")).isEqualTo("end\uFFFD");
  }

  @Test
  void onlyJsonInUtf8IsJson() {
    assertThat(Api.isJson("application/json")).isTrue();
    assertThat(Api.isJson("application/json; charset=UTF-8")).isTrue();
    assertThat(Api.isJson("APPLICATION/JSON;charset=\"utf-8\"")).isTrue();
    assertThat(Api.isJson("application/json; charset=iso-8859-1")).isFalse();
    assertThat(Api.isJson("application/jsonp")).isFalse();
    assertThat(Api.isJson("text/json")).isFalse();
    assertThat(Api.isJson(null)).isFalse();
  }

  @Test
  void queryParametersAreCheckedLikeTheBody() {
    AnswerRequest r = AnswerRequest.fromQuery(
        Map.of("q", " Where? ", "passages", "7", "answers", "2", "explain", "true")::get, 100);
    assertThat(r.question()).isEqualTo(" Where? ");
    assertThat(r.options()).isEqualTo(new io.memqa.qa.AnswerOptions(7, 2, AnswerRequest.EXPLAIN_TRUE));
    assertThat(AnswerRequest.fromQuery(Map.of("q", "x", "explain", "false")::get, 100).options().explain()).isZero();
    assertThat(AnswerRequest.fromQuery(Map.of("q", "x")::get, 100).options()).isEqualTo(new io.memqa.qa.AnswerOptions(5, 3, 0));
    assertThatThrownBy(() -> AnswerRequest.fromQuery(Map.of("q", "x", "passages", "1e3")::get, 100))
        .isInstanceOf(ApiProblem.class).hasMessage("passages must be an integer, got \"1e3\"");
  }

  @Test
  void metricsAreValidPrometheusText() {
    Metrics m = new Metrics();
    m.record("/v1/answer", "POST", 200, 0.004);
    m.record("/v1/answer", "POST", 200, 0.3);
    m.record("/v1/answer", "POST", 400, 0.0005);
    m.record("unmatched", "BREW", 405, 20);
    String text = m.render(List.of(new Metrics.Gauge("memqa_ready", "Loaded.", 1)));
    assertThat(text).contains("memqa_http_requests_total{route=\"/v1/answer\",method=\"POST\",status=\"200\"} 2\n")
        .contains("memqa_http_requests_total{route=\"/v1/answer\",method=\"POST\",status=\"400\"} 1\n")
        .contains("memqa_http_requests_total{route=\"unmatched\",method=\"OTHER\",status=\"405\"} 1\n")
        .contains("memqa_http_request_duration_seconds_bucket{route=\"/v1/answer\",le=\"0.001\"} 1\n")
        .contains("memqa_http_request_duration_seconds_bucket{route=\"/v1/answer\",le=\"0.005\"} 2\n")
        .contains("memqa_http_request_duration_seconds_bucket{route=\"/v1/answer\",le=\"0.25\"} 2\n")
        .contains("memqa_http_request_duration_seconds_bucket{route=\"/v1/answer\",le=\"+Inf\"} 3\n")
        .contains("memqa_http_request_duration_seconds_count{route=\"/v1/answer\"} 3\n")
        .contains("memqa_http_request_duration_seconds_bucket{route=\"unmatched\",le=\"10\"} 0\n")
        .contains("# TYPE memqa_ready gauge\nmemqa_ready 1\n");
    for (String line : text.lines().toList()) {
      assertThat(line).matches("# (HELP|TYPE) .+|[a-z_]+(\\{[^}]*})? [0-9.e+-]+");
    }
  }
}
