package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.retrieve.Hit;
import io.memqa.testing.TinyModels;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Passages read again skip the passage encoder, and the answers do not change. */
class PassageStateCacheTest {
  private final SyntheticQa.Data data = SyntheticQa.generate(8, 3);
  private final ReaderConfig config = TinyModels.config();

  private Example example(int question, int... passages) {
    List<Hit> hits = new java.util.ArrayList<>();
    for (int i = 0; i < passages.length; i++) {
      hits.add(new Hit(data.passages().get(passages[i]), 3f - i, i + 1));
    }
    Memory memory = new MemoryBuilder(config.memory()).build(data.questions().get(question).text(), hits);
    return new Featurizer(config.buckets(), 12).encode(memory);
  }

  @Test
  void aMemoryOfHeldPassagesIsReadFromTheCacheWithTheSameAnswers() {
    try (NDManager root = NDManager.newBaseManager(); KvMemNet net = KvMemNet.create(config, root, 9)) {
      SlotReader slots = new SlotReader(net);
      PassageStateCache cache = new PassageStateCache(PassageStateCache.DEFAULT_FLOATS);
      // Other questions on the same passages, in another order: every segment is held the second time.
      Example first = example(0, 1, 2, 3);
      Example again = example(4, 3, 1, 2);
      Predictions.runOne(net, slots, cache, first, root);
      assertThat(cache.hitsAndMisses()).containsExactly(0, 1);
      float[] cached = Predictions.runOne(net, slots, cache, again, root).probabilities()[0];
      assertThat(cache.hitsAndMisses()).containsExactly(1, 1);
      float[] computed = Predictions.runOne(net, slots, null, again, root).probabilities()[0];
      assertThat(cached).hasSize(computed.length);
      for (int i = 0; i < cached.length; i++) {
        assertThat(cached[i]).as("slot %d", i).isCloseTo(computed[i], Offset.offset(1e-4f * computed[i] + 1e-8f));
      }
      // A memory with one passage not held goes through the encoder.
      Predictions.runOne(net, slots, cache, example(5, 1, 2, 6), root);
      assertThat(cache.hitsAndMisses()).containsExactly(1, 2);
    }
  }

  @Test
  void itHoldsNoMoreThanItsCapacity() {
    try (NDManager root = NDManager.newBaseManager(); KvMemNet net = KvMemNet.create(config, root, 9)) {
      SlotReader slots = new SlotReader(net);
      PassageStateCache cache = new PassageStateCache(1); // less than any segment: nothing stays
      Example e = example(0, 1, 2, 3);
      Predictions.runOne(net, slots, cache, e, root);
      Predictions.runOne(net, slots, cache, e, root);
      assertThat(cache.hitsAndMisses()).containsExactly(0, 2);
    }
  }
}
