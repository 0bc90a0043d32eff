package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.eval.QaFixture;
import io.memqa.index.OpenSearchTarget;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.server.QaServer;
import io.memqa.server.ServerOptions;
import io.memqa.server.Service;
import io.memqa.testing.OpenSearchCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * memqa over a real two-node OpenSearch cluster with an index of two shards: loading it from the
 * command line, the same search, retrieval and answer results as the Lucene index, training
 * through it, the service
 * answering through it, and a node going away mid-run (503, then answers again once it is back).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSearchEndToEndTest {
  static final String INDEX = "syn";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  static OpenSearchCluster cluster;
  static QaFixture fx;
  static Cli loaded;

  @BeforeAll
  static void startAndLoad() {
    cluster = OpenSearchCluster.start(2);
    fx = QaFixture.get();
    loaded = Cli.run("index", "--to", "opensearch", "--corpus", fx.questions().toString(),
        "--opensearch-url", cluster.url().toString(), "--opensearch-index", INDEX, "--shards", "2", "--replicas", "0");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String[] viaOpenSearch(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--retriever", "opensearch", "--opensearch-url", cluster.url().toString(), "--opensearch-index", INDEX));
    return all.toArray(String[]::new);
  }

  private static String[] viaLucene(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--index", fx.index().toString()));
    return all.toArray(String[]::new);
  }

  @Test
  @Order(1)
  void theCorpusIsLoadedIntoTwoShards() throws Exception {
    assertThat(loaded.exit()).as(loaded.err()).isZero();
    assertThat(loaded.out()).contains("indexed " + QaFixture.PARAGRAPHS + " passages")
        .contains("index \"" + INDEX + "\" at " + cluster.url());
    JsonNode settings = get("/" + INDEX + "/_settings");
    JsonNode index = settings.elements().next().path("settings").path("index");
    assertThat(index.path("number_of_shards").asInt()).isEqualTo(2);
    assertThat(index.path("similarity").path("default").path("k1").asText()).isEqualTo("0.9");
    assertThat(index.path("similarity").path("default").path("b").asText()).isEqualTo("0.4");
  }

  @Test
  @Order(2)
  void searchAndEvalGiveTheLuceneIndexResults() throws IOException {
    List<String> asked = new ArrayList<>(List.of("Where was the person born?", "born in the year"));
    fx.readQuestions().stream().limit(4).forEach(q -> asked.add(q.text()));
    for (String q : asked) {
      // k above the corpus size: the generated passages tie often, and ties may straddle a cut-off.
      Cli lucene = Cli.run(viaLucene("search", q, "-k", "50"));
      Cli opensearch = Cli.run(viaOpenSearch("search", q, "-k", "50"));
      assertThat(opensearch.exit()).as(opensearch.err()).isZero();
      assertThat(ids(opensearch.out())).as(q).isEqualTo(ids(lucene.out())).isNotEmpty();
    }
    Path a = dir.resolve("retrieval-lucene");
    Path b = dir.resolve("retrieval-opensearch");
    String questions = fx.questions().toString();
    assertThat(Cli.run(viaLucene("eval", "retrieval", "--dataset", questions, "--out", a.toString())).exit()).isZero();
    Cli r = Cli.run(viaOpenSearch("eval", "retrieval", "--dataset", questions, "--out", b.toString()));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(EvalCommandAnswersTest.summary(b).path("metrics")).isEqualTo(EvalCommandAnswersTest.summary(a).path("metrics"));

    Path open = dir.resolve("answers-opensearch");
    Path reference = dir.resolve("answers-lucene");
    Cli answers = Cli.run(viaOpenSearch("eval", "answers", "--model", fx.model().toString(), "--dataset", questions,
        "--out", open.toString()));
    assertThat(answers.exit()).as(answers.err()).isZero();
    assertThat(Cli.run(viaLucene("eval", "answers", "--model", fx.model().toString(), "--dataset", questions,
        "--out", reference.toString())).exit()).isZero();
    // The same passages, ranked the same but for the order of equal scores (which index order decides,
    // in Lucene as in OpenSearch); where the order is the same, the same answer.
    Map<String, JsonNode> byLucene = predictions(reference);
    Map<String, JsonNode> byOpenSearch = predictions(open);
    assertThat(byOpenSearch.keySet()).isEqualTo(byLucene.keySet()).hasSize(QaFixture.QUESTIONS);
    int sameOrder = 0;
    for (String id : byLucene.keySet()) {
      JsonNode viaLucene = byLucene.get(id);
      JsonNode viaOpenSearch = byOpenSearch.get(id);
      assertThat(untied(viaOpenSearch.path("passages"))).as(id).isEqualTo(untied(viaLucene.path("passages")));
      if (passageIds(viaLucene).equals(passageIds(viaOpenSearch))) {
        sameOrder++;
        assertThat(viaOpenSearch.path("prediction").asText()).as(id).isEqualTo(viaLucene.path("prediction").asText());
      }
    }
    assertThat(sameOrder).isPositive(); // the generated passages tie often below the top
    assertThat(EvalCommandAnswersTest.summary(open).path("index").asText()).contains("\"" + INDEX + "\"");
  }

  @Test
  @Order(3)
  void trainingRetrievesThroughTheCluster() throws IOException {
    Path model = dir.resolve("model");
    Cli train = Cli.run(viaOpenSearch("train", "--dataset", fx.questions().toString(), "--out", model.toString(),
        "--epochs", "1", "--width", "8", "--embed", "16", "--vectors", "none", "--buckets", "4096", "--open-fraction", "1", "--held-out", "0.2"));
    assertThat(train.exit()).as(train.err()).isZero();
    JsonNode data = JSON.readTree(model.resolve("training.json").toFile()).path("data");
    assertThat(data.path("index").asText()).isEqualTo(new OpenSearchTarget(cluster.url(), INDEX).toString());
    assertThat(data.path("indexCorpusSha256").asText())
        .isEqualTo(io.memqa.data.Datasets.combinedChecksum(List.of(fx.questions())));
    assertThat(data.path("trainPassages").asInt()).isEqualTo(5);
  }

  private static Map<String, JsonNode> predictions(Path run) throws IOException {
    Map<String, JsonNode> rows = new TreeMap<>();
    for (String line : Files.readAllLines(run.resolve("predictions.jsonl"))) {
      JsonNode row = JSON.readTree(line);
      rows.put(row.path("id").asText(), row);
    }
    return rows;
  }

  private static List<String> passageIds(JsonNode row) {
    List<String> ids = new ArrayList<>();
    row.path("passages").forEach(p -> ids.add(p.path("id").asText()));
    return ids;
  }

  /** The ids scoring above the lowest score, best first, ties by id; and how many passages there are. */
  private static List<String> untied(JsonNode passages) {
    record P(double score, String id) {}
    List<P> ps = new ArrayList<>();
    passages.forEach(p -> ps.add(new P(Math.round(p.path("score").asDouble() * 1e3) / 1e3, p.path("id").asText())));
    double lowest = ps.stream().mapToDouble(P::score).min().orElse(0);
    List<String> out = new ArrayList<>(ps.stream().filter(p -> p.score() > lowest)
        .sorted(java.util.Comparator.comparingDouble((P p) -> -p.score()).thenComparing(P::id)).map(P::id).toList());
    out.add("passages: " + ps.size());
    return out;
  }

  /** The passage ids in search's output, best first; equal scores by id, as index order breaks ties. */
  private static List<String> ids(String out) {
    record Line(double score, String id) {}
    return out.lines().filter(l -> l.matches("\\s*\\d+\\. .*"))
        .map(l -> new Line(Double.parseDouble(l.trim().split("\\s+")[1]), l.replaceAll(".*?\\[(.*?)\\].*", "$1")))
        .sorted(java.util.Comparator.comparingDouble((Line l) -> -l.score()).thenComparing(Line::id))
        .map(Line::id).toList();
  }

  @Test
  @Order(4)
  void theServiceAnswersThroughTheClusterAndSurvivesANodeGoingAway() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RetrieverSource source = RetrieverSource.opensearch(new OpenSearchTarget(cluster.url(), INDEX));
    String question = fx.readQuestions().get(0).text();
    try (QaServer server = Service.start(ServerOptions.defaults().withPort(0), source, fx.model(),
        new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      URI base = URI.create(server.url());
      HttpResponse<String> ok = ask(base, question);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      String answer = JSON.readTree(ok.body()).path("answers").get(0).path("text").asText();
      assertThat(answer).isNotEmpty();

      cluster.kill(1); // holds one of the two shards: searches cannot be complete without it
      HttpResponse<String> away = ask(base, question);
      assertThat(away.statusCode()).as(away.body()).isEqualTo(503);
      assertThat(away.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(away.headers().firstValue("Retry-After")).isPresent();
      assertThat(JSON.readTree(away.body()).path("detail").asText())
          .contains("passage search is unavailable").contains("OpenSearch at " + cluster.url()).doesNotContain("method [");
      assertThat(send(base.resolve("/ready")).statusCode()).isEqualTo(503);

      cluster.restart(1);
      HttpResponse<String> back = ask(base, question);
      assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
      assertThat(JSON.readTree(back.body()).path("answers").get(0).path("text").asText()).isEqualTo(answer);

      cluster.kill(0); // the node the service talks to: no connection at all
      HttpResponse<String> refused = ask(base, question);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("OpenSearch at " + cluster.url());

      cluster.restart(0);
      assertThat(ask(base, question).statusCode()).isEqualTo(200);
      assertThat(send(base.resolve("/ready")).statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> ask(URI base, String question) throws Exception {
    String body = JSON.writeValueAsString(java.util.Map.of("question", question));
    return HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/answer")).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send(cluster.url().resolve(path));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
