package io.memqa.reader;

import ai.djl.ndarray.NDManager;
import io.memqa.memory.MemoryBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fits a trained model's {@link Calibration} again, on held-out training questions read through
 * today's retriever (a new index or retrieval mode changes what the network sees, and so how far
 * its scores can be trusted), and saves it with the model.
 */
public final class Calibrator {
  /**
   * What a fit achieved on the held-out questions: the answers' EM and F1 read from the gold
   * paragraph (closed) and from retrieved passages (open), open-setting ECE in sample and across
   * halves (fitted on one half, measured on the other), and the share of memories without the
   * question's article whose answer still looked confident.
   */
  public record Report(int memories, double closedEm, double closedF1, double openEm, double openF1, double openEce,
      double crossValidatedOpenEce, double unanswerableConfident, Calibration calibration) {}

  private Calibrator() {}

  /**
   * Fits on {@code heldOut} with the model in {@code modelDir}, its memories read as {@code
   * selection} picks their segments (recorded in the calibration); writes nothing.
   */
  public static Report fit(Path modelDir, List<TrainingSet.Item> heldOut, SegmentSelection selection)
      throws IOException {
    try (Reader reader = Reader.load(modelDir, false); NDManager root = NDManager.newBaseManager()) {
      MemoryBuilder builder = reader.memoryBuilder();
      Validation.Result v = new Validation(reader.net(), reader.featurizer(), builder, selection).run(heldOut, root);
      Calibration c = v.calibration();
      Validation.Calibrated figures = v.evaluate(c);
      Validation.Scores s = v.scores();
      return new Report(v.questions().size(), s.closedEm(), s.closedF1(), s.openEm(), s.openF1(), figures.openEce(),
          v.crossValidatedOpenEce(), figures.unanswerableConfident(), c);
    }
  }

  /** Replaces the model's calibration (and its manifest, so that it still loads). */
  public static void save(Path modelDir, Calibration calibration) throws IOException {
    io.memqa.util.AtomicFiles.writeString(modelDir.resolve(ModelFiles.CALIBRATION),
        ModelFiles.JSON.writeValueAsString(calibration));
    ModelFiles.writeManifest(modelDir);
  }
}
