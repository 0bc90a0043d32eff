package io.memqa.index;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memqa.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What an index holds and how it was built; written as {@code index-stats.json} inside it.
 * {@code vectors} describes the passage vectors of a dense index (encoder identity and storage
 * format), and is null for a BM25-only index.
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
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path indexDir) throws IOException {
    AtomicFiles.writeString(indexDir.resolve(FILE_NAME), JSON.writeValueAsString(this) + "\n");
  }

  public static IndexStats read(Path indexDir) throws IOException {
    Path f = indexDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(f)) {
      throw new IOException(
          indexDir + " is not a memqa index (no " + FILE_NAME + "); build one with ./memqa index");
    }
    return JSON.readValue(f.toFile(), IndexStats.class);
  }
}
