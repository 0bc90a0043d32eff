package io.memqa.encoder;

import java.util.Arrays;
import org.apache.lucene.util.VectorUtil;

/**
 * A linear map from an encoder's hidden states to fewer dimensions: the principal components of a
 * sample of states, scaled so that the sample's reduced rows have unit root-mean-square length,
 * so that the contextual state of every word of a corpus can be stored compactly.
 * Immutable and thread-safe.
 */
public final class StateReduction {
  private final float[] mean;
  /** [k][width], largest variance first. */
  private final float[][] components;

  StateReduction(float[] mean, float[][] components) {
    if (components.length == 0) {
      throw new IllegalArgumentException("a reduction needs at least one component");
    }
    for (float[] c : components) {
      if (c.length != mean.length) {
        throw new IllegalArgumentException("components are " + c.length + " wide, the mean " + mean.length);
      }
    }
    this.mean = mean.clone();
    this.components = new float[components.length][];
    for (int i = 0; i < components.length; i++) {
      this.components[i] = components[i].clone();
    }
  }

  /** The {@code k} principal components of {@code rows} (at least {@code k} rows, all of one width). */
  public static StateReduction fit(float[][] rows, int k) {
    if (rows.length < k) {
      throw new IllegalArgumentException(k + " components need at least " + k + " rows, got " + rows.length);
    }
    Pca pca = Pca.fit(rows, k);
    double[] m = pca.mean();
    double[][] c = pca.components();
    float[] mean = new float[m.length];
    for (int i = 0; i < m.length; i++) {
      mean[i] = (float) m[i];
    }
    float[][] comps = new float[c.length][m.length];
    for (int j = 0; j < c.length; j++) {
      for (int i = 0; i < m.length; i++) {
        comps[j][i] = (float) c[j][i];
      }
    }
    // One scale for all components: reduced rows of unit root-mean-square length, as the distilled word
    // vectors beside them are, so that neither swamps the other at the network's input.
    StateReduction unscaled = new StateReduction(mean, comps);
    double squares = 0;
    for (float[] r : rows) {
      for (float x : unscaled.reduce(r)) {
        squares += (double) x * x;
      }
    }
    float scale = squares > 0 ? (float) (1 / Math.sqrt(squares / rows.length)) : 1f;
    for (float[] comp : comps) {
      for (int i = 0; i < comp.length; i++) {
        comp[i] *= scale;
      }
    }
    return new StateReduction(mean, comps);
  }

  /** Width of the states it takes. */
  public int inputWidth() {
    return mean.length;
  }

  /** Width of what it gives. */
  public int width() {
    return components.length;
  }

  /** {@code state} in component coordinates. */
  public float[] reduce(float[] state) {
    if (state.length != mean.length) {
      throw new IllegalArgumentException("a state of " + state.length + " values; this reduction takes " + mean.length);
    }
    float[] centred = new float[state.length];
    for (int i = 0; i < state.length; i++) {
      centred[i] = state[i] - mean[i];
    }
    // Lucene's SIMD dot product: a plain loop's sum is one long dependent chain, which made
    // reducing a question's states (128 × 384 per word) the largest Java cost of the states.
    float[] out = new float[components.length];
    for (int j = 0; j < components.length; j++) {
      out[j] = VectorUtil.dotProduct(centred, components[j]);
    }
    return out;
  }

  float[] mean() {
    return mean.clone();
  }

  float[] component(int j) {
    return components[j].clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateReduction r && Arrays.equals(mean, r.mean) && Arrays.deepEquals(components, r.components);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.deepHashCode(components);
  }
}
