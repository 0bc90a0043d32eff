package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.retrieve.Hit;
import io.memqa.testing.TinyModels;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The per-token network and the passage encoder in plain Java give the values of the PyTorch graph they replace at answering. */
class TokenNetworkTest {
  private final SyntheticQa.Data data = SyntheticQa.generate(8, 3);

  /**
   * A model of {@code width} (embeddings half as wide), with {@code layers} modelling layers and,
   * with {@code vectorDim} > 0, pretrained vectors of that width: widths that fill the vector
   * registers and widths that leave remainders.
   */
  private static ReaderConfig config(int width, int layers, int vectorDim) {
    ReaderConfig tiny = TinyModels.config();
    return new ReaderConfig(ReaderConfig.FORMAT_VERSION, tiny.buckets(), width / 2, width, 2, 4, 3, 3, 64, 0f, layers,
        vectorDim > 0 ? "test" : ReaderConfig.NO_VECTORS, vectorDim, tiny.features(), ReaderConfig.NO_VECTORS, 0, false);
  }

  /** Every weight random (the zero-initialised biases and word weights too), so that each one counts. */
  private static void randomize(KvMemNet net, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (Map.Entry<String, NDArray> p : net.params.named().entrySet()) {
      float[] v = new float[Math.toIntExact(p.getValue().size())];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (random.nextDouble() * 2 - 1) * 0.2f;
      }
      p.getValue().set(v);
    }
  }

  private Example example(ReaderConfig config, int question, int... passages) {
    List<Hit> hits = new java.util.ArrayList<>();
    for (int i = 0; i < passages.length; i++) {
      hits.add(new Hit(data.passages().get(passages[i]), 3f - i, i + 1));
    }
    Memory memory = new MemoryBuilder(config.memory()).build(data.questions().get(question).text(), hits);
    Featurizer featurizer = config.hasVectors()
        ? new Featurizer(config.buckets(), 12, SyntheticQa.vectors(data, config.vectorDim(), 5))
        : new Featurizer(config.buckets(), 12);
    return featurizer.encode(memory);
  }

  @ParameterizedTest
  @ValueSource(strings = {"16,1,0", "20,2,8", "64,2,8", "72,0,5"})
  void givesThePyTorchPassageStatesInputsAndQuestionVector(String shape) {
    String[] s = shape.split(",");
    ReaderConfig config = config(Integer.parseInt(s[0]), Integer.parseInt(s[1]), Integer.parseInt(s[2]));
    try (NDManager root = NDManager.newBaseManager(); KvMemNet net = KvMemNet.create(config, root, 11)) {
      randomize(net, 3);
      TokenNetwork tokens = new TokenNetwork(net);
      for (int q = 0; q < 5; q++) {
        assertSameInputs(net, tokens, example(config, q, q, q + 1, q + 2));
      }
      assertSameInputs(net, tokens, example(config, 6, 7)); // one passage
      assertSameInputs(net, tokens, withoutQuestion(example(config, 2, 2, 3)));
    }
  }

  /** An example whose question has no words: the encoders read one padding position. */
  private static Example withoutQuestion(Example e) {
    return new Example(new int[0], new int[0], new float[0], e.questionType(), e.passages(), e.slotIndex(),
        e.slotPassage(), e.slotStart(), e.slotEnd(), e.slotKeyFirst(), e.slotKeyLast(), e.slotFeatures(), e.gold());
  }

  private static void assertSameInputs(KvMemNet net, TokenNetwork tokens, Example e) {
    try (NDManager m = net.params.manager().newSubManager()) {
      BatchArrays arrays = new BatchArrays(List.of(e), net.config, true, true);
      BatchTensors batch = new BatchTensors(m, arrays, net.config);
      NDList graph = net.slotInputs(batch, null);
      float[] states = net.passageStates(batch).toFloatArray();
      assertClose(tokens.passageStates(arrays), states, "passage states");
      TokenNetwork.SlotInputs java = tokens.read(arrays, states);
      assertClose(java.inputs(), graph.get(0).toFloatArray(), "inputs");
      assertClose(java.q0(), graph.get(1).toFloatArray(), "q0");
    }
  }

  private static void assertClose(float[] actual, float[] expected, String what) {
    assertThat(actual).as(what).hasSize(expected.length);
    float scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertThat(scale).as(what + " is not all zero").isGreaterThan(0f);
    for (int i = 0; i < actual.length; i++) {
      // relative to the array's largest value: sums in another order differ in the last digits
      assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]: %s vs %s", what, i, actual[i], expected[i])
          .isLessThanOrEqualTo(1e-5f * scale);
    }
  }

  @Test
  void aModelWithSelfAttentionIsLeftToPyTorch() {
    ReaderConfig c = config(16, 1, 0);
    ReaderConfig self = new ReaderConfig(c.formatVersion(), c.buckets(), c.embedDim(), c.width(), c.hops(),
        c.maxSpanWords(), c.windowRadius(), c.passages(), c.segmentTokens(), c.dropout(), c.modelLayers(), c.vectors(),
        c.vectorDim(), c.features(), c.context(), c.contextDim(), true);
    assertThat(TokenNetwork.supports(c)).isTrue();
    assertThat(TokenNetwork.supports(self)).isFalse();
    try (NDManager root = NDManager.newBaseManager(); KvMemNet net = KvMemNet.create(self, root, 1)) {
      assertThatThrownBy(() -> new TokenNetwork(net)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
