package io.memqa.encoder;

/** Sentence vectors from token states: pooling and L2 normalisation. */
final class Pooling {
  private Pooling() {}

  /** The pooled, L2-normalised vector of one sequence's (unpadded) token states. */
  static float[] pool(KnownEncoder.Pooling how, float[][] states) {
    int dim = states[0].length;
    float[] v = new float[dim];
    switch (how) {
      case CLS -> System.arraycopy(states[0], 0, v, 0, dim);
      case MEAN -> {
        for (float[] s : states) {
          for (int d = 0; d < dim; d++) {
            v[d] += s[d];
          }
        }
        for (int d = 0; d < dim; d++) {
          v[d] /= states.length;
        }
      }
    }
    return normalize(v);
  }

  /** {@code v} scaled to unit length in place (a zero vector stays zero). */
  static float[] normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum > 0) {
      float inv = (float) (1 / Math.sqrt(sum));
      for (int d = 0; d < v.length; d++) {
        v[d] *= inv;
      }
    }
    return v;
  }
}
