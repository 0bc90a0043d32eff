package io.memqa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.qa.Answers;
import io.memqa.testing.TinyQa;
import io.memqa.util.BuildInfo;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /metrics is valid Prometheus text with what operators expect, from a real server. */
class MetricsTest {
  static QaServer server;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    server = QaServer.start(ServerOptions.defaults().withPort(0));
    server.load(() -> Backend.of(TinyQa.get().open()));
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void countsRequestsAndTimesRoutesAndAnswerStages() {
    Metrics m = new Metrics();
    m.record("/v1/answer", "POST", 200, 0.004);
    m.record("/v1/answer", "POST", 200, 0.3);
    m.record("/v1/answer", "POST", 400, 0.0005);
    m.record("unmatched", "BREW", 405, 20);
    m.stages(new Answers.Timings(1.5, 0.2, 7, 8.7));
    Map<String, Double> s = PrometheusText.parse(m.scrape());
    assertThat(s).containsEntry("memqa_http_requests_total{method=POST, route=/v1/answer, status=200}", 2.0)
        .containsEntry("memqa_http_requests_total{method=POST, route=/v1/answer, status=400}", 1.0)
        .containsEntry("memqa_http_requests_total{method=OTHER, route=unmatched, status=405}", 1.0)
        .containsEntry("memqa_http_request_duration_seconds_bucket{le=0.001, route=/v1/answer}", 1.0)
        .containsEntry("memqa_http_request_duration_seconds_bucket{le=0.005, route=/v1/answer}", 2.0)
        .containsEntry("memqa_http_request_duration_seconds_bucket{le=+Inf, route=/v1/answer}", 3.0)
        .containsEntry("memqa_http_request_duration_seconds_count{route=/v1/answer}", 3.0)
        .containsEntry("memqa_http_request_duration_seconds_bucket{le=10.0, route=unmatched}", 0.0)
        .containsEntry("memqa_answer_stage_duration_seconds_bucket{le=0.0025, stage=retrieve}", 1.0)
        .containsEntry("memqa_answer_stage_duration_seconds_bucket{le=0.001, stage=retrieve}", 0.0)
        .containsEntry("memqa_answer_stage_duration_seconds_bucket{le=0.01, stage=read}", 1.0)
        .containsEntry("memqa_build_info{version=" + BuildInfo.version() + "}", 1.0);
    m.close();
  }

  @Test
  void theServerExposesJvmProcessInfoAndStageMetricsAndCountsHeadUnderItsRoute() {
    assertThat(http.method("HEAD", "/health").status()).isEqualTo(200);
    assertThat(http.get("/v1/answer?q=" + Http.encode(TinyQa.whereBorn(1).get(0).text())).status()).isEqualTo(200);
    Http.Reply r = http.get("/metrics");
    assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
    Map<String, Double> s = PrometheusText.parse(r.body());
    assertThat(s).containsEntry("memqa_http_requests_total{method=HEAD, route=/health, status=200}", 1.0)
        .containsEntry("memqa_ready", 1.0)
        .containsKey("memqa_index_passages")
        .containsKeys("process_uptime_seconds", "process_cpu_usage", "process_files_open_files", "jvm_threads_live_threads")
        .containsEntry("memqa_answer_stage_duration_seconds_count{stage=retrieve}", 1.0)
        .containsEntry("memqa_answer_stage_duration_seconds_count{stage=memory}", 1.0)
        .containsEntry("memqa_answer_stage_duration_seconds_count{stage=read}", 1.0);
    assertThat(s.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"))
        .anyMatch(k -> k.startsWith("memqa_model_info{format_version=") && k.contains("vectors=") && k.contains("width="))
        .anyMatch(k -> k.startsWith("memqa_index_info{analyzer=english"))
        .anyMatch(k -> k.startsWith("memqa_build_info{version="));
  }

  @Test
  void theCheckerRefusesMalformedText() {
    assertThatThrownBy(() -> PrometheusText.parse("a{b=\"c} 1\n")).hasMessageContaining("line 1");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE a counter\na 1\n# TYPE b gauge\nb 1\na 2\n"))
        .hasMessageContaining("not together");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"))
        .hasMessageContaining("must not fall");
    assertThatThrownBy(() -> PrometheusText.parse("a 1\na 2\n")).hasMessageContaining("series twice");
  }
}
