package io.memqa.reader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memqa.util.BadInputException;
import io.memqa.util.FileManifest;
import io.memqa.util.OutputTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a saved reader: {@code config.json} (shape and inputs), {@code weights.params}
 * (the arrays), {@code training.json} (how it was trained), {@code calibration.json} (scores to
 * probabilities), for a model with pretrained word vectors {@code vectors.bin}, for one with
 * contextual word states {@code context.bin} (the encoder's identity, the reduction of its states and
 * the reduced states of the corpus's passages), and
 * {@code manifest.json}, which lists every other file of the directory with its SHA-256. Loading
 * verifies the manifest first and says plainly what is wrong with a missing, altered, truncated
 * or incompatible model.
 */
public final class ModelFiles {
  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = "weights.params";
  public static final String TRAINING = "training.json";
  /** How the network's scores become probabilities of being right ({@link Calibration}). */
  public static final String CALIBRATION = "calibration.json";
  /** The contextual word states of the corpus and how they were reduced, for a model that has them. */
  public static final String CONTEXT_STATES = "context.bin";
  /** The pretrained word vectors, for a model that has them. */
  public static final String VECTORS = "vectors.bin";
  public static final String MANIFEST = FileManifest.FILE;

  /** What a model directory is, for refusing to write one over anything else. */
  public static final OutputTarget OUTPUT = OutputTarget.directory("memqa model", CONFIG, MANIFEST);

  private static final String KIND = "memqa model";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelFiles() {}

  /** True if {@code dir} looks like a complete saved model (used to skip training). */
  public static boolean isComplete(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG)) && Files.isRegularFile(dir.resolve(WEIGHTS))
        && Files.isRegularFile(dir.resolve(TRAINING)) && Files.isRegularFile(dir.resolve(MANIFEST));
  }

  /**
   * Whether the model's files are sound but its calibration was fitted for other signals or
   * answers (an older memqa): {@code ./memqa calibrate} mends that without retraining.
   */
  public static boolean hasStaleCalibration(Path dir) {
    try {
      verify(dir);
      return !JSON.readValue(dir.resolve(CALIBRATION).toFile(), Calibration.class).fits();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Lists every file now in the model directory with its checksum; the last step of saving. */
  public static void writeManifest(Path dir) throws IOException {
    FileManifest.write(dir, KIND, ReaderConfig.FORMAT_VERSION);
  }

  /** Refuses a model whose files are not exactly those saved with it (or of another format). */
  public static void verify(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException("no model at " + dir + ": train one with ./memqa train --out " + dir
          + " (or give --model DIR)");
    }
    FileManifest.verify(dir, KIND, ReaderConfig.FORMAT_VERSION, rebuild(dir));
  }

  /**
   * Refuses to train into {@code dir} unless it, and the checkpoint beside it, are absent, empty
   * or memqa's own: called before any work so that a user's directory is never replaced.
   */
  public static void checkOutput(Path dir) throws IOException {
    OUTPUT.check(dir);
    Checkpoint.OUTPUT.check(Checkpoint.dirFor(dir));
  }

  private static String rebuild(Path dir) {
    return "./memqa train --out " + dir;
  }

  /** Reads the model's calibration, refusing one made for other signals. */
  static Calibration readCalibration(Path dir) throws IOException {
    Path file = dir.resolve(CALIBRATION);
    if (!Files.isRegularFile(file)) {
      throw new IOException("model at " + dir + " is incomplete: it needs " + CALIBRATION + "; retrain it with ./memqa train");
    }
    Calibration c;
    try {
      c = JSON.readValue(file.toFile(), Calibration.class);
    } catch (IOException | RuntimeException e) {
      throw new IOException("model at " + dir + " has an unreadable " + CALIBRATION + ": " + firstLine(e), e);
    }
    if (!c.fits()) {
      throw new IOException("model at " + dir + " was calibrated on other signals or answers (" + c.signals() + ", "
          + c.answerChoice() + "; this version: " + AnswerChoice.NAME + "): fit it again with ./memqa calibrate --model "
          + dir);
    }
    return c;
  }

  /** Reads and checks the config of the model in {@code dir}. */
  public static ReaderConfig readConfig(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException("no model at " + dir + ": train one with ./memqa train --out " + dir
          + " (or give --model DIR)");
    }
    Path config = dir.resolve(CONFIG);
    Path weights = dir.resolve(WEIGHTS);
    if (!Files.isRegularFile(config) || !Files.isRegularFile(weights)) {
      throw new IOException("model at " + dir + " is incomplete: it needs " + CONFIG + " and " + WEIGHTS + "; rebuild it with "
          + rebuild(dir));
    }
    ReaderConfig c;
    try {
      c = JSON.readValue(config.toFile(), ReaderConfig.class);
    } catch (IOException | RuntimeException e) {
      throw new IOException("model at " + dir + " has an unreadable " + CONFIG + ": " + firstLine(e), e);
    }
    if (c.formatVersion() != ReaderConfig.FORMAT_VERSION) {
      throw new IOException(
          "model at " + dir + " has format " + c.formatVersion() + " but this memqa reads format "
              + ReaderConfig.FORMAT_VERSION + ": rebuild it with " + rebuild(dir));
    }
    return c;
  }

  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
