package io.memqa.reader;

import ai.djl.ndarray.NDArray;

/**
 * The memory network's slot and hop part in plain Java, for answering one question: the same
 * arithmetic as {@link KvMemNet#readSlots} (a test holds them to the same scores), rearranged
 * so that no per-slot vector is ever built. A slot's key match is a window mean of per-token
 * key·q, read from prefix sums; its value is start + end + length, so a hop's read-out is the
 * per-token attention mass times the token states; and the final score is three dot products
 * looked up per slot. Per hop this costs a few passes over the tokens instead of several
 * thousand slot vectors and a dozen native calls. Holds a snapshot of the network's weights taken
 * when it is made; immutable, thread-safe.
 */
final class SlotReader {
  /** The parts of a token's row, in units of d. */
  private static final int START = 0;
  private static final int END = 1;
  private static final int KEY = 2;
  private final int d;
  /** Width of a token's row: span start, span end, key-window input. */
  private final int stride;
  private final NDArray rowWeights;
  private final int features;
  private final float[] lengthRows;
  private final float[] keyFeatures;
  private final float[] hopStart;
  private final float[][] hops;
  private final float[] scoreFeatures;

  SlotReader(KvMemNet net) {
    d = net.config.width();
    stride = 3 * d;
    rowWeights = net.slotRowWeights();
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

  /** The weights {@link KvMemNet#slotRows} needs to make the rows {@link #read} takes (in the network's manager). */
  NDArray rowWeights() {
    return rowWeights;
  }

  /** Slot scores (before the softmax) and each hop's attention, for one question. */
  record Result(float[] scores, float[][] attention) {}

  /**
   * Reads the slots of the single question of a batch.
   *
   * @param rows per token position of the batch's rows, its span-start contribution, span-end
   *     contribution and key-window input side by side, [T*3D] ({@link KvMemNet#slotRows})
   * @param q0 the question vector, [D]
   * @param slots how many of the index's slots are real
   * @param rowLength the length of each row (the key windows index per-row prefix sums, each
   *     with a leading zero)
   */
  Result read(float[] rows, float[] q0, BatchTensors.SlotIndex index, int slots, int rowLength) {
    int tokens = rows.length / stride;
    float[] q = times(q0, hopStart);
    float[][] attention = new float[hops.length][];
    double[] prefix = new double[tokens + tokens / rowLength];
    float[] logit = new float[slots];
    float[] perToken = new float[tokens];
    for (int h = 0; h < hops.length; h++) {
      dots(rows, KEY, stride, q, perToken);
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
      addWeighted(rows, START, stride, massStart, next);
      addWeighted(rows, END, stride, massEnd, next);
      addWeighted(lengthRows, 0, d, massLength, next);
      q = times(next, hops[h]);
    }
    float[] startQ = new float[tokens];
    float[] endQ = new float[tokens];
    float[] lengthQ = new float[lengthRows.length / d];
    dots(rows, START, stride, q, startQ);
    dots(rows, END, stride, q, endQ);
    dots(lengthRows, 0, d, q, lengthQ);
    float[] scores = new float[slots];
    for (int s = 0; s < slots; s++) {
      scores[s] = startQ[(int) index.start()[s]] + endQ[(int) index.end()[s]] + lengthQ[(int) index.length()[s]]
          + logit[s] + featureDot(index.features(), s, scoreFeatures);
    }
    return new Result(scores, attention);
  }

  /**
   * out[t] = v · the d values of row t that start {@code offset} into it, rows {@code stride}
   * apart. Four running sums: one sum is a chain of dependent additions that the JIT cannot
   * reorder, and this is the slot reader's largest loop.
   */
  private void dots(float[] rows, int offset, int stride, float[] v, float[] out) {
    int wide = d & ~3;
    for (int t = 0; t < out.length; t++) {
      int o = t * stride + offset * d;
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
      for (; i < d; i++) {
        s0 += rows[o + i] * v[i];
      }
      out[t] = (s0 + s1) + (s2 + s3);
    }
  }

  /** acc += Σ_t w[t]·(row t's part as in {@link #dots}), skipping rows without weight. */
  private void addWeighted(float[] rows, int offset, int stride, float[] w, float[] acc) {
    for (int t = 0; t < w.length; t++) {
      float wt = w[t];
      if (wt == 0f) {
        continue;
      }
      int o = t * stride + offset * d;
      for (int i = 0; i < d; i++) {
        acc[i] += wt * rows[o + i];
      }
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
