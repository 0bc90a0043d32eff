package io.memqa.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.corpus.CorpusFormat;
import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import io.memqa.index.Analyzers;
import io.memqa.index.IndexStats;
import io.memqa.index.OpenSearchIndexer;
import io.memqa.index.OpenSearchLayout;
import io.memqa.index.OpenSearchRefusedException;
import io.memqa.index.OpenSearchTarget;
import io.memqa.testing.Fixtures;
import io.memqa.testing.OpenSearchCluster;
import io.memqa.testing.TestIndexes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenSearch retriever against a real node: the Lucene index's answers, checks and refusals. */
class OpenSearchRetrieverTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static OpenSearchCluster cluster;
  static OpenSearchTarget target;
  static Bm25Retriever lucene;
  static OpenSearchRetriever opensearch;

  @BeforeAll
  static void load() throws IOException {
    cluster = OpenSearchCluster.shared();
    Path corpus = Fixtures.resource(Fixtures.PASSAGES);
    TestIndexes.build(corpus, dir.resolve("lucene"));
    lucene = Bm25Retriever.open(dir.resolve("lucene"));
    target = new OpenSearchTarget(cluster.url(), "retriever-test");
    load(corpus, target);
    opensearch = OpenSearchRetriever.open(target, Bm25Retriever.Options.defaults());
  }

  @AfterAll
  static void close() throws IOException {
    if (opensearch != null) {
      opensearch.close();
    }
    if (lucene != null) {
      lucene.close();
    }
  }

  static IndexStats load(Path corpus, OpenSearchTarget to) throws IOException {
    CorpusFormat format = CorpusFormat.guess(corpus);
    try (PassageReader passages = format.open(corpus, false)) {
      return new OpenSearchIndexer(options()).build(passages, TestIndexes.source(format, corpus), to);
    }
  }

  static OpenSearchIndexer.Options options() {
    Bm25Retriever.Options bm25 = Bm25Retriever.Options.defaults();
    return new OpenSearchIndexer.Options(Analyzers.ENGLISH, bm25.k1(), bm25.b(), 1, 0, 2, 2, Duration.ofMillis(100));
  }

  /** Questions over every fixture passage: its title, its words, and mixtures across passages. */
  static List<String> questions() throws IOException {
    List<String> qs = new ArrayList<>();
    List<Passage> all = new ArrayList<>();
    try (PassageReader r = CorpusFormat.guess(Fixtures.resource(Fixtures.PASSAGES)).open(Fixtures.resource(Fixtures.PASSAGES), false)) {
      r.forEachRemaining(all::add);
    }
    for (int i = 0; i < all.size(); i++) {
      Passage p = all.get(i);
      String[] words = p.text().split(" ");
      qs.add(p.title());
      qs.add("What is " + String.join(" ", List.of(words).subList(2, Math.min(9, words.length))) + "?");
      qs.add(words[words.length - 1] + " " + all.get((i + 3) % all.size()).title() + " the of light water");
    }
    qs.addAll(List.of("When was the Eiffel Tower completed?", "Who landed the lunar module Eagle?",
        "tower tower tower Paris", "What do worker bees forage for?", "energy world's largest river"));
    return qs;
  }

  @Test
  void ranksAndScoresAsTheLuceneIndexDoes() throws IOException {
    double ratio = Double.NaN;
    for (String q : questions()) {
      List<Hit> expected = lucene.search(q, 10);
      List<Hit> got = opensearch.search(q, 10);
      assertThat(got).as(q).hasSameSizeAs(expected);
      assertThat(ids(got)).as(q).containsExactlyElementsOf(ids(expected));
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i).rank()).isEqualTo(i + 1);
        assertThat(got.get(i).passage()).isEqualTo(expected.get(i).passage());
        // Same BM25 up to one constant factor (OpenSearch may keep BM25's historical (k1 + 1)).
        double r = got.get(i).score() / expected.get(i).score();
        ratio = Double.isNaN(ratio) ? r : ratio;
        assertThat(r).as(q).isCloseTo(ratio, within(1e-4 * ratio));
      }
    }
    assertThat(ratio).as("OpenSearch score / Lucene score").isCloseTo(1.0, within(1e-4));
  }

  /** Ids best first; equal scores (ties) ordered by id, since index order breaks ties differently. */
  private static List<String> ids(List<Hit> hits) {
    return hits.stream()
        .sorted(Comparator.comparingDouble((Hit h) -> -Math.round(h.score() * 1e4)).thenComparing(h -> h.passage().id()))
        .map(h -> h.passage().id()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "The Eiffel Tower's designers weren't French; it's 330 metres (1,083 ft) tall!",
      "Marie Curie's research on radioactivity won Nobel Prizes in 1903 and 1911.",
      "U.S.A. e-mail co-operation naïve café Zürich 3.14 x86_64 user@example.com http://example.org/a?b=c",
      "running runs ran runner's organizations generously happiness",
      "THE AND OF IS NOT BE an a it's they're"})
  void theIndexAnalysesTextAsLuceneDoes(String text) throws Exception {
    String body = JSON.writeValueAsString(Map.of("analyzer", "memqa", "text", text));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(cluster.url().resolve("/" + target.index() + "/_analyze"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> theirs = new ArrayList<>();
    for (JsonNode t : JSON.readTree(r.body()).path("tokens")) {
      theirs.add(t.path("token").asText());
    }
    assertThat(theirs).isNotEmpty().isEqualTo(luceneTokens(text));
  }

  private static List<String> luceneTokens(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (Analyzer a = Analyzers.ENGLISH.create(); TokenStream ts = a.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  @Test
  void questionsAreNeverQuerySyntax() {
    String hostile = "AND ( ) * ~ \" : \\ ^ [ ] { } OR NOT title:x eiffel* tower~2 \"lattice tower\"^5 +paris -1889 [a TO z] /re.ex/ && || !";
    assertThat(opensearch.search(hostile, 5).get(0).passage().id()).isEqualTo("p2");
    assertThat(opensearch.search("the of and a to", 5)).isEmpty();
    assertThat(opensearch.search("{\"query\": {\"match_all\": {}}}", 5)).extracting(h -> h.passage().id()).isEmpty();
    StringBuilder longQuestion = new StringBuilder();
    for (int i = 0; longQuestion.length() < 10_000; i++) {
      longQuestion.append("word").append(i).append(" eiffel ( tower ) ");
    }
    assertThat(opensearch.search(longQuestion.toString(), 3).get(0).passage().id()).isEqualTo("p2");
    assertThatThrownBy(() -> opensearch.search(" ", 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> opensearch.search("eiffel", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void passagesAreLookedUpByExactId() {
    RetrieverContract.looksUpPassagesByExactId(opensearch);
    assertThat(opensearch.stats().documents()).isEqualTo(10);
    assertThat(opensearch.stats().analyzer()).isEqualTo("english");
  }

  @Test
  void idsLongerThanOpenSearchAllowsAreKeptWhole() throws IOException {
    String longId = "é".repeat(300) + " the end";
    Path corpus = Fixtures.write(dir.resolve("long-ids.jsonl"),
        "{\"id\":\"" + longId + "\",\"title\":\"Long\",\"text\":\"A passage with a very long identifier.\"}\n"
            + "{\"id\":\"short\",\"title\":\"Short\",\"text\":\"A passage with a short identifier.\"}\n");
    OpenSearchTarget t = new OpenSearchTarget(cluster.url(), "long-ids");
    load(corpus, t);
    try (OpenSearchRetriever r = OpenSearchRetriever.open(t, Bm25Retriever.Options.defaults())) {
      assertThat(r.search("very long identifier", 1).get(0).passage().id()).isEqualTo(longId);
      assertThat(r.passage(longId)).map(Passage::title).contains("Long");
      assertThat(r.passage(OpenSearchLayout.documentId(longId))).isEmpty();
    }
  }

  @Test
  void loadingAgainSwapsInTheNewIndexAndDropsTheOld() throws Exception {
    OpenSearchTarget t = new OpenSearchTarget(cluster.url(), "reload");
    load(Fixtures.write(dir.resolve("one.jsonl"), "{\"id\":\"a\",\"title\":\"A\",\"text\":\"alpha beta\"}\n"), t);
    List<String> first = concreteIndexes("reload*");
    try (OpenSearchRetriever r = OpenSearchRetriever.open(t, Bm25Retriever.Options.defaults())) {
      assertThat(r.size()).isEqualTo(1);
      IndexStats stats = load(Fixtures.write(dir.resolve("two.jsonl"),
          "{\"id\":\"b\",\"title\":\"B\",\"text\":\"beta gamma\"}\n{\"id\":\"c\",\"title\":\"C\",\"text\":\"gamma\"}\n"), t);
      assertThat(stats.documents()).isEqualTo(2);
      // An open retriever follows the name: it now searches the new index.
      assertThat(r.search("gamma", 5)).extracting(h -> h.passage().id()).containsExactly("c", "b");
    }
    List<String> second = concreteIndexes("reload*");
    assertThat(first).hasSize(1);
    assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
    assertThat(second.get(0)).startsWith("reload.memqa-");
  }

  @Test
  void aNameMemqaDidNotCreateIsRefusedAndLeftAlone() throws Exception {
    send("PUT", "/foreign", "{\"mappings\": {\"properties\": {\"title\": {\"type\": \"text\"}}}}");
    send("PUT", "/foreign/_doc/1?refresh=true", "{\"title\": \"Eiffel Tower\"}");
    OpenSearchTarget foreign = new OpenSearchTarget(cluster.url(), "foreign");
    assertThatThrownBy(() -> load(Fixtures.resource(Fixtures.PASSAGES), foreign))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memqa did not create");
    assertThatThrownBy(() -> OpenSearchRetriever.open(foreign, Bm25Retriever.Options.defaults()))
        .isInstanceOf(OpenSearchRefusedException.class).hasMessageContaining("not made by memqa");
    assertThat(send("GET", "/foreign/_count", null).path("count").asInt()).isEqualTo(1);
    assertThat(concreteIndexes("foreign*")).containsExactly("foreign");
  }

  @Test
  void missingIndexesWrongSettingsAndAbsentClustersAreClearErrors() {
    assertThatThrownBy(() -> OpenSearchRetriever.open(new OpenSearchTarget(cluster.url(), "nothing-here"),
        Bm25Retriever.Options.defaults()))
        .isInstanceOf(OpenSearchRefusedException.class)
        .hasMessageContaining("no index \"nothing-here\"").hasMessageContaining("./memqa index --to opensearch");
    assertThatThrownBy(() -> OpenSearchRetriever.open(target, new Bm25Retriever.Options(1.2f, 0.75f, 0.25f)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k1=0.9 b=0.4");
    URI nobody = URI.create("http://127.0.0.1:" + freePort());
    assertThatThrownBy(() -> OpenSearchRetriever.open(new OpenSearchTarget(nobody, "squad"), Bm25Retriever.Options.defaults()))
        .isInstanceOf(IOException.class).hasMessageContaining("OpenSearch at " + nobody).hasMessageContaining("refused");
    assertThatThrownBy(() -> new OpenSearchTarget(cluster.url(), "Bad Name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OpenSearchTarget(URI.create("ftp://x"), "a")).isInstanceOf(IllegalArgumentException.class);
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> concreteIndexes(String pattern) throws Exception {
    List<String> names = new ArrayList<>();
    send("GET", "/" + pattern + "/_settings", null).fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode send(String method, String path, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(cluster.url().resolve(path)).header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
    return JSON.readTree(r.body());
  }
}
