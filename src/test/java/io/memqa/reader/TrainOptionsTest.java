package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrainOptionsTest {
  private static TrainOptions options(float lr, float decay, float annealTo) {
    return options(lr, decay, annealTo, 1f);
  }

  private static TrainOptions options(float lr, float decay, float annealTo, float tableRate) {
    return new TrainOptions(3, 1, 32, lr, decay, annealTo, tableRate, 0f, 0.3f, 0.05, 2000, 0, 17, 2);
  }

  @Test
  void theRateFallsLinearlyWithinAnEpochToItsShare() {
    TrainOptions o = options(0.002f, 0.5f, 0.25f);
    assertThat(o.learningRate(1, 0, 101)).isCloseTo(0.002f, within(1e-9f));
    assertThat(o.learningRate(1, 50, 101)).isCloseTo(0.002f * 0.625f, within(1e-9f));
    assertThat(o.learningRate(1, 100, 101)).isCloseTo(0.0005f, within(1e-9f));
    // the next epoch starts again from its own (decayed) rate
    assertThat(o.learningRate(2, 0, 101)).isCloseTo(0.001f, within(1e-9f));
    assertThat(o.learningRate(2, 100, 101)).isCloseTo(0.00025f, within(1e-9f));
  }

  @Test
  void withoutAnnealingTheRateIsConstantWithinAnEpoch() {
    TrainOptions o = TrainOptions.defaults();
    assertThat(o.annealTo()).isEqualTo(1f);
    for (int b : new int[] {0, 7, 99}) {
      assertThat(o.learningRate(1, b, 100)).isEqualTo(o.learningRate(1));
    }
    // a one-batch epoch uses its full rate
    assertThat(options(0.01f, 1f, 0f).learningRate(1, 0, 1)).isEqualTo(0.01f);
  }

  @Test
  void annealingOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> options(0.01f, 1f, -0.1f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("anneal-to");
    assertThatThrownBy(() -> options(0.01f, 1f, 1.5f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("anneal-to");
    assertThatThrownBy(() -> options(0.01f, 1f, 1f, 2f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table-rate");
  }

  @Test
  void averageDecayMustBeBelowOne() {
    TrainOptions d = TrainOptions.defaults();
    for (float bad : new float[] {-0.1f, 1f, Float.NaN}) {
      assertThatThrownBy(() -> new TrainOptions(1, 1, 32, 0.01f, 1f, 1f, 1f, bad, 0.3f, 0.05, 2000, 0, 17, 2))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("average decay");
    }
    assertThat(new TrainOptions(1, 1, 32, 0.01f, 1f, 1f, 1f, 0.999f, 0.3f, 0.05, 2000, 0, 17, 2).averagesWeights())
        .isTrue();
    assertThat(d.averagesWeights()).isEqualTo(d.averageDecay() > 0);
  }
}
