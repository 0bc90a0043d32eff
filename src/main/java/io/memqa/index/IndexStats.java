package io.memqa.index;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memqa.util.AtomicFiles;
import io.memqa.util.BadInputException;
import io.memqa.util.OutputTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What an index holds and how it was built; written as {@code index-stats.json} inside it.
 * {@code vectors} describes the passage vectors of a dense index (encoder identity, storage format
 * and window size), and is null for a BM25-only index.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexStats(
    long documents,
    long skipped,
    double buildSeconds,
    String analyzer,
    String format,
    List<String> corpusFiles,
    String corpusSha256,
    String createdAt,
    int threads,
    PassageVectors.Stats vectors) {

  /** A BM25-only index. */
  public IndexStats(
      long documents, long skipped, double buildSeconds, String analyzer, String format, List<String> corpusFiles,
      String corpusSha256, String createdAt, int threads) {
    this(documents, skipped, buildSeconds, analyzer, format, corpusFiles, corpusSha256, createdAt, threads, null);
  }

  /** Whether the index holds passage vectors for dense retrieval. */
  public boolean dense() {
    return vectors != null;
  }

  public static final String FILE_NAME = "index-stats.json";

  /** What an index directory is, for refusing to build one over anything else. */
  public static final OutputTarget OUTPUT = OutputTarget.directory("memqa index", FILE_NAME);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The record of a build that started at {@code startNanos} (System.nanoTime) and just finished. */
  static IndexStats of(long documents, long skipped, long startNanos, Analyzers analyzer, IndexBuilder.Source source,
      int threads, PassageVectors.Stats vectors) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return new IndexStats(documents, skipped, Math.round(seconds * 1000) / 1000.0, analyzer.id(), source.format(),
        source.files().stream().map(p -> p.toAbsolutePath().toString()).toList(), source.sha256(),
        Instant.now().toString(), threads, vectors);
  }

  public void write(Path indexDir) throws IOException {
    AtomicFiles.writeString(indexDir.resolve(FILE_NAME), JSON.writeValueAsString(this) + "\n");
  }

  public static IndexStats read(Path indexDir) throws IOException {
    Path f = indexDir.resolve(FILE_NAME);
    if (!Files.exists(indexDir)) {
      throw new BadInputException("no index at " + indexDir + ": build one with ./memqa index --out " + indexDir
          + " (or give --index DIR)");
    }
    if (!Files.isRegularFile(f)) {
      throw new BadInputException(
          indexDir + " is not a memqa index (no " + FILE_NAME + "): build one with ./memqa index, or give --index DIR");
    }
    return JSON.readValue(f.toFile(), IndexStats.class);
  }
}
