package io.memqa.eval;

import io.memqa.eval.AnswerEvaluation.Row;
import io.memqa.util.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a run's predictions.jsonl, passing over lines that cannot be read (a run killed mid-line). */
public final class PredictionsFile {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionsFile.class);

  private PredictionsFile() {}

  /** The readable rows of {@code file}, in order; each unreadable line is logged with its number. */
  public static List<Row> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no " + AnswerEvaluation.PREDICTIONS + " at " + file.toAbsolutePath().getParent());
    }
    List<Row> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long line = 0;
      for (String s = in.readLine(); s != null; s = in.readLine()) {
        line++;
        if (s.isBlank()) {
          continue;
        }
        try {
          Row r = AnswerEvaluation.JSON.readValue(s, Row.class);
          if (r.id() == null || r.passages() == null || r.references() == null) {
            throw new IOException("missing id, references or passages");
          }
          rows.add(r);
        } catch (IOException e) {
          LOG.warn("skipping unreadable row at {}:{} (a run stopped mid-line?): {}", file, line,
              e.getMessage().lines().findFirst().orElse(""));
        }
      }
    }
    return rows;
  }

  /**
   * The rows to keep when resuming: the readable ones that did not fail. The file is rewritten to
   * hold exactly those, so the questions of the others are answered again and appended.
   */
  public static List<Row> keepAnswered(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new ArrayList<>();
    }
    List<Row> kept = new ArrayList<>(read(file).stream().filter(r -> r.error() == null).toList());
    StringBuilder text = new StringBuilder();
    for (Row r : kept) {
      text.append(AnswerEvaluation.JSON.writeValueAsString(r)).append('\n');
    }
    AtomicFiles.writeString(file, text.toString());
    return kept;
  }
}
