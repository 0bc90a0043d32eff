package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.retrieve.Hit;
import io.memqa.testing.TinyModels;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain-Java slot reading answers exactly as the PyTorch graph it replaces at inference. */
class SlotReaderTest {
  /** With the per-token part on PyTorch (as for a model with self-attention) or in Java ({@link TokenNetwork}). */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void givesThePyTorchProbabilitiesAndAttention(boolean javaTokens) {
    SyntheticQa.Data data = SyntheticQa.generate(8, 3);
    ReaderConfig config = TinyModels.config();
    try (NDManager root = NDManager.newBaseManager(); KvMemNet net = KvMemNet.create(config, root, 9)) {
      SlotReader slots = new SlotReader(net);
      TokenNetwork tokens = javaTokens ? new TokenNetwork(net) : null;
      for (int q = 0; q < 6; q++) {
        List<Hit> hits = List.of(new Hit(data.passages().get(q), 3f, 1), new Hit(data.passages().get(q + 1), 2f, 2),
            new Hit(data.passages().get(q + 2), 1f, 3));
        Memory memory = new MemoryBuilder(config.memory()).build(data.questions().get(q).text(), hits);
        Example e = new Featurizer(config.buckets(), 12).encode(memory);
        Predictions.Batch graph = Predictions.run(net, List.of(e), root, true);
        Predictions.Batch java = Predictions.runOne(net, slots, tokens, null, e, root);
        assertClose(java.probabilities()[0], graph.probabilities()[0]);
        assertThat(java.attention()).hasSize(config.hops());
        for (int h = 0; h < config.hops(); h++) {
          assertClose(java.attention().get(h)[0], graph.attention().get(h)[0]);
        }
      }
    }
  }

  private static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < actual.length; i++) {
      // relative: the probabilities of an untrained network are small and close together
      assertThat(actual[i]).as("slot %d", i).isCloseTo(expected[i], Offset.offset(1e-4f * expected[i] + 1e-8f));
    }
  }
}
