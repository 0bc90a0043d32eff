package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.memory.Memory;
import io.memqa.testing.TinyModels;
import io.memqa.text.AnswerMetrics;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real learning on a generated corpus: the reader must learn to use the question. */
class ReaderLearningTest {
  @TempDir static Path dir;
  static Path model;
  static Trainer.Result result;

  static ReaderConfig tinyConfig() {
    return TinyModels.config();
  }

  static TrainOptions options(int epochs) {
    return TinyModels.options(epochs, 0f);
  }

  static TrainingSet data(int people, long seed, TrainOptions o) throws InterruptedException {
    return TinyModels.training(SyntheticQa.generate(people, seed), null, o);
  }

  @BeforeAll
  static void train() throws Exception {
    model = dir.resolve("model");
    TrainOptions o = options(6);
    result = new Trainer(tinyConfig(), o).train(data(240, 1, o), model, false, Map.of("test", true));
  }

  @Test
  void learnsToAnswerFromTheQuestionOnUnseenPassages() throws Exception {
    SyntheticQa.Data test = SyntheticQa.generate(60, 99);
    Map<String, Passage> byId = new HashMap<>();
    test.passages().forEach(p -> byId.put(p.id(), p));
    double em = 0;
    try (Reader reader = Reader.load(model)) {
      for (Question q : test.questions()) {
        Memory m = reader.memoryBuilder().build(q.text(), byId.get(q.passageId()));
        Reading r = reader.read(m, 1, 0);
        em += AnswerMetrics.maxExactMatch(r.answers().get(0).text(), q.answers());
      }
    }
    assertThat(em / test.questions().size()).isGreaterThanOrEqualTo(0.95);
    assertThat(result.history()).isNotEmpty();
    assertThat(result.history().get(0).loss()).isGreaterThan(result.history().get(result.history().size() - 1).loss());
  }

  @Test
  void attentionOfEveryHopIsADistribution() throws Exception {
    SyntheticQa.Data test = SyntheticQa.generate(4, 7);
    try (Reader reader = Reader.load(model); NDManager m = NDManager.newBaseManager()) {
      Featurizer f = new Featurizer(reader.config().buckets(), reader.config().segmentTokens());
      List<Example> examples = test.questions().stream()
          .map(q -> f.encode(reader.memoryBuilder().build(q.text(), test.passages().get(0))))
          .toList();
      Predictions.Batch out = Predictions.run(reader.net(), examples, m, true);
      assertThat(out.attention()).hasSize(reader.config().hops());
      for (float[][] hop : out.attention()) {
        for (float[] row : hop) {
          double sum = 0;
          for (float w : row) {
            sum += w;
          }
          assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
      }
      for (float[] row : out.probabilities()) {
        double sum = 0;
        for (float p : row) {
          sum += p;
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      }
    }
  }

  @Test
  void savedModelLoadsToIdenticalScores() throws Exception {
    SyntheticQa.Data test = SyntheticQa.generate(3, 11);
    Question q = test.questions().get(0);
    try (Reader a = Reader.load(model); Reader b = Reader.load(model)) {
      Memory m = a.memoryBuilder().build(q.text(), test.passages().get(0));
      Reading ra = a.read(m, 3, 3);
      Reading rb = b.read(m, 3, 3);
      assertThat(ra).isEqualTo(rb);
    }
  }

  @Test
  void resumeContinuesFromTheCheckpoint() throws Exception {
    Path out = dir.resolve("resumed");
    TrainOptions one = options(1);
    TrainingSet data = data(60, 5, one);
    Trainer.Result first = new Trainer(tinyConfig(), one).train(data, out, false, Map.of());
    assertThat(first.history()).hasSize(1);
    TrainOptions two = options(2);
    Trainer.Result resumed = new Trainer(tinyConfig(), two).train(data, out, true, Map.of());
    assertThat(resumed.history()).hasSize(2);
    assertThat(resumed.history().get(0)).isEqualTo(first.history().get(0));
    Trainer.Result straight = new Trainer(tinyConfig(), two).train(data, dir.resolve("straight"), false, Map.of());
    assertThat(resumed.history().get(1).loss()).isCloseTo(straight.history().get(1).loss(),
        org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void averagedWeightsAreSavedWhileTrainingGoesOnFromTheLastOnes() throws Exception {
    TrainOptions plain = options(1);
    TrainOptions averaged = withAverage(options(1), 0.9f);
    TrainingSet data = data(60, 21, averaged);
    Path out = dir.resolve("averaged");
    Trainer.Result r = new Trainer(tinyConfig(), averaged).train(data, out, false, Map.of());
    Path checkpoint = Checkpoint.dirFor(out);
    assertThat(checkpoint.resolve(Checkpoint.AVERAGE)).isRegularFile();
    // The model holds the average, the checkpoint the last weights that training continues from.
    assertThat(Files.readAllBytes(out.resolve(ModelFiles.WEIGHTS)))
        .isNotEqualTo(Files.readAllBytes(checkpoint.resolve(ModelFiles.WEIGHTS)));
    Trainer.EpochResult e = r.history().get(0);
    assertThat(e.lastWeightsClosedF1()).isBetween(0.0, 100.0);
    assertThat(List.of(e.lastWeightsClosedEm(), e.lastWeightsClosedF1()))
        .isNotEqualTo(List.of(e.heldOutClosedEm(), e.heldOutClosedF1()));

    Trainer.Result more = new Trainer(tinyConfig(), withAverage(options(2), 0.9f)).train(data, out, true, Map.of());
    assertThat(more.history()).hasSize(2);
    assertThat(more.history().get(0)).isEqualTo(e);

    Path unaveraged = dir.resolve("unaveraged");
    Trainer.Result p = new Trainer(tinyConfig(), plain).train(data, unaveraged, false, Map.of());
    assertThat(Files.readAllBytes(unaveraged.resolve(ModelFiles.WEIGHTS)))
        .isEqualTo(Files.readAllBytes(Checkpoint.dirFor(unaveraged).resolve(ModelFiles.WEIGHTS)));
    assertThat(p.history().get(0).lastWeightsClosedF1()).isEqualTo(p.history().get(0).heldOutClosedF1());
    assertThatThrownBy(() -> new Trainer(tinyConfig(), withAverage(options(2), 0.9f)).train(data, unaveraged, true, Map.of()))
        .isInstanceOf(IOException.class).hasMessageContaining("has no weight average");
  }

  private static TrainOptions withAverage(TrainOptions o, float decay) {
    return new TrainOptions(o.maxEpochs(), o.patience(), o.batchSize(), o.learningRate(), o.learningRateDecay(),
        o.annealTo(), o.tableRate(), decay, o.openFraction(), o.heldOutFraction(), o.heldOutLimit(), o.limit(), o.seed(),
        o.threads());
  }

  @Test
  void fineTuningStartsFromTheTrainedModelsWeights() throws Exception {
    // A learning rate too small to learn anything in one epoch: what the held-out slice scores is
    // what the starting weights know.
    TrainOptions still = new TrainOptions(1, 1, 16, 1e-7f, 1f, 1f, 1f, 0f, 0f, 0.1, 200, 0, 3, 2);
    TrainingSet data = data(60, 13, still);
    Trainer.Result tuned = new Trainer(tinyConfig(), still).train(data, dir.resolve("tuned"), false, model, Map.of());
    Trainer.Result scratch = new Trainer(tinyConfig(), still).train(data, dir.resolve("scratch"), false, null, Map.of());
    assertThat(tuned.history().get(0).heldOutClosedEm()).isGreaterThanOrEqualTo(90);
    assertThat(scratch.history().get(0).heldOutClosedEm()).isLessThan(50);

    ReaderConfig wider = new ReaderConfig(ReaderConfig.FORMAT_VERSION, 4096, 16, 32, 2, 4, 3, 3, 64, 0f, 1,
        ReaderConfig.NO_VECTORS, 0, tinyConfig().features(), ReaderConfig.NO_VECTORS, 0, false);
    assertThatThrownBy(() -> new Trainer(wider, still).train(data, dir.resolve("wider"), false, model, Map.of()))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("another reader configuration");
  }

  @Test
  void brokenModelsGiveClearErrors() throws Exception {
    assertThatThrownBy(() -> Reader.load(dir.resolve("nothing-here")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("no model at");
    Path copy = copyModel("truncated");
    byte[] w = Files.readAllBytes(copy.resolve(ModelFiles.WEIGHTS));
    Files.write(copy.resolve(ModelFiles.WEIGHTS), java.util.Arrays.copyOf(w, w.length / 2));
    assertThatThrownBy(() -> Reader.load(copy)).isInstanceOf(IOException.class)
        .hasMessageContaining("has a damaged weights.params");
    Path noConfig = copyModel("no-config");
    Files.delete(noConfig.resolve(ModelFiles.CONFIG));
    assertThatThrownBy(() -> Reader.load(noConfig)).isInstanceOf(IOException.class).hasMessageContaining("is missing config.json");
    // Past the manifest (rewritten as if saved so), the config's own checks still hold.
    Path other = copyModel("other-format");
    String json = Files.readString(other.resolve(ModelFiles.CONFIG)).replaceFirst("\"formatVersion\" : \\d+", "\"formatVersion\" : 999");
    Files.writeString(other.resolve(ModelFiles.CONFIG), json);
    ModelFiles.writeManifest(other);
    assertThatThrownBy(() -> Reader.load(other)).isInstanceOf(IOException.class).hasMessageContaining("format 999");
    Path garbage = copyModel("garbage-config");
    Files.writeString(garbage.resolve(ModelFiles.CONFIG), "{not json");
    ModelFiles.writeManifest(garbage);
    assertThatThrownBy(() -> Reader.load(garbage)).isInstanceOf(IOException.class).hasMessageContaining("unreadable");
  }

  private static Path copyModel(String name) throws IOException {
    Path target = dir.resolve(name);
    Files.createDirectories(target);
    try (var files = Files.list(model)) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return target;
  }
}
