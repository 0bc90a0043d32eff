package io.memqa.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memqa.corpus.Passage;
import io.memqa.encoder.EncoderException;
import io.memqa.encoder.KnownEncoder;
import io.memqa.encoder.PretrainedEncoder;
import io.memqa.index.Fields;
import io.memqa.index.IndexStats;
import io.memqa.index.PassageVectors;
import io.memqa.index.PassageWindows;
import io.memqa.index.VectorFormat;
import io.memqa.testing.Fixtures;
import io.memqa.testing.TestEncoders;
import io.memqa.testing.TestIndexes;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridRetrieverTest {
  @TempDir static Path dir;
  static Path dense;
  static Path plain;
  static HybridRetriever retriever;
  static final Fusion RRF = new Fusion(Fusion.Method.RRF, 0.5f, 60, 100);

  @BeforeAll
  static void buildIndexes() throws IOException {
    dense = dir.resolve("dense");
    plain = dir.resolve("plain");
    TestIndexes.buildDense(Fixtures.resource(Fixtures.PASSAGES), dense, VectorFormat.INT8);
    TestIndexes.build(Fixtures.resource(Fixtures.PASSAGES), plain);
    retriever = HybridRetriever.open(dense, Bm25Retriever.Options.defaults(), RRF, RetrieverSource.Kind.HYBRID, null);
  }

  @AfterAll
  static void close() throws IOException {
    retriever.close();
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(h -> h.passage().id()).toList();
  }

  @Test
  void everyPassageHasItsVectorsAndTheStatsNameTheEncoder() throws IOException {
    IndexStats stats = IndexStats.read(dense);
    assertThat(stats.dense()).isTrue();
    assertThat(stats.vectors().format()).isEqualTo("int8");
    assertThat(stats.vectors().encoder()).isEqualTo(TestEncoders.small().identity());
    assertThat(stats.vectors().windowWords()).isEqualTo(PassageVectors.DEFAULT_WINDOW_WORDS);
    // Each passage is shorter than a window: one window document before each passage document.
    assertThat(vectorCount(dense)).isEqualTo(10);
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dense))) {
      assertThat(r.numDocs()).isEqualTo(20);
    }
    assertThat(retriever.size()).isEqualTo(10);
    assertThat(IndexStats.read(plain).dense()).isFalse();
    // Read whole, the index gives its passages only, not their window documents.
    List<io.memqa.corpus.Passage> all = retriever.allPassages();
    assertThat(all).hasSize(10);
    for (io.memqa.corpus.Passage p : all) {
      assertThat(retriever.passage(p.id())).contains(p);
    }
  }

  @Test
  void aPassageIsFoundByItsBestWindowAndWholePassageIndexesStillWork() throws IOException {
    Path corpus = dir.resolve("reefs.jsonl");
    String reef = "Coral reefs are underwater structures built by colonies of tiny animals. They grow in warm, shallow"
        + " and clear tropical waters. Many kinds of fish shelter among their branches and feed on the algae."
        + " Storms, warming seas and pollution damage them. The largest reef system on the planet lies off the"
        + " coast of Queensland.";
    Files.writeString(corpus, String.join("\n",
        "{\"id\": \"reef\", \"title\": \"Coral reef\", \"text\": \"" + reef + "\"}",
        "{\"id\": \"desert\", \"title\": \"Desert\", \"text\": \"A desert is a dry region where little rain falls.\"}",
        "{\"id\": \"tower\", \"title\": \"Tower\", \"text\": \"A tower is a tall building, taller than it is wide.\"}") + "\n");
    String question = "Which Australian state has the biggest coral reef?";
    float[] q = TestEncoders.small().embed(question);
    Passage passage = new Passage("reef", "Coral reef", reef, "reef");
    float best = -1f;
    for (String w : PassageWindows.texts(passage, 14)) {
      best = Math.max(best, VectorUtil.dotProduct(q, TestEncoders.small().embed(w)));
    }
    float whole = VectorUtil.dotProduct(q, TestEncoders.small().embed(PassageVectors.text(passage)));
    assertThat(best).isGreaterThan(whole);

    Path windowed = dir.resolve("reefs-windows");
    TestIndexes.buildDense(corpus, windowed, VectorFormat.FLOAT32, 14);
    assertThat(vectorCount(windowed)).isEqualTo(PassageWindows.texts(passage, 14).size() + 2).isGreaterThan(4);
    try (HybridRetriever r = HybridRetriever.open(windowed, Bm25Retriever.Options.defaults(), Fusion.defaults(),
        RetrieverSource.Kind.DENSE, null)) {
      assertThat(r.size()).isEqualTo(3);
      List<Hit> hits = r.search(question, 3);
      assertThat(ids(hits)).containsExactly("reef", "desert", "tower").doesNotHaveDuplicates();
      assertThat(hits.get(0).passage()).isEqualTo(passage);
      assertThat(hits.get(0).score()).isCloseTo(best, within(0.001f));
    }
    // One vector per whole passage, on the passage's own document (as indexes built before windows).
    Path whole0 = dir.resolve("reefs-whole");
    TestIndexes.buildDense(corpus, whole0, VectorFormat.FLOAT32, 0);
    assertThat(IndexStats.read(whole0).vectors().windowed()).isFalse();
    assertThat(vectorCount(whole0)).isEqualTo(3);
    try (HybridRetriever r = HybridRetriever.open(whole0, Bm25Retriever.Options.defaults(), Fusion.defaults(),
        RetrieverSource.Kind.DENSE, null)) {
      assertThat(r.size()).isEqualTo(3);
      List<Hit> hits = r.search(question, 1);
      assertThat(ids(hits)).containsExactly("reef");
      assertThat(hits.get(0).score()).isCloseTo(whole, within(0.001f));
    }
  }

  private static int vectorCount(Path index) throws IOException {
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(index))) {
      int vectors = 0;
      for (LeafReaderContext leaf : r.leaves()) {
        FloatVectorValues v = leaf.reader().getFloatVectorValues(Fields.VECTOR);
        assertThat(v.dimension()).isEqualTo(384);
        vectors += v.size();
      }
      return vectors;
    }
  }

  @Test
  void denseRetrievalFindsPassagesThatShareNoWordWithTheQuestion() {
    // No content word of these questions is in the passage (or its title) they are about.
    String[][] cases = {
      {"Which woman first got the famous science award?", "p6"},
      {"When did people first walk on our satellite?", "p9"},
      {"How do green leaves make food from sunshine?", "p1"},
    };
    for (String[] c : cases) {
      List<Hit> hits = retriever.search(c[0], 3, RetrieverSource.Kind.DENSE);
      assertThat(hits.get(0).passage().id()).as(c[0]).isEqualTo(c[1]);
      assertThat(hits.get(0).signals().denseRank()).isEqualTo(1);
      assertThat(hits.get(0).signals().bm25Rank()).isZero();
      assertThat(hits.get(0).score()).isBetween(0f, 1f).isEqualTo(hits.get(0).signals().denseScore());
      // The cosine of question and passage vectors, as computed from their int8 quantization.
      float exact = VectorUtil.dotProduct(TestEncoders.small().embed(c[0]),
          TestEncoders.small().embed(PassageVectors.text(hits.get(0).passage())));
      assertThat(hits.get(0).score()).isCloseTo(exact, within(0.03f));
    }
  }

  @Test
  void hybridFusesBothRankingsAndReportsEach() {
    List<Hit> hits = retriever.search("When was the Eiffel Tower completed?", 3);
    assertThat(hits.get(0).passage().id()).isEqualTo("p2");
    RankSignals s = hits.get(0).signals();
    assertThat(s.bm25Rank()).isEqualTo(1);
    assertThat(s.denseRank()).isEqualTo(1);
    assertThat(s.bm25Score()).isPositive();
    assertThat(hits.get(0).score()).isEqualTo((float) (0.5 / 61 + 0.5 / 61));
    assertThat(hits).extracting(Hit::rank).containsExactly(1, 2, 3);
    // BM25 mode gives exactly the BM25 retriever's ranking.
    try (Bm25Retriever bm25 = Bm25Retriever.open(dense)) {
      assertThat(retriever.search("Who landed the lunar module Eagle?", 5, RetrieverSource.Kind.BM25))
          .isEqualTo(bm25.search("Who landed the lunar module Eagle?", 5));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theDefaultFusionIsTheFittedLinearOne() {
    try (Retriever r = RetrieverSource.lucene(dense).open()) {
      List<Hit> hits = r.search("When was the Eiffel Tower completed?", 3);
      // First in both rankings: both normalised scores are 1.
      assertThat(hits.get(0).passage().id()).isEqualTo("p2");
      assertThat(hits.get(0).score()).isEqualTo(1f);
      assertThat(((HybridRetriever) r).fusion()).isEqualTo(Fusion.defaults());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void questionsWithoutSearchableWordsFindNothingInEveryMode() {
    for (RetrieverSource.Kind kind : retriever.kinds()) {
      assertThat(retriever.search("the of and ???", 5, kind)).as(kind.id()).isEmpty();
    }
  }

  @Test
  void sourcesOpenTheRightRetrieverForEachIndex() throws IOException {
    try (Retriever r = RetrieverSource.lucene(dense).open()) {
      assertThat(r).isInstanceOf(HybridRetriever.class);
      assertThat(r.defaultKind()).isEqualTo(RetrieverSource.Kind.HYBRID);
      assertThat(r.kinds()).containsExactlyInAnyOrder(
          RetrieverSource.Kind.BM25, RetrieverSource.Kind.DENSE, RetrieverSource.Kind.HYBRID);
      // OpenSearch is another place, never a mode of the Lucene index.
      assertThatThrownBy(() -> r.search("When was the Eiffel Tower completed?", 1, RetrieverSource.Kind.OPENSEARCH))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("the passages come from a Lucene index").hasMessageContaining("--retriever opensearch");
    }
    try (Retriever r = RetrieverSource.lucene(RetrieverSource.Kind.DENSE, dense).open()) {
      assertThat(r.defaultKind()).isEqualTo(RetrieverSource.Kind.DENSE);
    }
    // A BM25-only index keeps working, BM25 only.
    try (Retriever r = RetrieverSource.lucene(plain).open()) {
      assertThat(r).isInstanceOf(Bm25Retriever.class);
      assertThat(ids(r.search("When was the Eiffel Tower completed?", 1))).containsExactly("p2");
      assertThatThrownBy(() -> r.search("When was the Eiffel Tower completed?", 1, RetrieverSource.Kind.DENSE))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining("needs passage vectors").hasMessageContaining("--dense");
    }
    assertThatThrownBy(() -> RetrieverSource.lucene(RetrieverSource.Kind.HYBRID, plain).open())
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("has no passage vectors").hasMessageContaining("--retriever bm25");
    assertThatThrownBy(() -> RetrieverSource.Kind.parse("sparse")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("bm25, dense, hybrid, opensearch");
    assertThatThrownBy(() -> RetrieverSource.Kind.parse("hybird")).hasMessageContaining("did you mean 'hybrid'?");
    assertThat(RetrieverSource.Kind.parse("BM25")).isEqualTo(RetrieverSource.Kind.BM25);
  }

  @Test
  void anIndexBuiltWithOneEncoderIsRefusedByAnother() throws IOException {
    try (PretrainedEncoder bge = PretrainedEncoder.open(KnownEncoder.BGE_SMALL_EN_V15_Q, 1)) {
      assertThatThrownBy(() -> HybridRetriever.open(dense, Bm25Retriever.Options.defaults(), Fusion.defaults(),
              RetrieverSource.Kind.HYBRID, bge))
          .isInstanceOf(EncoderException.class)
          .hasMessageContaining("index " + dense + " was built with encoder minilm-l6-v2-q but encoder bge-small-en-v15-q is loaded");
    }
    // The same encoder name with another model file (say, a different jar version) is refused too.
    Path tampered = copy(dense, dir.resolve("tampered"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode stats = (ObjectNode) json.readTree(tampered.resolve(IndexStats.FILE_NAME).toFile());
    ((ObjectNode) stats.path("vectors").path("encoder")).put("modelSha256", "0".repeat(64));
    json.writeValue(tampered.resolve(IndexStats.FILE_NAME).toFile(), stats);
    assertThatThrownBy(() -> RetrieverSource.lucene(tampered).open())
        .isInstanceOf(EncoderException.class)
        .hasMessageContaining("model SHA-256 " + "0".repeat(64));
    // An encoder this memqa does not know.
    ((ObjectNode) stats.path("vectors").path("encoder")).put("encoder", "e5-huge");
    json.writeValue(tampered.resolve(IndexStats.FILE_NAME).toFile(), stats);
    assertThatThrownBy(() -> RetrieverSource.lucene(tampered).open())
        .isInstanceOf(EncoderException.class)
        .hasMessageContaining("encoder 'e5-huge', which this memqa does not have");
  }

  @Test
  void floatAndInt4VectorsAreSearchableToo() throws IOException {
    for (VectorFormat f : List.of(VectorFormat.FLOAT32, VectorFormat.INT4)) {
      Path idx = dir.resolve("vectors-" + f.id());
      TestIndexes.buildDense(Fixtures.resource(Fixtures.PASSAGES), idx, f);
      try (Retriever r = RetrieverSource.lucene(RetrieverSource.Kind.DENSE, idx).open()) {
        assertThat(ids(r.search("When did people first walk on our satellite?", 1))).as(f.id()).containsExactly("p9");
      }
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }
}
