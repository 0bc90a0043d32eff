package io.memqa.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextStatesFileTest {
  @TempDir Path dir;

  private static final EncoderIdentity SOURCE = new EncoderIdentity("test", "g:a:1", "aa", "bb", 6, "MEAN", 256);

  private static float[][] rows(int n, int width, long seed) {
    Random r = new Random(seed);
    float[][] out = new float[n][width];
    for (float[] row : out) {
      for (int i = 0; i < width; i++) {
        row[i] = (float) r.nextGaussian() * (i + 1);
      }
    }
    return out;
  }

  @Test
  void theReductionKeepsTheLargestVarianceAtUnitLengthOnAverage() {
    float[][] sample = rows(500, 6, 1);
    StateReduction r = StateReduction.fit(sample, 2);
    assertThat(r.width()).isEqualTo(2);
    assertThat(r.inputWidth()).isEqualTo(6);
    double squares = 0;
    for (float[] row : sample) {
      float[] x = r.reduce(row);
      squares += x[0] * x[0] + x[1] * x[1];
    }
    assertThat(squares / sample.length).isCloseTo(1.0, within(1e-3));
    // The first component follows the widest input dimension (the last one).
    float[] unit = new float[6];
    unit[5] = 10f;
    float[] far = r.reduce(unit);
    assertThat(Math.abs(far[0])).isGreaterThan(Math.abs(far[1]));
    assertThatThrownBy(() -> r.reduce(new float[5])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reducedStatesAreTheCentredStatesTimesEachComponent() {
    float[][] sample = rows(400, 384, 3); // the encoders' width, so the vectorised path runs
    StateReduction r = StateReduction.fit(sample, 16);
    float[][] more = rows(5, 384, 4);
    for (float[] state : more) {
      float[] got = r.reduce(state);
      float[] mean = r.mean();
      for (int j = 0; j < r.width(); j++) {
        float[] c = r.component(j);
        double expected = 0;
        for (int i = 0; i < state.length; i++) {
          expected += ((double) state[i] - mean[i]) * c[i];
        }
        assertThat((double) got[j]).isCloseTo(expected, within(1e-4 * (1 + Math.abs(expected))));
      }
    }
  }

  @Test
  void eightBitRowsStayCloseToTheirFloats() {
    float[][] rows = rows(20, 4, 2);
    QuantizedRows q = QuantizedRows.of(QuantizedRows.hash("text"), rows, 4);
    float[] back = q.floats();
    for (int w = 0; w < rows.length; w++) {
      float max = 0;
      for (float x : rows[w]) {
        max = Math.max(max, Math.abs(x));
      }
      for (int d = 0; d < 4; d++) {
        assertThat(back[w * 4 + d]).isCloseTo(rows[w][d], within(max / 254f + 1e-6f));
      }
    }
    assertThat(QuantizedRows.hash("text")).isNotEqualTo(QuantizedRows.hash("text."));
  }

  @Test
  void roundTripsAndRefusesADamagedFile() throws IOException {
    StateReduction r = StateReduction.fit(rows(100, 6, 3), 3);
    QuantizedRows a = QuantizedRows.of(7L, new float[][] {{1f, -2f, 3f}, {0f, 0f, 0f}}, 3);
    Path file = dir.resolve("context.bin");
    ContextStatesFile.save(new ContextStatesFile.Table(SOURCE, r, Map.of("p1", a)), file);
    ContextStatesFile.Table t = ContextStatesFile.load(file);
    assertThat(t.source()).isEqualTo(SOURCE);
    assertThat(t.reduction()).isEqualTo(r);
    assertThat(t.passages()).containsOnlyKeys("p1");
    assertThat(t.passages().get("p1").textHash()).isEqualTo(7L);
    assertThat(t.passages().get("p1").floats()).containsExactly(a.floats());

    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 40));
    assertThatThrownBy(() -> ContextStatesFile.load(file)).hasMessageContaining("truncated");
    bytes[bytes.length - 80] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> ContextStatesFile.load(file)).hasMessageContaining("checksum does not match");
    Files.writeString(file, "not a table at all");
    assertThatThrownBy(() -> ContextStatesFile.load(file)).hasMessageContaining("cannot be used");
    Files.delete(file);
    assertThatThrownBy(() -> ContextStatesFile.load(file)).hasMessageContaining("missing");
  }

  @Test
  void aNonFiniteValueBecomesZeroAndRowsOfAnotherWidthAreRefused() {
    QuantizedRows q = QuantizedRows.of(1L, new float[][] {{Float.NaN, 2f}, {0f, 0f}}, 2);
    assertThat(q.floats()).containsExactly(0f, 2f, 0f, 0f);
    assertThatThrownBy(() -> QuantizedRows.of(1L, new float[][] {{1f}}, 2)).isInstanceOf(IllegalArgumentException.class);
    StateReduction r = StateReduction.fit(rows(50, 6, 4), 3);
    assertThatThrownBy(() -> ContextStatesFile.save(new ContextStatesFile.Table(SOURCE, r, Map.of("p", q)),
        dir.resolve("x.bin"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 wide");
  }
}
