package io.memqa.server;

import io.memqa.data.Datasets;
import io.memqa.index.IndexStats;
import io.memqa.reader.ModelFiles;
import io.memqa.reader.Reader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The checks quickstart makes to skip a step whose output already exists and is sound. */
public final class Quickstart {
  private Quickstart() {}

  /**
   * Why the index in {@code dir} must be (re)built from {@code corpus}, or empty when it was built
   * from exactly these files (and holds passage vectors, if {@code dense} is asked for).
   */
  public static Optional<String> staleIndex(Path dir, List<Path> corpus, boolean dense) {
    IndexStats stats;
    try {
      stats = IndexStats.read(dir);
    } catch (IOException | RuntimeException e) {
      return Optional.of("no usable index at " + dir);
    }
    try {
      if (!Datasets.combinedChecksum(corpus).equals(stats.corpusSha256())) {
        return Optional.of("the index at " + dir + " was built from other files");
      }
    } catch (IOException e) {
      return Optional.of("cannot read the corpus: " + e.getMessage());
    }
    if (dense && !stats.dense()) {
      return Optional.of("the index at " + dir + " has no passage vectors (for hybrid retrieval)");
    }
    return Optional.empty();
  }

  /** Why the model in {@code dir} must be trained, or empty when it is complete and loads. */
  public static Optional<String> unusableModel(Path dir) {
    if (!ModelFiles.isComplete(dir)) {
      return Optional.of("no complete model at " + dir);
    }
    try (Reader r = Reader.load(dir)) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      String m = String.valueOf(e.getMessage());
      return Optional.of(m.lines().findFirst().orElse(m));
    }
  }
}
