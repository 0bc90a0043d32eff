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
}
