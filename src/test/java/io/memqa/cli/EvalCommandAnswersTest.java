package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.eval.QaFixture;
import io.memqa.eval.StubServer;
import io.memqa.qa.QaPipeline;
import io.memqa.reader.SegmentSelection;
import io.memqa.testing.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval answers, compare and table end to end on the fixture model, in process and through a stub service. */
class EvalCommandAnswersTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  static QaFixture fx;

  @BeforeAll
  static void fixture() {
    fx = QaFixture.get();
  }

  static Cli answers(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("eval", "answers", "--index", fx.index().toString(), "--model",
        fx.model().toString(), "--out", out.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  static JsonNode summary(Path run) throws IOException {
    return JSON.readTree(run.resolve("summary.json").toFile());
  }

  /** The metrics that must not depend on where or how fast the questions were answered. */
  static Map<String, Double> quality(Path run) throws IOException {
    Map<String, Double> m = new TreeMap<>();
    summary(run).path("metrics").properties().forEach(e -> m.put(e.getKey(), e.getValue().asDouble()));
    m.keySet().removeIf(k -> k.startsWith("latency") || k.equals("questions_per_second"));
    return m;
  }

  @Test
  void closedRunWritesEverythingAndGuardsItsDirectory() throws IOException {
    Path out = dir.resolve("closed");
    String questions = fx.questions().toString();
    Cli r = answers(out, "--dataset", questions, "--mode", "closed");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("questions: " + QaFixture.QUESTIONS, "EM ", "hits@1", "EM by type:", "where");
    for (String f : List.of("predictions.jsonl", "summary.json", "report.md", "run.json", "recall-at-k.png",
        "latency.png", "em-by-type.png")) {
      assertThat(out.resolve(f)).as(f).isNotEmptyFile();
    }
    JsonNode s = summary(out);
    assertThat(s.path("mode").asText()).isEqualTo("closed");
    assertThat(s.path("passages").asInt()).isEqualTo(1);
    assertThat(s.path("segments").asText()).isEqualTo("at most " + SegmentSelection.DEFAULT_SEGMENTS + " per memory");
    assertThat(Files.readString(out.resolve("report.md"))).contains("| segments | at most ");
    assertThat(s.path("command").asText()).startsWith("./memqa eval answers --index ").contains("--mode closed");
    double qps = s.at("/metrics/questions_per_second").asDouble();
    assertThat(qps).isPositive();

    Cli again = answers(out, "--dataset", questions, "--mode", "closed");
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("already holds a run: add --resume");

    Cli resumed = answers(out, "--dataset", questions, "--mode", "closed", "--resume");
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("answered now: 0");
    assertThat(summary(out).at("/metrics/questions_per_second").asDouble()).isEqualTo(qps);
    assertThat(summary(out).path("questions").asInt()).isEqualTo(QaFixture.QUESTIONS);

    Cli other = answers(out, "--dataset", questions, "--mode", "open", "--resume");
    assertThat(other.exit()).isEqualTo(2);
    assertThat(other.err()).contains("other settings (mode: closed then, open now");
  }

  @Test
  void closedModeLeavesOutUnanswerableQuestionsAndCountsThem() throws IOException {
    Path questions = fx.writeQaJsonl(dir.resolve("q.jsonl"), 6, List.of("how do you get rid of hiccups", "who won in 2030"));
    Path out = dir.resolve("closed-qa");
    Cli r = answers(out, "--dataset", questions.toString(), "--mode", "closed");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("questions: 6", "left out 2 unanswerable questions");
    assertThat(summary(out).path("unanswerable_left_out").asInt()).isEqualTo(2);
    assertThat(Files.readString(out.resolve("report.md"))).contains("2 unanswerable questions were left out");
  }

  @Test
  void openModeScoresUnanswerableQuestionsApartAndReportsCalibration() throws IOException {
    Path questions = fx.writeQaJsonl(dir.resolve("q.jsonl"), 6, List.of("how do you get rid of hiccups", "who won in 2030"));
    Path out = dir.resolve("open-qa");
    Cli r = answers(out, "--dataset", questions.toString(), "--mode", "open", "--confidence-threshold", "0.3");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("questions: 8", "confidence: ECE ", "EM at 50% coverage", "(score >= 0.3)",
        "unanswerable: 2 questions (not in EM/F1)");
    JsonNode s = summary(out);
    assertThat(s.path("confidence_threshold").asDouble()).isEqualTo(0.3);
    assertThat(s.at("/metrics/unanswerable").asInt()).isEqualTo(2);
    assertThat(s.at("/metrics/ece").isNumber()).isTrue();
    assertThat(s.path("by_type").findValues("questions").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(6);
    for (String line : Files.readAllLines(out.resolve("predictions.jsonl"))) {
      JsonNode row = JSON.readTree(line);
      assertThat(row.path("confident").asBoolean()).isEqualTo(!row.path("prediction").asText().isEmpty()
          && row.path("score").asDouble() >= 0.3);
    }
    assertThat(Files.readString(out.resolve("report.md"))).contains("## Confidence", "## Unanswerable questions");
    Cli stricter = answers(out, "--dataset", questions.toString(), "--mode", "open", "--resume");
    assertThat(stricter.exit()).isEqualTo(2);
    assertThat(stricter.err()).contains("confidence_threshold: 0.3 then, 0.65 now");
  }

  @Test
  void serverModeGivesTheSameMetricsAsInProcess() throws IOException {
    Path local = dir.resolve("local");
    Path remote = dir.resolve("remote");
    String questions = fx.questions().toString();
    assertThat(answers(local, "--dataset", questions, "-k", "3").exit()).isZero();
    try (QaPipeline qa = fx.open(); StubServer server = StubServer.start(qa)) {
      Cli r = answers(remote, "--dataset", questions, "-k", "3", "--server", server.uri().toString(),
          "--concurrency", "3", "--compare", local.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(server.requests()).isEqualTo(QaFixture.QUESTIONS);
      assertThat(r.out()).contains("# Comparison", "## Right in A, wrong in B (0)", "## Wrong in A, right in B (0)");
    }
    assertThat(quality(remote)).isEqualTo(quality(local)).containsKeys("candidate_recall", "answer_recall@3");
    assertThat(summary(remote).path("server").asText()).startsWith("http://127.0.0.1:");
    assertThat(summary(remote).path("concurrency").asInt()).isEqualTo(3);

    Cli compared = Cli.run("eval", "compare", local.toString(), remote.toString(), "--out", dir.resolve("cmp.md").toString());
    assertThat(compared.exit()).as(compared.err()).isZero();
    assertThat(compared.out()).contains("| em |", "+0.00", QaFixture.QUESTIONS + " in both runs");
    assertThat(Files.readString(dir.resolve("cmp.md"))).isEqualTo(compared.out());

    Cli table = Cli.run("eval", "table", local.toString(), "--anchor", "BERTserini (Yang et al., 2019)=38.6/46.1");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("| memqa (model) | open, K=3 | " + QaFixture.QUESTIONS + " |",
        "| BERTserini (Yang et al., 2019) | published | - | 38.6 | 46.1 |");
  }

  @Test
  void aBadRecordIsSkippedWithItsLineAndTheRunGoesOn() throws IOException {
    Path file = Fixtures.write(dir.resolve("questions.jsonl"), """
        {"question": "Where was Greta Hale born?", "answer": ["Lisbon"]}
        {"question": "broken
        {"question": "What did Hugo Dorn study?", "answer": ["botany", "plant science"]}
        """);
    Path out = dir.resolve("nq");
    Cli r = answers(out, "--dataset", file.toString(), "-k", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("questions.jsonl:2");
    assertThat(r.out()).contains("questions: 2", "skipped 1 malformed");
    assertThat(summary(out).path("skipped_records").asInt()).isEqualTo(1);
    assertThat(Files.readAllLines(out.resolve("predictions.jsonl"))).hasSize(2);
  }

  @Test
  void badSettingsGiveOneLineReasons() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String q = fx.questions().toString();
    Object[][] cases = {
        {2, "--mode must be open or closed", new String[] {"--dataset", q, "--mode", "half"}},
        {2, "--concurrency must be between 1 and 256", new String[] {"--dataset", q, "--concurrency", "0"}},
        {2, "passages must be between 1 and 50", new String[] {"--dataset", q, "-k", "0"}},
        {1, "cannot reach the memqa server at http://127.0.0.1:" + port, new String[] {"--dataset", q, "--server", "http://127.0.0.1:" + port}},
        {2, "--confidence-threshold must be between 0 and 1, got 1.5", new String[] {"--dataset", q, "--confidence-threshold", "1.5"}},
        {2, "--server must be an http:// URL", new String[] {"--dataset", q, "--server", "localhost:8080"}},
        {2, "--mode closed needs questions tied to a paragraph", new String[] {"--dataset", Fixtures.write(dir.resolve("t.tsv"), "1\tfactoid\tWho?\tx\n").toString(), "--mode", "closed", "--format", "trec-tsv"}},
    };
    for (Object[] c : cases) {
      Cli r = answers(dir.resolve("bad"), (String[]) c[2]);
      assertThat(r.exit()).as(r.err()).isEqualTo(c[0]);
      List<String> reasons = r.errLines().stream().filter(l -> l.startsWith("memqa: ")).toList();
      assertThat(reasons).as(r.err()).hasSize(1);
      assertThat(reasons.get(0)).contains((String) c[1]);
    }
    Cli compare = Cli.run("eval", "compare", dir.toString(), dir.toString());
    assertThat(compare.exit()).isEqualTo(1);
    assertThat(compare.err()).contains("no predictions.jsonl at");
  }
}
