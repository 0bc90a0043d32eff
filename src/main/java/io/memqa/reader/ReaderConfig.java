package io.memqa.reader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.memqa.memory.MemoryConfig;
import java.util.List;

/**
 * Everything that fixes a reader's shape and inputs; saved as {@code config.json} with the model
 * so that loading can refuse an incompatible one. {@link #defaults()} is the one place the
 * defaults live (the CLI reads them from here).
 *
 * @param width the encoder's width (every hidden state)
 * @param modelLayers convolution layers after the question fusion (dilations 1, 2, 4, ...)
 * @param vectors the pretrained encoder the frozen word vectors were distilled from, or "none"
 * @param vectorDim the width of those vectors (0 without them)
 * @param features the names of the hand-made features ({@link Feature}) the model was trained with
 * @param context the pretrained encoder whose contextual word states join each word's input, or "none"
 * @param contextDim the width of those states (0 without them)
 * @param selfAttention whether a self-attention layer lets every passage token read the rest of its
 *     row after the modelling layer (absent in models saved before it existed: false)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReaderConfig(
    int formatVersion,
    int buckets,
    int embedDim,
    int width,
    int hops,
    int maxSpanWords,
    int windowRadius,
    int passages,
    int segmentTokens,
    float dropout,
    int modelLayers,
    String vectors,
    int vectorDim,
    List<String> features,
    String context,
    int contextDim,
    boolean selfAttention) {

  /** Bumped whenever saved weights stop being loadable by this code. */
  public static final int FORMAT_VERSION = 2;

  /** What {@link #vectors()} says when the model has no pretrained word vectors. */
  public static final String NO_VECTORS = "none";

  /**
   * The encoder the default model distils its word vectors from: on held-out training articles they
   * were worth +1.6 EM closed and +1.1 open over the same reader without them.
   */
  public static final String DEFAULT_VECTORS = "minilm-l6-v2";

  /** The width of pretrained word vectors unless told otherwise. */
  public static final int VECTOR_DIM = 128;

  /** The width contextual word states are reduced to (principal components of the encoder's states). */
  public static final int CONTEXT_DIM = 128;

  /** Corpus words seen fewer times get no vector of their own (their word pieces' mean instead). */
  public static final int VECTOR_MIN_COUNT = 2;

  /**
   * Dropout of the default reader. One epoch sees each question once, so little is overfitted:
   * 0.1 instead of 0.3 was worth about +3 EM on the held-out articles and +4 on dev, closed and open.
   */
  public static final float DROPOUT = 0.1f;

  /** Dilations of the passage encoder's layers. */
  private static final int[] PASSAGE_DILATIONS = {1, 2};

  public ReaderConfig {
    check(buckets >= 1024 && buckets <= (1 << 24), "buckets must be 1024..2^24");
    check(embedDim >= 4 && embedDim <= 1024, "embedDim must be 4..1024");
    check(width >= 4 && width <= 2048, "width must be 4..2048");
    check(hops >= 1 && hops <= 8, "hops must be 1..8");
    check(passages >= 1 && passages <= 100, "passages must be 1..100");
    check(segmentTokens >= 16 && segmentTokens <= 2000, "segmentTokens must be 16..2000");
    check(dropout >= 0 && dropout < 1, "dropout must be in [0,1)");
    check(modelLayers >= 0 && modelLayers <= 4, "modelLayers must be 0..4");
    vectors = vectors == null || vectors.isBlank() ? NO_VECTORS : vectors;
    check(vectors.equals(NO_VECTORS) == (vectorDim == 0), "vectorDim must be 0 exactly when there are no vectors");
    check(vectorDim >= 0 && vectorDim <= 1024, "vectorDim must be 0..1024");
    features = features == null ? Feature.names() : List.copyOf(features);
    context = context == null || context.isBlank() ? NO_VECTORS : context;
    check(context.equals(NO_VECTORS) == (contextDim == 0), "contextDim must be 0 exactly when there are no contextual states");
    check(contextDim >= 0 && contextDim <= 1024, "contextDim must be 0..1024");
    memory(maxSpanWords, windowRadius);
  }

  public static ReaderConfig defaults() {
    return new ReaderConfig(FORMAT_VERSION, 1 << 17, 64, 64, 2, 10, 3, 5, 128, DROPOUT, 2, DEFAULT_VECTORS, VECTOR_DIM,
        Feature.names(), NO_VECTORS, 0, false);
  }

  /** This configuration with other pretrained vectors (or none: {@link #NO_VECTORS}, 0). */
  public ReaderConfig withVectors(String name, int dim) {
    return new ReaderConfig(formatVersion, buckets, embedDim, width, hops, maxSpanWords, windowRadius, passages,
        segmentTokens, dropout, modelLayers, name, dim, features, context, contextDim, selfAttention);
  }

  /** This configuration with contextual word states from another encoder (or none: {@link #NO_VECTORS}, 0). */
  public ReaderConfig withContext(String name, int dim) {
    return new ReaderConfig(formatVersion, buckets, embedDim, width, hops, maxSpanWords, windowRadius, passages,
        segmentTokens, dropout, modelLayers, vectors, vectorDim, features, name, dim, selfAttention);
  }

  public boolean hasContext() {
    return contextDim > 0;
  }

  /** Width of a word's frozen input row: pretrained vector and contextual state side by side. */
  int inputVectorDim() {
    return vectorDim + contextDim;
  }

  public boolean hasVectors() {
    return vectorDim > 0;
  }

  public MemoryConfig memory() {
    return memory(maxSpanWords, windowRadius);
  }

  private static MemoryConfig memory(int maxSpanWords, int windowRadius) {
    return new MemoryConfig(maxSpanWords, windowRadius);
  }

  int[] passageDilations() {
    return PASSAGE_DILATIONS.clone();
  }

  int[] modelDilations() {
    int[] d = new int[modelLayers];
    for (int i = 0; i < d.length; i++) {
      d[i] = 1 << i;
    }
    return d;
  }

  /** The farthest any convolution looks: segments packed into one row keep this far apart. */
  int reach() {
    int r = 1;
    for (int d : PASSAGE_DILATIONS) {
      r = Math.max(r, d);
    }
    for (int d : modelDilations()) {
      r = Math.max(r, d);
    }
    return r;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("bad reader config: " + message);
    }
  }
}
