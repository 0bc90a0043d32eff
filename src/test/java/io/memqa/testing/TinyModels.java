package io.memqa.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.corpus.Passage;
import io.memqa.reader.ModelFiles;
import io.memqa.reader.ReaderConfig;
import io.memqa.reader.SyntheticQa;
import io.memqa.reader.TrainOptions;
import io.memqa.reader.Trainer;
import io.memqa.reader.TrainingSet;
import io.memqa.retrieve.Retriever;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tiny readers that train in seconds on generated data: real learning, test-sized. */
public final class TinyModels {
  private TinyModels() {}

  /** 4,096 hash rows, 16-wide embeddings and encoder, one modelling layer, short spans, no dropout. */
  public static ReaderConfig config() {
    ReaderConfig d = ReaderConfig.defaults();
    return new ReaderConfig(ReaderConfig.FORMAT_VERSION, 4096, 16, 16, 2, 4, 3, 3, 64, 0f, 1, ReaderConfig.NO_VECTORS, 0,
        d.features(), ReaderConfig.NO_VECTORS, 0, false);
  }

  /** Small batches, a high constant learning rate, 10% held out. */
  public static TrainOptions options(int epochs, float openFraction) {
    return new TrainOptions(epochs, epochs, 16, 0.01f, 1f, 1f, 1f, 0f, openFraction, 0.1, 200, 0, 3, 2);
  }

  /** Trains on {@code data} into {@code model}; with a retriever, part of the memories are open. */
  public static Trainer.Result train(SyntheticQa.Data data, Path model, Retriever retriever, int epochs,
      float openFraction) throws IOException, InterruptedException {
    TrainOptions options = options(epochs, openFraction);
    return new Trainer(config(), options).train(training(data, retriever, options), model, false, Map.of("test", true));
  }

  public static TrainingSet training(SyntheticQa.Data data, Retriever retriever, TrainOptions options)
      throws InterruptedException {
    Map<String, Passage> byId = new HashMap<>();
    data.passages().forEach(p -> byId.put(p.id(), p));
    return TrainingSet.build(data.questions(), byId, retriever, 3, options);
  }

  /**
   * Makes {@code model}'s calibration look fitted by an older memqa (no answer-choice rule
   * recorded), its manifest renewed so that only the calibration is stale.
   */
  public static void makeCalibrationStale(Path model) throws IOException {
    removeCalibrationField(model, "answerChoice");
  }

  /** Removes {@code field} from {@code model}'s calibration file, as an older memqa wrote it; renews the manifest. */
  public static void removeCalibrationField(Path model, String field) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path file = model.resolve(ModelFiles.CALIBRATION);
    com.fasterxml.jackson.databind.node.ObjectNode c = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
    if (!c.has(field)) {
      throw new IllegalStateException("the calibration has no field " + field + " to remove");
    }
    c.remove(field);
    json.writeValue(file.toFile(), c);
    ModelFiles.writeManifest(model);
  }

  /** The passages as a JSON-lines corpus file, ready for {@link TestIndexes#build}. */
  public static Path corpus(List<Passage> passages, Path file) {
    ObjectMapper json = new ObjectMapper();
    StringBuilder lines = new StringBuilder();
    try {
      for (Passage p : passages) {
        lines.append(json.writeValueAsString(p)).append('\n');
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return Fixtures.write(file, lines.toString());
  }
}
