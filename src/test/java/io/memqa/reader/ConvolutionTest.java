package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The reader's convolution against a plain loop, on the shapes that broke PyTorch's own CPU
 * convolution here (several rows, channel counts that are not a multiple of 16).
 */
class ConvolutionTest {
  @Test
  void matchesTheDefinitionForBatchesAndOddChannelCounts() {
    int n = 3;
    int t = 11;
    int c = 70;
    int o = 5;
    SplittableRandom rnd = new SplittableRandom(7);
    float[] x = random(rnd, n * t * c);
    float[] w = random(rnd, 3 * c * o);
    try (NDManager m = NDManager.newBaseManager()) {
      for (int dilation : new int[] {1, 2, 4}) {
        float[] y = Convolution.apply(m.create(x, new Shape(n, t, c)), m.create(w, new Shape(3L * c, o)), dilation)
            .toFloatArray();
        assertThat(y).hasSize(n * t * o);
        for (int b = 0; b < n; b++) {
          for (int i = 0; i < t; i++) {
            for (int j = 0; j < o; j++) {
              double expected = 0;
              for (int tap = 0; tap < 3; tap++) {
                int at = i + (tap - 1) * dilation;
                if (at < 0 || at >= t) {
                  continue;
                }
                for (int k = 0; k < c; k++) {
                  expected += w[(tap * c + k) * o + j] * x[(b * t + at) * c + k];
                }
              }
              assertThat((double) y[(b * t + i) * o + j]).as("row %d time %d out %d dilation %d", b, i, j, dilation)
                  .isCloseTo(expected, Offset.offset(1e-3));
            }
          }
        }
      }
    }
  }

  @Test
  void aRowIsComputedAloneAsInABatch() {
    SplittableRandom rnd = new SplittableRandom(11);
    float[] x = random(rnd, 4 * 9 * 22);
    float[] w = random(rnd, 3 * 22 * 16);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray kernel = m.create(w, new Shape(66, 16));
      NDArray batch = m.create(x, new Shape(4, 9, 22));
      float[] all = Convolution.apply(batch, kernel, 2).toFloatArray();
      for (int b = 0; b < 4; b++) {
        float[] one = Convolution.apply(batch.get(b + ":" + (b + 1)), kernel, 2).toFloatArray();
        for (int i = 0; i < one.length; i++) {
          assertThat(all[b * one.length + i]).isCloseTo(one[i], Offset.offset(1e-4f));
        }
      }
    }
  }

  private static float[] random(SplittableRandom rnd, int size) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return v;
  }
}
