package io.memqa.reader;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-major float matrix products on the JDK's Vector API, for the reader's inference in plain
 * Java ({@link TokenNetwork}). At the reader's sizes (a few hundred rows, 64–200 columns) a
 * product here costs about what PyTorch's does, without PyTorch's per-call cost.
 */
final class Dense {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  private Dense() {}

  /**
   * y = x · w (or y += x · w with {@code add}) for x [rows, in], w [in, out], y [rows, out].
   * Two rows at a time and four vectors of columns, so that each weight vector loaded feeds two
   * independent multiply-adds.
   */
  static void multiply(float[] x, int rows, int in, float[] w, int out, float[] y, boolean add) {
    multiply(x, 0, rows, in, w, 0, out, y, 0, add);
  }

  /**
   * As {@link #multiply(float[], int, int, float[], int, float[], boolean)}, with x's rows from
   * {@code xAt}, w's from {@code wAt} and y's from {@code yAt} (offsets into the arrays): a
   * convolution's taps are products of shifted rows of one array.
   */
  static void multiply(float[] x, int xAt, int rows, int in, float[] w, int wAt, int out, float[] y, int yAt,
      boolean add) {
    int blocks = out / (4 * LANES) * (4 * LANES);
    int vectors = out / LANES * LANES;
    for (int r = 0; r < rows; r += 2) {
      int r2 = Math.min(r + 1, rows - 1); // an odd last row is computed twice and stored once
      int xa = xAt + r * in;
      int xb = xAt + r2 * in;
      int ya = yAt + r * out;
      int yb = yAt + r2 * out;
      int o = 0;
      for (; o < blocks; o += 4 * LANES) {
        block(x, xa, xb, in, w, wAt + o, out, y, ya + o, yb + o, add);
      }
      for (; o < vectors; o += LANES) {
        column(x, xa, xb, in, w, wAt + o, out, y, ya + o, yb + o, add);
      }
      for (; o < out; o++) {
        for (int row = r; row <= r2; row++) {
          int xr = xAt + row * in;
          int yr = yAt + row * out + o;
          float sum = add ? y[yr] : 0f;
          for (int k = 0; k < in; k++) {
            sum += x[xr + k] * w[wAt + k * out + o];
          }
          y[yr] = sum;
        }
      }
    }
  }

  private static void block(float[] x, int xa, int xb, int in, float[] w, int wAt, int out, float[] y, int ya,
      int yb, boolean add) {
    FloatVector a0 = start(y, ya, add);
    FloatVector a1 = start(y, ya + LANES, add);
    FloatVector a2 = start(y, ya + 2 * LANES, add);
    FloatVector a3 = start(y, ya + 3 * LANES, add);
    FloatVector b0 = start(y, yb, add);
    FloatVector b1 = start(y, yb + LANES, add);
    FloatVector b2 = start(y, yb + 2 * LANES, add);
    FloatVector b3 = start(y, yb + 3 * LANES, add);
    for (int k = 0; k < in; k++) {
      int at = wAt + k * out;
      FloatVector w0 = FloatVector.fromArray(SPECIES, w, at);
      FloatVector w1 = FloatVector.fromArray(SPECIES, w, at + LANES);
      FloatVector w2 = FloatVector.fromArray(SPECIES, w, at + 2 * LANES);
      FloatVector w3 = FloatVector.fromArray(SPECIES, w, at + 3 * LANES);
      FloatVector u = FloatVector.broadcast(SPECIES, x[xa + k]);
      FloatVector v = FloatVector.broadcast(SPECIES, x[xb + k]);
      a0 = w0.fma(u, a0);
      a1 = w1.fma(u, a1);
      a2 = w2.fma(u, a2);
      a3 = w3.fma(u, a3);
      b0 = w0.fma(v, b0);
      b1 = w1.fma(v, b1);
      b2 = w2.fma(v, b2);
      b3 = w3.fma(v, b3);
    }
    // Row b first: when it is row a again, row a's store (the same values) wins either way.
    b0.intoArray(y, yb);
    b1.intoArray(y, yb + LANES);
    b2.intoArray(y, yb + 2 * LANES);
    b3.intoArray(y, yb + 3 * LANES);
    a0.intoArray(y, ya);
    a1.intoArray(y, ya + LANES);
    a2.intoArray(y, ya + 2 * LANES);
    a3.intoArray(y, ya + 3 * LANES);
  }

  private static void column(float[] x, int xa, int xb, int in, float[] w, int wAt, int out, float[] y, int ya,
      int yb, boolean add) {
    FloatVector a = start(y, ya, add);
    FloatVector b = start(y, yb, add);
    for (int k = 0; k < in; k++) {
      FloatVector wk = FloatVector.fromArray(SPECIES, w, wAt + k * out);
      a = wk.fma(FloatVector.broadcast(SPECIES, x[xa + k]), a);
      b = wk.fma(FloatVector.broadcast(SPECIES, x[xb + k]), b);
    }
    b.intoArray(y, yb);
    a.intoArray(y, ya);
  }

  private static FloatVector start(float[] y, int at, boolean add) {
    return add ? FloatVector.fromArray(SPECIES, y, at) : FloatVector.zero(SPECIES);
  }

  /** x[i] = max(x[i], 0). */
  static void relu(float[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.max(x[i], 0f);
    }
  }
}
