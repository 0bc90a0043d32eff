package io.memqa.reader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a saved reader: {@code config.json} (shape and inputs), {@code weights.params}
 * (the arrays), {@code training.json} (how it was trained), {@code calibration.json} (scores to
 * probabilities) and, for a model with pretrained word vectors, {@code vectors.bin}. Loading checks each one and says
 * plainly what is wrong with a missing, truncated or incompatible model.
 */
public final class ModelFiles {
  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = "weights.params";
  public static final String TRAINING = "training.json";
  /** How the network's scores become probabilities of being right ({@link Calibration}). */
  public static final String CALIBRATION = "calibration.json";
  /** The pretrained word vectors, for a model that has them. */
  public static final String VECTORS = "vectors.bin";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelFiles() {}

  /** True if {@code dir} looks like a complete saved model (used to skip training). */
  public static boolean isComplete(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG)) && Files.isRegularFile(dir.resolve(WEIGHTS))
        && Files.isRegularFile(dir.resolve(TRAINING));
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
      throw new IOException("model at " + dir + " was calibrated on other signals (" + c.signals()
          + "): retrain it with ./memqa train");
    }
    return c;
  }

  /** Reads and checks the config of the model in {@code dir}. */
  public static ReaderConfig readConfig(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("no model at " + dir + ": train one with ./memqa train");
    }
    Path config = dir.resolve(CONFIG);
    Path weights = dir.resolve(WEIGHTS);
    if (!Files.isRegularFile(config) || !Files.isRegularFile(weights)) {
      throw new IOException("model at " + dir + " is incomplete: it needs " + CONFIG + " and " + WEIGHTS);
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
              + ReaderConfig.FORMAT_VERSION + ": retrain it with ./memqa train");
    }
    return c;
  }

  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
