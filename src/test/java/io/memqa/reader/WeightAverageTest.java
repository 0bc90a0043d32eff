package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.data.Offset;

class WeightAverageTest {
  private NDManager root;
  private Params params;

  @BeforeEach
  void setUp() {
    root = NDManager.newBaseManager();
    params = new Params(root.newSubManager());
    params.zeros("w", 2);
    params.zeros("table", 3, 1);
  }

  @AfterEach
  void tearDown() {
    params.close();
    root.close();
  }

  private void set(float w0, float w1, float t) {
    params.get("w").set(new float[] {w0, w1});
    params.get("table").set(new float[] {t, t, t});
  }

  private float[] w() {
    return params.get("w").toFloatArray();
  }

  @Test
  void readsTheBiasCorrectedAverageOfTheStepsAndGivesTheLastWeightsBack() {
    try (WeightAverage avg = new WeightAverage(params, 0.5f)) {
      set(1, -1, 2);
      avg.update();
      set(3, 5, 2);
      avg.update();
      NDList last = avg.swapIn();
      // (0.5 * 1 + 1 * 3) / 1.5: the later step weighs twice the earlier; no share is left to the zero start.
      assertThat(w()).containsExactly(new float[] {7f / 3, 3f}, Offset.offset(1e-5f));
      assertThat(params.get("table").toFloatArray()).containsExactly(new float[] {2, 2, 2}, Offset.offset(1e-5f));
      avg.restore(last);
      assertThat(w()).containsExactly(3f, 5f);
      assertThat(avg.steps()).isEqualTo(2);
    }
  }

  @Test
  void withoutAStepTheWeightsStayAsTheyAre() {
    try (WeightAverage avg = new WeightAverage(params, 0.9f)) {
      set(4, 4, 1);
      NDList last = avg.swapIn();
      assertThat(w()).containsExactly(4f, 4f);
      avg.restore(last);
      assertThat(w()).containsExactly(4f, 4f);
    }
  }

  @Test
  void savedAverageLoadsToTheSameWeightsAndRefusesAnotherDecay() throws IOException {
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    try (WeightAverage avg = new WeightAverage(params, 0.9f)) {
      set(1, 2, 3);
      avg.update();
      set(5, 6, 7);
      avg.update();
      avg.save(saved);
    }
    try (WeightAverage again = new WeightAverage(params, 0.9f)) {
      again.load(new ByteArrayInputStream(saved.toByteArray()));
      assertThat(again.steps()).isEqualTo(2);
      NDList last = again.swapIn();
      // (0.9 * 1 + 5) / 1.9
      assertThat(w()[0]).isCloseTo(5.9f / 1.9f, Offset.offset(1e-5f));
      again.restore(last);
    }
    try (WeightAverage other = new WeightAverage(params, 0.99f)) {
      assertThatThrownBy(() -> other.load(new ByteArrayInputStream(saved.toByteArray())))
          .isInstanceOf(IOException.class).hasMessageContaining("decay 0.9");
    }
    try (Params wider = new Params(root.newSubManager())) {
      wider.zeros("w", 3);
      wider.zeros("table", 3, 1);
      try (WeightAverage other = new WeightAverage(wider, 0.9f)) {
        assertThatThrownBy(() -> other.load(new ByteArrayInputStream(saved.toByteArray())))
            .isInstanceOf(IOException.class).hasMessageContaining("does not match the model");
      }
    }
  }

  @Test
  void decayMustLeaveRoomForTheWeights() {
    assertThatThrownBy(() -> new WeightAverage(params, 1f)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WeightAverage(params, 0f)).isInstanceOf(IllegalArgumentException.class);
  }
}
