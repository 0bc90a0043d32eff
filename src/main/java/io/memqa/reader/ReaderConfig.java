package io.memqa.reader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.memqa.memory.MemoryConfig;
import java.util.List;

/**
 * Everything that fixes a reader's shape and inputs; saved as {@code config.json} with the model
 * so that loading can refuse an incompatible one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReaderConfig(
    int formatVersion,
    int buckets,
    int embedDim,
    int hidden,
    String encoder,
    int hops,
    int maxSpanWords,
    int windowRadius,
    int passages,
    int segmentTokens,
    float dropout,
    List<String> features) {

  /** Bumped whenever saved weights stop being loadable by this code. */
  public static final int FORMAT_VERSION = 1;

  public static final List<String> FEATURES =
      List.of(
          "hashed-unigrams", "hashed-bigrams", "token-shape", "question-match(exact,stem,bigram)",
          "learned-idf", "aligned-question-attention", "passage-encoder", "window+title-keys",
          "span-values", "slot-features(rank,score,title,overlap,sentence,length,best-sentence,distance)");

  public ReaderConfig {
    check(buckets >= 1024 && buckets <= (1 << 24), "buckets must be 1024..2^24");
    check(embedDim >= 4 && embedDim <= 1024, "embedDim must be 4..1024");
    check(hidden >= 4 && hidden <= 1024, "hidden must be 4..1024");
    check("bilstm".equals(encoder) || "cnn".equals(encoder), "encoder must be bilstm or cnn");
    check(hops >= 1 && hops <= 8, "hops must be 1..8");
    check(passages >= 1 && passages <= 100, "passages must be 1..100");
    check(segmentTokens >= 16 && segmentTokens <= 2000, "segmentTokens must be 16..2000");
    check(dropout >= 0 && dropout < 1, "dropout must be in [0,1)");
    features = features == null ? FEATURES : List.copyOf(features);
    memory(maxSpanWords, windowRadius);
  }

  public static ReaderConfig defaults() {
    return new ReaderConfig(FORMAT_VERSION, 1 << 17, 64, 32, "cnn", 2, 10, 3, 5, 128, 0.3f, FEATURES);
  }

  public MemoryConfig memory() {
    return memory(maxSpanWords, windowRadius);
  }

  private static MemoryConfig memory(int maxSpanWords, int windowRadius) {
    return new MemoryConfig(maxSpanWords, windowRadius);
  }

  /** Width of the bidirectional encoder's output. */
  public int width() {
    return 2 * hidden;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("bad reader config: " + message);
    }
  }
}
