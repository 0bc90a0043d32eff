package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.retrieve.Hit;
import io.memqa.testing.TinyModels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The batch's row index, and a batch built without the passage encoder's inputs. */
class BatchTensorsTest {
  @Test
  void rowIndexNumbersIdsInFirstSeenOrderWithZeroAsPadding() {
    BatchTensors.RowIndex index = new BatchTensors.RowIndex();
    long[] ids = {7, 0, 1L << 40, 7, 3, 1L << 40};
    index.remap(ids);
    assertThat(ids).containsExactly(1, 0, 2, 1, 3, 2);
    long[] more = {3, 9};
    index.remap(more);
    assertThat(more).containsExactly(3, 4);
    assertThat(index.rows()).containsExactly(0, 7, 1L << 40, 3, 9);
  }

  @Test
  void rowIndexAgreesWithAMapOverManyIds() {
    SplittableRandom rnd = new SplittableRandom(3);
    BatchTensors.RowIndex index = new BatchTensors.RowIndex();
    Map<Long, Long> expected = new HashMap<>(Map.of(0L, 0L));
    long[] ids = new long[20_000];
    long[] want = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rnd.nextLong(1, 5_000) * 131_071; // repeats, and ids that share low bits
      want[i] = expected.computeIfAbsent(ids[i], id -> (long) expected.size());
    }
    index.remap(ids);
    assertThat(ids).isEqualTo(want);
    long[] rows = index.rows();
    assertThat(rows).hasSize(expected.size());
    expected.forEach((id, local) -> assertThat(rows[(int) (long) local]).isEqualTo(id));
  }

  @Test
  void withoutPassageInputsOnlyTheEncodersInputsAreLeftOut() {
    SyntheticQa.Data data = SyntheticQa.generate(6, 3);
    ReaderConfig config = TinyModels.config();
    List<Hit> hits = List.of(new Hit(data.passages().get(0), 3f, 1), new Hit(data.passages().get(1), 2f, 2));
    Memory memory = new MemoryBuilder(config.memory()).build(data.questions().get(0).text(), hits);
    Example e = new Featurizer(config.buckets(), 12).encode(memory);
    try (NDManager m = NDManager.newBaseManager()) {
      BatchTensors all = new BatchTensors(m, List.of(e), config, true);
      BatchTensors some = new BatchTensors(m, List.of(e), config, true, false);
      assertThat(all.passageWords).isNotNull();
      assertThat(some.passageWords).isNull();
      assertThat(some.passageBigrams).isNull();
      assertThat(some.passageTokens).isNull();
      assertThat(some.passageVectors).isNull();
      assertThat(some.passageMask.toFloatArray()).isEqualTo(all.passageMask.toFloatArray());
      assertThat(some.layout.placed).containsOnlyKeys(all.layout.placed.keySet().toArray(new String[0]));
      assertThat(some.layout.slotIndex.start()).isEqualTo(all.layout.slotIndex.start());
      assertThat(some.pairMatch.toFloatArray()).isEqualTo(all.pairMatch.toFloatArray());
      // The local word ids differ (fewer rows), but pick the same global rows.
      long[] allRows = all.wordRows.toLongArray();
      long[] someRows = some.wordRows.toLongArray();
      long[] allWords = all.pairWords.toLongArray();
      long[] someWords = some.pairWords.toLongArray();
      for (int i = 0; i < allWords.length; i++) {
        assertThat(someRows[(int) someWords[i]]).isEqualTo(allRows[(int) allWords[i]]);
      }
    }
  }
}
