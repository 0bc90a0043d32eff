package io.memqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.reader.Calibrator;
import io.memqa.reader.ModelFiles;
import io.memqa.reader.SegmentSelection;
import io.memqa.reader.TrainOptions;
import io.memqa.reader.TrainingSet;
import io.memqa.retrieve.Retriever;
import io.memqa.util.BadInputException;
import io.memqa.util.MemqaHome;
import io.memqa.util.OutputLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Fits a trained model's calibration again, through today's retriever. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
      "Fit a trained model's confidence again, through the retriever given here.",
      "Refits how the model's scores become probabilities of being right, on the held-out",
      "training articles it was not trained on (train does this too; rerun it after changing",
      "the index or the retrieval mode, or when a model calibrated by an older memqa is refused)."
    })
final class CalibrateCommand implements Callable<Integer> {
  @Mixin RetrieverOptions retrieval;

  @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: models/squad)")
  Path model;

  @Option(names = "--dataset", paramLabel = "NAME|FILE", defaultValue = "squad-train",
      description = "the SQuAD-format questions the model was trained on (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--segments", paramLabel = "N",
      description = "read each memory's N most promising passage segments, 0 for all; the calibration records N and "
          + "the reader keeps it (default: ${DEFAULT-VALUE})")
  int segments = SegmentSelection.DEFAULT_SEGMENTS;

  @Override
  public Integer call() throws Exception {
    SegmentSelection selection = selection(segments);
    Path modelDir = MemqaHome.model(model);
    ModelFiles.verify(modelDir);
    TrainOptions options = trainedWith(modelDir);
    TrainingQuestions training = TrainingQuestions.load(dataset);
    try (OutputLock lock = OutputLock.acquire(modelDir); Retriever retriever = retrieval.source().open()) {
      int k = io.memqa.reader.Reader.passagesOf(modelDir);
      TrainingSet held = TrainingSet.heldOutOnly(training.questions(), training.paragraphs(), retriever, k, options);
      Calibrator.Report r = Calibrator.fit(modelDir, held.heldOut(), selection);
      Calibrator.save(modelDir, r.calibration());
      System.out.printf("calibrated on %,d held-out memories (%,d questions): closed EM / F1 %.2f / %.2f, open EM / F1 "
          + "%.2f / %.2f (%s), open ECE %.3f in sample, %.3f across halves (against F1 credit); memories without the question's "
          + "article answered confidently: %.1f%%%n", r.memories(), held.heldOut().size(), r.closedEm(), r.closedF1(),
          r.openEm(), r.openF1(), selection.readsAll() ? "every segment" : "at most " + segments + " segments a memory",
          r.openEce(), r.crossValidatedOpenEce(), r.unanswerableConfident());
    }
    return 0;
  }

  private static SegmentSelection selection(int segments) {
    try {
      return new SegmentSelection(segments);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--segments: " + e.getMessage());
    }
  }

  /** The held-out split the model was trained with (recorded in training.json), so that nothing it saw is used. */
  private static TrainOptions trainedWith(Path modelDir) throws java.io.IOException {
    Path file = modelDir.resolve(ModelFiles.TRAINING);
    if (Files.isRegularFile(file)) {
      JsonNode options = new ObjectMapper().readTree(file.toFile()).path("options");
      if (!options.isMissingNode()) {
        return new ObjectMapper().treeToValue(options, TrainOptions.class);
      }
    }
    return TrainOptions.defaults();
  }
}
