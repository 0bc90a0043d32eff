package io.memqa.reader;

/**
 * The per-token part of {@link KvMemNet} for answering one question, in plain Java: what {@link
 * KvMemNet#slotInputs} computes on PyTorch for a single question's packed row, and the passage
 * encoder's states and projections it starts from (which depend on the passage alone and are kept
 * in the {@link PassageStateCache}). Each layer is one or a few matrix products ({@link Dense}):
 * at the reader's sizes PyTorch's cost per call (about 70 calls an answer) outweighed their
 * arithmetic. A test holds both to the same values.
 *
 * <p>Holds a snapshot of the weights, the hashed embedding tables included (on the heap, so that
 * nothing here depends on the network staying open). Immutable, thread-safe. Not for models with
 * self-attention, which read one segment per row ({@link #supports}).
 */
final class TokenNetwork {
  private final int e;
  private final int d;
  private final int dv;
  private final int mf;
  /** Width of the match input: the match features and their weighted copies. */
  private final int m;
  private final int[] weighted;
  private final int[] modelDilations;
  private final float[] words;
  private final float[] bigrams;
  private final float[] idf;
  private final float[] types;
  private final float[] vectors;
  private final int[] passageDilations;
  private final float[][] passageEncoder;
  private final float[] passageProjection;
  private final float[] questionEncoder;
  private final float[] pool;
  private final float[] align;
  private final float[] fusion;
  private final float[] fusionBias;
  private final float[][] model;

  /**
   * Per token of the row, the modelling layer's state and the match features side by side
   * [T, D+M], and the question vector q0 [D].
   */
  record SlotInputs(float[] inputs, float[] q0) {}

  /**
   * Whether answers of a model of this shape can be computed here: not with self-attention, and
   * only in a JVM given the Vector API (an incubator module, added by flag as the launcher and
   * the build do; asked of the module layer, as touching {@link Dense} without it would fail).
   */
  static boolean supports(ReaderConfig config) {
    return !config.selfAttention() && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** The network of {@code net} in plain Java, or null when {@code net} is read on PyTorch. */
  static TokenNetwork of(KvMemNet net) {
    return supports(net.config) ? new TokenNetwork(net) : null;
  }

  TokenNetwork(KvMemNet net) {
    ReaderConfig c = net.config;
    if (!supports(c)) {
      throw new IllegalArgumentException("this model is read on PyTorch (self-attention, or no Vector API in this JVM)");
    }
    e = c.embedDim();
    d = c.width();
    dv = c.inputVectorDim();
    mf = Feature.Group.MATCH.width();
    weighted = KvMemNet.WEIGHTED_MATCH.stream().mapToInt(Feature::index).toArray();
    m = mf + weighted.length;
    modelDilations = c.modelDilations();
    words = values(net, KvMemNet.Layer.WORDS);
    bigrams = values(net, KvMemNet.Layer.BIGRAMS);
    idf = values(net, KvMemNet.Layer.IDF);
    types = values(net, KvMemNet.Layer.QUESTION_TYPE);
    vectors = dv > 0 ? values(net, KvMemNet.Layer.VECTORS) : null;
    passageDilations = c.passageDilations();
    passageEncoder = new float[passageDilations.length][];
    for (int i = 0; i < passageEncoder.length; i++) {
      passageEncoder[i] = values(net, KvMemNet.Layer.PASSAGE_ENCODER + i);
    }
    passageProjection = values(net, KvMemNet.Layer.PASSAGE_PROJECTION);
    questionEncoder = values(net, KvMemNet.Layer.QUESTION_ENCODER + 0);
    pool = values(net, KvMemNet.Layer.QUESTION_POOL);
    align = values(net, KvMemNet.Layer.QUESTION_ALIGN);
    fusion = values(net, KvMemNet.Layer.FUSION);
    fusionBias = values(net, KvMemNet.Layer.FUSION_BIAS);
    model = new float[modelDilations.length][];
    for (int i = 0; i < model.length; i++) {
      model[i] = values(net, KvMemNet.Layer.MODEL + i);
    }
  }

  private static float[] values(KvMemNet net, String layer) {
    return net.params.get(layer).toFloatArray();
  }

  /**
   * The inputs {@link SlotReader#read} takes, for the single question of {@code a} (packed in one
   * row, {@link BatchArrays#identityPairs}).
   *
   * @param passageStates the passage encoder's states and projections of the row [T, 3D] ({@link
   *     KvMemNet#passageStates(BatchTensors)}), zero outside the segments
   */
  SlotInputs read(BatchArrays a, float[] passageStates) {
    if (!a.identityPairs) {
      throw new IllegalArgumentException("one question in one packed row is read here");
    }
    // Past the last segment the row is padding, where every input is zero: only the rest is computed.
    int len = end(a);
    int q = questionLength(a);
    float[] hq = questionStates(a, q);
    float[] q0 = questionVector(a, hq, q);
    float[] match = match(a, len);
    float[] h = fused(a, passageStates, hq, q, match, len);
    for (int i = 0; i < model.length; i++) {
      float[] y = convolve(h, len, d, model[i], modelDilations[i]);
      for (int t = 0; t < len; t++) {
        float mask = a.passageMask[t];
        for (int k = t * d; k < (t + 1) * d; k++) {
          h[k] += Math.max(y[k], 0f) * mask;
        }
      }
    }
    float[] inputs = new float[a.passageLength * (d + m)];
    for (int t = 0; t < len; t++) {
      System.arraycopy(h, t * d, inputs, t * (d + m), d);
      System.arraycopy(match, t * m, inputs, t * (d + m) + d, m);
    }
    return new SlotInputs(inputs, q0);
  }

  /**
   * The passage encoder's states and their question-independent projections (attention alignment
   * and gate input) [T, 3D] of {@code a}'s single packed row, zero outside the segments: what
   * {@link KvMemNet#passageStates(BatchTensors)} computes.
   */
  float[] passageStates(BatchArrays a) {
    if (!a.passageInputs || a.passages != 1) {
      throw new IllegalArgumentException("the passage inputs of one packed row are read here");
    }
    int len = end(a);
    int sh = Feature.Group.TOKEN.width();
    int c = e + sh;
    float[] emb = embed(a.passageWords, a.passageBigrams, a.passageVectors, len);
    float[] x = new float[len * c];
    for (int t = 0; t < len; t++) {
      float mask = a.passageMask[t];
      for (int k = 0; k < e; k++) {
        x[t * c + k] = emb[t * e + k] * mask;
      }
      for (int k = 0; k < sh; k++) {
        x[t * c + e + k] = a.passageTokens[t * sh + k] * mask;
      }
    }
    float[] h = x;
    for (int i = 0; i < passageEncoder.length; i++) {
      float[] y = convolve(h, len, i == 0 ? c : d, passageEncoder[i], passageDilations[i]);
      for (int t = 0; t < len; t++) {
        float mask = a.passageMask[t];
        for (int k = t * d; k < (t + 1) * d; k++) {
          y[k] = Math.max(y[k], 0f) * mask + (i == 0 ? 0f : h[k]);
        }
      }
      h = y;
    }
    float[] projected = new float[len * 2 * d];
    Dense.multiply(h, len, d, passageProjection, 2 * d, projected, false);
    float[] out = new float[a.passageLength * 3 * d];
    for (int t = 0; t < len; t++) {
      System.arraycopy(h, t * d, out, t * 3 * d, d);
      System.arraycopy(projected, t * 2 * d, out, t * 3 * d + d, 2 * d);
    }
    return out;
  }

  /** Hashed word and bigram embeddings plus the projected pretrained vectors, for the first {@code n} words [n, E]. */
  private float[] embed(long[] wordIds, long[] bigramIds, float[] inputVectors, int n) {
    float[] emb = new float[n * e];
    for (int i = 0; i < n; i++) {
      int word = Math.toIntExact(wordIds[i] * e);
      int bigram = Math.toIntExact(bigramIds[i] * e);
      for (int k = 0; k < e; k++) {
        emb[i * e + k] = words[word + k] + bigrams[bigram + k];
      }
    }
    if (dv > 0) {
      Dense.multiply(inputVectors, n, dv, vectors, e, emb, true);
    }
    return emb;
  }

  /** Where the row's last segment ends. */
  private static int end(BatchArrays a) {
    int end = 0;
    for (int[] at : a.placed.values()) {
      end = Math.max(end, at[1] + at[2]);
    }
    return end;
  }

  /** The question's positions: its words, or the one padding position of an empty question. */
  private static int questionLength(BatchArrays a) {
    int q = 0;
    while (q < a.questionLength && a.questionMask[q] > 0) {
      q++;
    }
    return q;
  }

  /** The question encoder's states [Q, D]. */
  private float[] questionStates(BatchArrays a, int q) {
    float[] emb = embed(a.questionWords, a.questionBigrams, a.questionVectors, q);
    float[] hq = convolve(emb, q, e, questionEncoder, 1);
    Dense.relu(hq);
    return hq;
  }

  /** q0: the attention-pooled question states plus the question type's row. */
  private float[] questionVector(BatchArrays a, float[] hq, int q) {
    float[] logits = new float[q];
    Dense.multiply(hq, q, d, pool, 1, logits, false);
    float[] weights = SlotReader.softmax(logits);
    float[] q0 = new float[d];
    System.arraycopy(types, Math.toIntExact(a.questionType[0]) * d, q0, 0, d);
    for (int i = 0; i < q; i++) {
      for (int k = 0; k < d; k++) {
        q0[k] += weights[i] * hq[i * d + k];
      }
    }
    return q0;
  }

  /** The match features and their copies weighted by the learned word weight (softplus) [T, M]. */
  private float[] match(BatchArrays a, int len) {
    float[] out = new float[len * m];
    for (int t = 0; t < len; t++) {
      System.arraycopy(a.pairMatch, t * mf, out, t * m, mf);
      float x = idf[Math.toIntExact(a.pairWords[t])];
      float weight = x > 20f ? x : (float) Math.log1p(Math.exp(x)); // PyTorch's softplus
      for (int j = 0; j < weighted.length; j++) {
        out[t * m + mf + j] = a.pairMatch[t * mf + weighted[j]] * weight;
      }
    }
    return out;
  }

  /**
   * The fusion layer [T, D]: each passage token's attention-aligned question state, its product
   * with the token's state, and the match features, through one product, plus the passage's gate
   * term; zero outside the segments.
   */
  private float[] fused(BatchArrays a, float[] passageStates, float[] hq, int q, float[] match, int len) {
    int w = 3 * d;
    float[] qa = new float[q * d];
    Dense.multiply(hq, q, d, align, d, qa, false);
    Dense.relu(qa);
    float[] paT = new float[d * len]; // the passage side of the alignment, transposed
    for (int t = 0; t < len; t++) {
      for (int k = 0; k < d; k++) {
        paT[k * len + t] = Math.max(passageStates[t * w + d + k], 0f);
      }
    }
    float[] scoresT = new float[q * len];
    Dense.multiply(qa, q, d, paT, len, scoresT, false);
    float[] attention = new float[len * q];
    float[] column = new float[q];
    for (int t = 0; t < len; t++) {
      for (int i = 0; i < q; i++) {
        column[i] = scoresT[i * len + t];
      }
      System.arraycopy(SlotReader.softmax(column), 0, attention, t * q, q);
    }
    float[] aligned = new float[len * d];
    Dense.multiply(attention, len, q, hq, d, aligned, false);
    int in = 2 * d + m;
    float[] x = new float[len * in];
    for (int t = 0; t < len; t++) {
      int o = t * in;
      System.arraycopy(aligned, t * d, x, o, d);
      for (int k = 0; k < d; k++) {
        x[o + d + k] = passageStates[t * w + k] * aligned[t * d + k];
      }
      System.arraycopy(match, t * m, x, o + 2 * d, m);
    }
    float[] fused = new float[len * d];
    Dense.multiply(x, len, in, fusion, d, fused, false);
    for (int t = 0; t < len; t++) {
      float mask = a.passageMask[t];
      for (int k = 0; k < d; k++) {
        float v = fused[t * d + k] + passageStates[t * w + 2 * d + k] + fusionBias[k];
        fused[t * d + k] = Math.max(v, 0f) * mask;
      }
    }
    return fused;
  }

  /**
   * A width-3 convolution ({@link Convolution}) of x [T, C] with kernel [3C, O] (left, centre and
   * right tap): each tap one product of x's rows shifted by the dilation; zero outside the row.
   */
  private static float[] convolve(float[] x, int len, int c, float[] kernel, int dilation) {
    int out = kernel.length / (3 * c);
    float[] y = new float[len * out];
    Dense.multiply(x, 0, len, c, kernel, c * out, out, y, 0, false);
    int shifted = len - dilation;
    if (shifted > 0) {
      Dense.multiply(x, 0, shifted, c, kernel, 0, out, y, dilation * out, true);
      Dense.multiply(x, dilation * c, shifted, c, kernel, 2 * c * out, out, y, 0, true);
    }
    return y;
  }
}
