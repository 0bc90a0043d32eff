package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matrix products on the Vector API against the textbook loop, at shapes with and without remainders. */
class DenseTest {
  @ParameterizedTest
  @CsvSource({"1,1,1", "2,3,5", "7,64,64", "448,192,64", "5,70,192", "3,17,131", "9,8,200"})
  void multipliesAsTheTextbookLoop(int rows, int in, int out) {
    SplittableRandom random = new SplittableRandom(rows * 31L + in * 7L + out);
    float[] x = random(random, rows * in);
    float[] w = random(random, in * out);
    float[] start = random(random, rows * out);
    float[] product = new float[rows * out];
    Dense.multiply(x, rows, in, w, out, product, false);
    float[] sum = start.clone();
    Dense.multiply(x, rows, in, w, out, sum, true);
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < out; o++) {
        double expected = 0;
        for (int k = 0; k < in; k++) {
          expected += (double) x[r * in + k] * w[k * out + o];
        }
        int at = r * out + o;
        assertThat(product[at]).as("y[%d,%d]", r, o).isCloseTo((float) expected, Offset.offset(1e-4f));
        assertThat(sum[at]).as("y[%d,%d] added", r, o).isCloseTo((float) (expected + start[at]), Offset.offset(1e-4f));
      }
    }
  }

  private static float[] random(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }
}
