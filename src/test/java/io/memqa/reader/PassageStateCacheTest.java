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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  private static void assertSame(float[] cached, float[] computed) {
    assertThat(cached).hasSize(computed.length);
    for (int i = 0; i < cached.length; i++) {
      assertThat(cached[i]).as("slot %d", i).isCloseTo(computed[i], Offset.offset(1e-4f * computed[i] + 1e-8f));
    }
  }

  /** With the per-token part on PyTorch or in Java ({@link TokenNetwork}): both take the cached states. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void heldSegmentsAreReadFromTheCacheWithTheSameAnswers(boolean javaTokens) {
    try (NDManager root = NDManager.newBaseManager(); KvMemNet net = KvMemNet.create(config, root, 9)) {
      SlotReader slots = new SlotReader(net);
      TokenNetwork tokens = javaTokens ? new TokenNetwork(net) : null;
      PassageStateCache cache = new PassageStateCache(PassageStateCache.DEFAULT_FLOATS);
      Example first = example(0, 1, 2, 3);
      int segments = first.passages().length;
      Predictions.runOne(net, slots, tokens, cache, first, root);
      assertThat(cache.hitsAndMisses()).containsExactly(0, segments);
      // Another question on the same passages, in another order: every segment comes from the cache.
      Example again = example(4, 3, 1, 2);
      assertSame(Predictions.runOne(net, slots, tokens, cache, again, root).probabilities()[0],
          Predictions.runOne(net, slots, tokens, null, again, root).probabilities()[0]);
      assertThat(cache.hitsAndMisses()).containsExactly(segments, segments);
      // One passage not held: only its segments go through the encoder, and the answers still agree.
      Example mixed = example(5, 1, 2, 6);
      assertSame(Predictions.runOne(net, slots, tokens, cache, mixed, root).probabilities()[0],
          Predictions.runOne(net, slots, tokens, null, mixed, root).probabilities()[0]);
      long[] counts = cache.hitsAndMisses();
      assertThat(counts[0]).isGreaterThan(segments);
      assertThat(counts[1]).isGreaterThan(segments).isLessThan(segments + mixed.passages().length);
    }
  }

  @Test
  void itHoldsNoMoreThanItsCapacity() {
    try (NDManager root = NDManager.newBaseManager(); KvMemNet net = KvMemNet.create(config, root, 9)) {
      SlotReader slots = new SlotReader(net);
      PassageStateCache cache = new PassageStateCache(1); // less than any segment: nothing stays
      Example e = example(0, 1, 2, 3);
      float[] first = Predictions.runOne(net, slots, TokenNetwork.of(net), cache, e, root).probabilities()[0];
      assertSame(Predictions.runOne(net, slots, TokenNetwork.of(net), cache, e, root).probabilities()[0], first);
      assertThat(cache.hitsAndMisses()).containsExactly(0, 2L * e.passages().length);
    }
  }
}
