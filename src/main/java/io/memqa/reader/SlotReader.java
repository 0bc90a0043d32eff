package io.memqa.reader;

import ai.djl.ndarray.NDArray;

/**
 * The memory network's slot and hop part in plain Java, for answering one question: the same
 * arithmetic as {@link KvMemNet#readSlots} (a test holds them to the same scores), rearranged
 * so that no per-slot or per-token projection is ever built. A token's span start, span end and
 * key-window input are linear in its inputs x (modelled state and match features: {@link
 * KvMemNet#slotInputs}), x·R; so a key match x·R_key·q is x·(R_key·q), one product with a vector
 * per hop. A slot's key match is a window mean of these per-token values, read from prefix sums;
 * its value is start + end + length, so a hop's read-out is (Σ attention mass × x)·R; and the
 * final score is three dot products looked up per slot. Per hop this costs a few passes over the
 * tokens instead of several thousand slot vectors. Holds a snapshot of the network's weights
 * taken when it is made; immutable, thread-safe.
 */
final class SlotReader {
  /** The parts of a token's projected row, in units of d: the columns of R. */
  private static final int START = 0;
  private static final int END = 1;
  private static final int KEY = 2;
  private final int d;
  /** Width of a token's inputs x: modelled state and match features. */
  private final int width;
  /** R [width, 3d]: span start, span end and key-window input of a token from its inputs. */
  private final float[] rowWeights;
  private final int features;
  private final float[] lengthRows;
  private final float[] keyFeatures;
  private final float[] hopStart;
  private final float[][] hops;
  private final float[] scoreFeatures;

  SlotReader(KvMemNet net) {
    d = net.config.width();
    try (NDArray r = net.slotRowWeights()) {
      rowWeights = r.toFloatArray();
    }
    width = rowWeights.length / (3 * d);
    features = Feature.Group.SLOT.width();
    lengthRows = values(net, KvMemNet.Layer.SPAN_LENGTH);
    keyFeatures = values(net, KvMemNet.Layer.KEY_FEATURES);
    hopStart = values(net, KvMemNet.Layer.HOP_START);
    hops = new float[net.config.hops()][];
    for (int h = 0; h < hops.length; h++) {
      hops[h] = values(net, KvMemNet.Layer.HOP + h);
    }
    scoreFeatures = values(net, KvMemNet.Layer.SCORE_FEATURES);
  }

  private static float[] values(KvMemNet net, String name) {
    NDArray a = net.params.get(name);
    return a.toFloatArray();
  }

  /** Slot scores (before the softmax) and each hop's attention, for one question. */
  record Result(float[] scores, float[][] attention) {}

  /**
   * Reads the slots of the single question of a batch.
   *
   * @param inputs per token position of the batch's rows, its inputs x [T*width] ({@link
   *     KvMemNet#slotInputs})
   * @param q0 the question vector, [D]
   * @param slots how many of the index's slots are real
   * @param rowLength the length of each row (the key windows index per-row prefix sums, each
   *     with a leading zero)
   */
  Result read(float[] inputs, float[] q0, BatchArrays.SlotIndex index, int slots, int rowLength) {
    int tokens = inputs.length / width;
    float[] q = times(q0, hopStart);
    float[][] attention = new float[hops.length][];
    double[] prefix = new double[tokens + tokens / rowLength];
    float[] logit = new float[slots];
    float[] perToken = new float[tokens];
    for (int h = 0; h < hops.length; h++) {
      dots(inputs, width, project(KEY, q), perToken);
      for (int t = 0, p = 0; t < tokens; t++, p++) {
        if (t % rowLength == 0) {
          prefix[p++] = 0;
        }
        prefix[p] = prefix[p - 1] + perToken[t];
      }
      float[] fq = timesTransposed(keyFeatures, q, features);
      for (int s = 0; s < slots; s++) {
        int first = (int) index.keyFirst()[s];
        int last = (int) index.keyEnd()[s];
        logit[s] = (float) ((prefix[last] - prefix[first]) / (last - first)) + featureDot(index.features(), s, fq);
      }
      float[] a = softmax(logit);
      attention[h] = a;
      float[] massStart = new float[tokens];
      float[] massEnd = new float[tokens];
      float[] massLength = new float[lengthRows.length / d];
      for (int s = 0; s < slots; s++) {
        massStart[(int) index.start()[s]] += a[s];
        massEnd[(int) index.end()[s]] += a[s];
        massLength[(int) index.length()[s]] += a[s];
      }
      float[] next = q.clone();
      unproject(START, weightedSum(inputs, width, massStart), next);
      unproject(END, weightedSum(inputs, width, massEnd), next);
      addWeighted(lengthRows, massLength, next);
      q = times(next, hops[h]);
    }
    float[] startQ = new float[tokens];
    float[] endQ = new float[tokens];
    float[] lengthQ = new float[lengthRows.length / d];
    dots(inputs, width, project(START, q), startQ);
    dots(inputs, width, project(END, q), endQ);
    dots(lengthRows, d, q, lengthQ);
    float[] scores = new float[slots];
    for (int s = 0; s < slots; s++) {
      scores[s] = startQ[(int) index.start()[s]] + endQ[(int) index.end()[s]] + lengthQ[(int) index.length()[s]]
          + logit[s] + featureDot(index.features(), s, scoreFeatures);
    }
    return new Result(scores, attention);
  }

  /** R_part·q [width]: what a token's inputs are dotted with to give that part's dot product with q. */
  private float[] project(int part, float[] q) {
    float[] out = new float[width];
    for (int i = 0; i < width; i++) {
      int o = i * 3 * d + part * d;
      float sum = 0;
      for (int j = 0; j < d; j++) {
        sum += rowWeights[o + j] * q[j];
      }
      out[i] = sum;
    }
    return out;
  }

  /** acc += x·R_part for inputs x [width]. */
  private void unproject(int part, float[] x, float[] acc) {
    for (int i = 0; i < width; i++) {
      float xi = x[i];
      int o = i * 3 * d + part * d;
      for (int j = 0; j < d; j++) {
        acc[j] += xi * rowWeights[o + j];
      }
    }
  }

  /**
   * out[t] = v · row t of {@code rows} (rows of {@code n} values). Four running sums: one sum is
   * a chain of dependent additions that the JIT cannot reorder, and this is the slot reader's
   * largest loop.
   */
  private static void dots(float[] rows, int n, float[] v, float[] out) {
    int wide = n & ~3;
    for (int t = 0; t < out.length; t++) {
      int o = t * n;
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      int i = 0;
      for (; i < wide; i += 4) {
        s0 += rows[o + i] * v[i];
        s1 += rows[o + i + 1] * v[i + 1];
        s2 += rows[o + i + 2] * v[i + 2];
        s3 += rows[o + i + 3] * v[i + 3];
      }
      for (; i < n; i++) {
        s0 += rows[o + i] * v[i];
      }
      out[t] = (s0 + s1) + (s2 + s3);
    }
  }

  /** Σ_t w[t]·(row t of {@code rows}, {@code n} values each), skipping rows without weight. */
  private static float[] weightedSum(float[] rows, int n, float[] w) {
    float[] acc = new float[n];
    for (int t = 0; t < w.length; t++) {
      float wt = w[t];
      if (wt == 0f) {
        continue;
      }
      int o = t * n;
      for (int i = 0; i < n; i++) {
        acc[i] += wt * rows[o + i];
      }
    }
    return acc;
  }

  /** acc += Σ_t w[t]·(row t of {@code rows}, d values each). */
  private void addWeighted(float[] rows, float[] w, float[] acc) {
    float[] sum = weightedSum(rows, d, w);
    for (int i = 0; i < d; i++) {
      acc[i] += sum[i];
    }
  }

  /** v·M for a d×d matrix M (row-major). */
  private float[] times(float[] v, float[] m) {
    float[] out = new float[d];
    for (int i = 0; i < d; i++) {
      float vi = v[i];
      int o = i * d;
      for (int j = 0; j < d; j++) {
        out[j] += vi * m[o + j];
      }
    }
    return out;
  }

  /** M·v for an r×d matrix M (row-major): one value per row. */
  private float[] timesTransposed(float[] m, float[] v, int r) {
    float[] out = new float[r];
    for (int i = 0; i < r; i++) {
      float sum = 0;
      for (int j = 0; j < d; j++) {
        sum += m[i * d + j] * v[j];
      }
      out[i] = sum;
    }
    return out;
  }

  private float featureDot(float[] slotFeatures, int s, float[] w) {
    float sum = 0;
    int o = s * features;
    for (int f = 0; f < features; f++) {
      sum += slotFeatures[o + f] * w[f];
    }
    return sum;
  }

  /** exp(x - max) normalised to sum 1. */
  static float[] softmax(float[] x) {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) Math.exp(x[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < x.length; i++) {
      out[i] /= sum;
    }
    return out;
  }
}
