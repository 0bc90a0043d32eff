package io.memqa.encoder;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Principal components of a set of rows: the mean and the directions of largest variance. */
final class Pca {
  private final double[] mean;
  /** Components as rows, largest variance first: [k][width]. */
  private final double[][] components;

  private Pca(double[] mean, double[][] components) {
    this.mean = mean;
    this.components = components;
  }

  /** Fits {@code k} components to {@code rows} (all of one width). */
  static Pca fit(float[][] rows, int k) {
    int width = rows[0].length;
    if (k < 1 || k > width) {
      throw new IllegalArgumentException("components must be 1.." + width + ", got " + k);
    }
    double[] mean = new double[width];
    for (float[] r : rows) {
      for (int i = 0; i < width; i++) {
        mean[i] += r[i];
      }
    }
    for (int i = 0; i < width; i++) {
      mean[i] /= rows.length;
    }
    DMatrixRMaj cov = new DMatrixRMaj(width, width);
    double[] centred = new double[width];
    double[] c = cov.data;
    for (float[] r : rows) {
      for (int i = 0; i < width; i++) {
        centred[i] = r[i] - mean[i];
      }
      for (int i = 0; i < width; i++) {
        double ci = centred[i];
        int base = i * width;
        for (int j = i; j < width; j++) {
          c[base + j] += ci * centred[j];
        }
      }
    }
    for (int i = 0; i < width; i++) {
      for (int j = i; j < width; j++) {
        c[j * width + i] = c[i * width + j];
      }
    }
    CommonOps_DDRM.divide(cov, rows.length);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(width, true, true);
    if (!eig.decompose(cov)) {
      throw new IllegalStateException("eigen decomposition failed");
    }
    Integer[] order = new Integer[width];
    for (int i = 0; i < width; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
    double[][] components = new double[k][];
    for (int i = 0; i < k; i++) {
      components[i] = eig.getEigenVector(order[i]).data.clone();
    }
    return new Pca(mean, components);
  }

  /** The mean row the components are centred on. */
  double[] mean() {
    return mean.clone();
  }

  /** The components as rows, largest variance first. */
  double[][] components() {
    double[][] out = new double[components.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = components[i].clone();
    }
    return out;
  }

  /** The row in component coordinates (k wide). */
  float[] project(float[] row) {
    float[] out = new float[components.length];
    for (int j = 0; j < components.length; j++) {
      double s = 0;
      double[] comp = components[j];
      for (int i = 0; i < row.length; i++) {
        s += (row[i] - mean[i]) * comp[i];
      }
      out[j] = (float) s;
    }
    return out;
  }
}
