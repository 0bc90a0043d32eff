package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.retrieve.Hit;
import io.memqa.testing.TinyModels;
import io.memqa.text.AnswerMetrics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional self-attention layer: it learns, and nothing outside a row's segment reaches it. */
class SelfAttentionTest {
  @TempDir Path dir;

  static ReaderConfig config() {
    ReaderConfig t = TinyModels.config();
    return new ReaderConfig(t.formatVersion(), t.buckets(), t.embedDim(), t.width(), t.hops(), t.maxSpanWords(),
        t.windowRadius(), t.passages(), t.segmentTokens(), t.dropout(), t.modelLayers(), t.vectors(), t.vectorDim(),
        t.features(), t.context(), t.contextDim(), true);
  }

  @Test
  void aReaderWithItLearnsToAnswerUnseenPassages() throws Exception {
    TrainOptions o = TinyModels.options(6, 0f);
    Path model = dir.resolve("model");
    new Trainer(config(), o).train(TinyModels.training(SyntheticQa.generate(240, 1), null, o), model, false,
        Map.of("test", true));
    SyntheticQa.Data test = SyntheticQa.generate(60, 99);
    Map<String, Passage> byId = new HashMap<>();
    test.passages().forEach(p -> byId.put(p.id(), p));
    double em = 0;
    try (Reader reader = Reader.load(model)) {
      assertThat(reader.config().selfAttention()).isTrue();
      assertThat(reader.net().params.get(KvMemNet.Layer.SELF_MATCH)).isNotNull();
      for (Question q : test.questions()) {
        Memory m = reader.memoryBuilder().build(q.text(), byId.get(q.passageId()));
        em += AnswerMetrics.maxExactMatch(reader.read(m, 1, 0).answers().get(0).text(), q.answers());
      }
    }
    assertThat(em / test.questions().size()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void scoresDoNotDependOnWhatElseIsInTheBatch() {
    SyntheticQa.Data data = SyntheticQa.generate(8, 3);
    ReaderConfig config = config();
    MemoryBuilder memories = new MemoryBuilder(config.memory());
    Featurizer featurizer = new Featurizer(config.buckets(), 64); // whole passages: rows of different lengths
    try (NDManager root = NDManager.newBaseManager(); KvMemNet net = KvMemNet.create(config, root, 4)) {
      SlotReader slots = new SlotReader(net);
      // One memory of three passages (segments of different lengths), one of a single passage.
      Example three = featurizer.encode(memories.build(data.questions().get(0).text(), List.of(
          new Hit(data.passages().get(0), 3f, 1), new Hit(data.passages().get(1), 2f, 2),
          new Hit(data.passages().get(2), 1f, 3))));
      // Its first sentence alone: a shorter row, padded in the batch but not alone.
      Passage full = data.passages().get(5);
      Passage shorter = new Passage(full.id() + "-short", full.title(), full.text().substring(0, full.text().indexOf('.') + 1));
      Example one = featurizer.encode(memories.build(data.questions().get(5).text(), shorter));
      assertThat(one.passages()[0].length()).isLessThan(three.passages()[0].length());
      Predictions.Batch both = Predictions.run(net, List.of(three, one), root, false);
      float[] alone = Predictions.runOne(net, slots, TokenNetwork.of(net), null, three, root).probabilities()[0];
      float[] oneAlone = Predictions.run(net, List.of(one), root, false).probabilities()[0];
      assertClose(both.probabilities()[0], alone);
      assertClose(both.probabilities()[1], oneAlone);
    }
  }

  @Test
  void modelsSavedBeforeItReadWithout() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode saved = json.valueToTree(ReaderConfig.defaults());
    saved.remove("selfAttention");
    assertThat(json.treeToValue(saved, ReaderConfig.class).selfAttention()).isFalse();
    assertThat(json.treeToValue(json.valueToTree(config()), ReaderConfig.class)).isEqualTo(config());
  }

  private static void assertClose(float[] actual, float[] expected) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("slot %d", i).isCloseTo(expected[i], Offset.offset(1e-4f * expected[i] + 1e-7f));
    }
  }
}
