package io.memqa.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memqa.util.AtomicFiles;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a run directory was started with (run.json): a resumed run must answer the same way,
 * otherwise old and new rows would be scored as one run.
 */
public final class RunSettings {
  public static final String FILE = "run.json";

  private RunSettings() {}

  /**
   * Prepares {@code outDir} for a run. An existing run is continued only with {@code resume} and
   * only with the same settings; {@code overwrite} starts it again. Returns whether to resume.
   */
  public static boolean prepare(Path outDir, Map<String, Object> settings, boolean resume, boolean overwrite)
      throws IOException {
    if (resume && overwrite) {
      throw new BadInputException("--resume and --overwrite exclude each other");
    }
    RunOutputs.OUTPUT.check(outDir);
    Path predictions = outDir.resolve(AnswerEvaluation.PREDICTIONS);
    boolean exists = Files.exists(predictions);
    if (exists && !resume && !overwrite) {
      throw new BadInputException(outDir + " already holds a run: add --resume to continue it "
          + "(answered questions are skipped) or --overwrite to start again");
    }
    if (exists && resume) {
      Map<String, Object> before = read(outDir);
      if (before != null && !before.equals(json(settings))) {
        throw new BadInputException(outDir + " was run with other settings (" + differences(before, json(settings))
            + "): use another --out, or --overwrite");
      }
    }
    Files.createDirectories(outDir);
    AtomicFiles.writeString(outDir.resolve(FILE),
        AnswerEvaluation.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(settings) + "\n");
    return exists && resume;
  }

  private static Map<String, Object> read(Path outDir) throws IOException {
    Path f = outDir.resolve(FILE);
    return Files.isRegularFile(f) ? AnswerEvaluation.JSON.readValue(f.toFile(), new TypeReference<>() {}) : null;
  }

  /** The settings as they read back from JSON, so that numbers compare equal. */
  private static Map<String, Object> json(Map<String, Object> settings) throws IOException {
    return AnswerEvaluation.JSON.readValue(AnswerEvaluation.JSON.writeValueAsString(settings), new TypeReference<>() {});
  }

  private static String differences(Map<String, Object> a, Map<String, Object> b) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      if (!java.util.Objects.equals(a.get(k), b.get(k))) {
        out.add(k + ": " + a.get(k) + " then, " + b.get(k) + " now");
      }
    }
    return String.join("; ", out);
  }
}
