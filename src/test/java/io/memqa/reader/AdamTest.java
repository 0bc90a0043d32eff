package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

class AdamTest {
  @Test
  void minimisesAndTouchesOnlyTheTableRowsUsed() {
    try (NDManager root = NDManager.newBaseManager(); Params p = new Params(root.newSubManager())) {
      SplittableRandom rnd = new SplittableRandom(1);
      NDArray w = p.normal("w", rnd, 1.0, 4);
      NDArray table = p.normal("table", rnd, 1.0, 10, 4);
      float[] untouched = table.get(new NDIndex("5:")).toFloatArray();
      try (Adam adam = new Adam(p, List.of("table"), 100f)) {
        w.setRequiresGradient(true);
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 300; step++) {
          float loss = pull(root, adam, table, w, new long[] {0, 1, 2, 3, 4}, 0.05f);
          if (step == 0) {
            first = loss;
          }
          last = loss;
        }
        assertThat(last).isLessThan(first / 100);
        for (float v : table.get(new NDIndex(":5")).toFloatArray()) {
          assertThat(v).isCloseTo(1f, org.assertj.core.data.Offset.offset(0.05f));
        }
        assertThat(table.get(new NDIndex("5:")).toFloatArray()).containsExactly(untouched);
        for (float v : w.toFloatArray()) {
          assertThat(v).isCloseTo(-2f, org.assertj.core.data.Offset.offset(0.05f));
        }
        assertThat(w.getGradient().abs().sum().getFloat()).isZero();
      }
    }
  }

  @Test
  void aTableRateOfZeroFreezesTheTablesButNotTheRest() {
    try (NDManager root = NDManager.newBaseManager(); Params p = new Params(root.newSubManager())) {
      SplittableRandom rnd = new SplittableRandom(2);
      NDArray w = p.normal("w", rnd, 1.0, 4);
      NDArray table = p.normal("table", rnd, 1.0, 6, 4);
      float[] before = table.toFloatArray();
      float[] wBefore = w.toFloatArray();
      try (Adam adam = new Adam(p, List.of("table"), 100f)) {
        w.setRequiresGradient(true);
        for (int step = 0; step < 20; step++) {
          pull(root, adam, table, w, new long[] {0, 1, 2}, 0f);
        }
        assertThat(table.toFloatArray()).containsExactly(before);
        assertThat(w.toFloatArray()).isNotEqualTo(wBefore);
      }
    }
  }

  @Test
  void aGradientThatIsNotFiniteChangesNothingAndIsCleared() {
    try (NDManager root = NDManager.newBaseManager(); Params p = new Params(root.newSubManager())) {
      SplittableRandom rnd = new SplittableRandom(3);
      NDArray w = p.normal("w", rnd, 1.0, 4);
      NDArray table = p.normal("table", rnd, 1.0, 6, 4);
      try (Adam adam = new Adam(p, List.of("table"), 100f)) {
        w.setRequiresGradient(true);
        pull(root, adam, table, w, new long[] {0, 1}, 0.05f);
        float[] wBefore = w.toFloatArray();
        float[] tableBefore = table.toFloatArray();
        long steps = adam.steps();
        // sqrt(-1) is NaN: the gradient reaching w and the rows is NaN
        float norm = step(root, adam, table, w, new long[] {0, 1}, 0.05f,
            (rows, v) -> rows.sum().add(v.sum().sub(v.sum().add(5)).sqrt()))[1];
        assertThat(norm).isNaN();
        assertThat(w.toFloatArray()).containsExactly(wBefore);
        assertThat(table.toFloatArray()).containsExactly(tableBefore);
        assertThat(adam.steps()).isEqualTo(steps);
        assertThat(w.getGradient().toFloatArray()).containsOnly(0f);
        // and the next good step still learns
        float loss = pull(root, adam, table, w, new long[] {0, 1}, 0.05f);
        assertThat(loss).isFinite();
        assertThat(w.toFloatArray()).isNotEqualTo(wBefore);
      }
    }
  }

  @Test
  void trainingStopsWhenUpdatesKeepFailing() throws Exception {
    Trainer.checkDivergence(Trainer.MAX_SKIPPED_STEPS, 100);
    Trainer.checkDivergence(20, 3_000);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trainer.checkDivergence(Trainer.MAX_SKIPPED_STEPS + 1, 100))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("diverged").hasMessageContaining("--lr");
  }

  /**
   * One Adam step (rate 0.05 for w, {@code tableLr} for the table) on a loss pulling the table's
   * rows {@code ids} towards 1 and w towards -2; returns the loss.
   */
  private static float pull(NDManager root, Adam adam, NDArray table, NDArray w, long[] ids, float tableLr) {
    return step(root, adam, table, w, ids, tableLr,
        (rows, v) -> rows.sub(1).square().sum().add(v.neg().sub(2).square().sum()))[0];
  }

  /**
   * One Adam step (rate 0.05 for w, {@code tableLr} for the table) on {@code loss} of the table's
   * rows {@code ids} and w; returns the loss and the gradient norm Adam reports.
   */
  private static float[] step(NDManager root, Adam adam, NDArray table, NDArray w, long[] ids, float tableLr,
      BinaryOperator<NDArray> loss) {
    try (NDManager m = root.newSubManager()) {
      NDArray at = m.create(ids);
      NDArray rows = table.get(m, new NDIndex("{}", at));
      rows.setRequiresGradient(true);
      float value;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = loss.apply(rows, w);
        gc.backward(l);
        value = l.getFloat();
      }
      return new float[] {value, adam.step(0.05f, tableLr, Map.of("table", rows), Map.of("table", at))};
    }
  }
}
