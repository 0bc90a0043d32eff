package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.retrieve.Hit;
import io.memqa.testing.TinyModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packing a memory's segments into one row must not change a single score. */
class PackingTest {
  @Test
  void packedAndPaddedLayoutsScoreAlike() {
    SyntheticQa.Data data = SyntheticQa.generate(6, 3);
    ReaderConfig config = TinyModels.config();
    List<Hit> hits = List.of(new Hit(data.passages().get(0), 3f, 1), new Hit(data.passages().get(1), 2f, 2),
        new Hit(data.passages().get(2), 1f, 3));
    Memory memory = new MemoryBuilder(config.memory()).build(data.questions().get(0).text(), hits);
    Example e = new Featurizer(config.buckets(), 12).encode(memory);
    assertThat(e.passages().length).isGreaterThan(3);
    try (NDManager root = NDManager.newBaseManager(); KvMemNet net = KvMemNet.create(config, root, 5)) {
      float[] packed;
      float[] padded;
      try (NDManager m = root.newSubManager()) {
        packed = net.forward(new BatchTensors(m, List.of(e), config, true), false)
            .scores().toFloatArray();
      }
      try (NDManager m = root.newSubManager()) {
        padded = net.forward(new BatchTensors(m, List.of(e), config, false), false)
            .scores().toFloatArray();
      }
      assertThat(packed).hasSize(e.slots());
      for (int i = 0; i < packed.length; i++) {
        assertThat(packed[i]).isCloseTo(padded[i], org.assertj.core.data.Offset.offset(1e-3f));
      }
    }
  }
}
