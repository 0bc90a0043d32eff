package io.memqa.reader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.memqa.util.AtomicFiles;
import io.memqa.util.FileManifest;
import io.memqa.util.OutputTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a training run after an epoch: weights, optimizer moments and progress. Written
 * as a directory next to the model ({@code <model>.checkpoint}) and swapped in whole, so a run
 * killed at any moment resumes from its last finished epoch, and a finished run can be extended
 * with more epochs.
 */
final class Checkpoint {
  static final String STATE = "state.json";
  static final String OPTIMIZER = "optimizer.bin";
  static final String AVERAGE = "average.bin";
  private static final String KIND = "memqa training checkpoint";

  /** What a checkpoint directory is, for refusing to write one over anything else. */
  static final OutputTarget OUTPUT = OutputTarget.directory(KIND, STATE, FileManifest.FILE);

  /** Progress so far; {@code config} guards against resuming with another configuration. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record State(
      ReaderConfig config, int epochsDone, int bestEpoch, double bestMetric, int badEpochs,
      List<Trainer.EpochResult> history) {
    static State fresh(ReaderConfig config) {
      return new State(config, 0, 0, -1, 0, new ArrayList<>());
    }
  }

  private Checkpoint() {}

  static Path dirFor(Path model) {
    Path abs = model.toAbsolutePath();
    return abs.resolveSibling(abs.getFileName() + ".checkpoint");
  }

  /** @param average the run's weight average, or null when it keeps none */
  static void save(Path model, State state, KvMemNet net, Adam adam, WeightAverage average) throws IOException {
    Path target = dirFor(model);
    Path tmp = AtomicFiles.tempSibling(target);
    try {
      ModelFiles.JSON.writeValue(tmp.resolve(STATE).toFile(), state);
      try (OutputStream out = Files.newOutputStream(tmp.resolve(ModelFiles.WEIGHTS))) {
        net.params.save(out);
      }
      try (OutputStream out = Files.newOutputStream(tmp.resolve(OPTIMIZER))) {
        adam.save(out);
      }
      if (average != null) {
        try (OutputStream out = Files.newOutputStream(tmp.resolve(AVERAGE))) {
          average.save(out);
        }
      }
      FileManifest.write(tmp, KIND, ReaderConfig.FORMAT_VERSION);
      OUTPUT.check(target);
      AtomicFiles.replaceDirectory(tmp, target);
    } finally {
      AtomicFiles.deleteRecursively(tmp);
    }
  }

  /**
   * Loads the checkpoint into {@code net}, {@code adam} and {@code average} (null when the run
   * keeps none); null when there is none.
   *
   * @throws IOException when the checkpoint is damaged, of another configuration, or lacks the
   *     weight average the run keeps
   */
  static State load(Path model, ReaderConfig config, KvMemNet net, Adam adam, WeightAverage average)
      throws IOException {
    Path dir = dirFor(model);
    AtomicFiles.recover(dir);
    if (!Files.isRegularFile(dir.resolve(STATE))) {
      return null;
    }
    FileManifest.verify(dir, KIND, ReaderConfig.FORMAT_VERSION, "./memqa train without --resume (it starts over)");
    State state = ModelFiles.JSON.readValue(dir.resolve(STATE).toFile(), State.class);
    if (!config.equals(state.config())) {
      throw new IOException(
          "checkpoint " + dir + " was made with another reader configuration; train without --resume to start over");
    }
    try (InputStream in = Files.newInputStream(dir.resolve(ModelFiles.WEIGHTS))) {
      net.params.load(in);
    }
    try (InputStream in = Files.newInputStream(dir.resolve(OPTIMIZER))) {
      adam.load(in);
    }
    if (average != null) {
      if (!Files.isRegularFile(dir.resolve(AVERAGE))) {
        throw new IOException("checkpoint " + dir + " has no weight average: resume with the --average-decay it was "
            + "trained with, or train without --resume to start over");
      }
      try (InputStream in = Files.newInputStream(dir.resolve(AVERAGE))) {
        average.load(in);
      }
    }
    return new State(state.config(), state.epochsDone(), state.bestEpoch(), state.bestMetric(),
        state.badEpochs(), new ArrayList<>(state.history()));
  }

}
