package io.memqa.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test fixture files under src/test/resources, and small files written by tests. */
public final class Fixtures {
  /** Ten passages (JSON lines), one per topic; one has an id with odd characters. */
  public static final String PASSAGES = "corpus/passages.jsonl";

  /** The id of the passage in {@link #PASSAGES} with quotes, a colon, a slash and a non-ASCII letter. */
  public static final String ODD_ID = "Q&A: \"odd\" id/ü 1";

  /** A DPR passage TSV with a header and three rows, two of them quoted. */
  public static final String DPR_TSV = "corpus/psgs.tsv";

  /** A SQuAD v1.1 file: two articles, four paragraphs, seven questions. */
  public static final String SQUAD_DEV = "squad/dev-mini.json";

  private Fixtures() {}

  public static Path resource(String name) {
    URL url = Fixtures.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes UTF-8 text to {@code file}, creating its directory. */
  public static Path write(Path file, String content) {
    return writeBytes(file, content.getBytes(StandardCharsets.UTF_8));
  }

  public static Path writeBytes(Path file, byte[] content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
