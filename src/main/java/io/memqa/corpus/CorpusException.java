package io.memqa.corpus;

import java.nio.file.Path;

/** A corpus record that cannot be read, with the file and line it came from. */
public class CorpusException extends RuntimeException {
  private final Path file;
  private final long line;

  public CorpusException(Path file, long line, String reason) {
    this(file, line, reason, null);
  }

  public CorpusException(Path file, long line, String reason, Throwable cause) {
    super(file + ":" + line + ": " + reason, cause);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  public long line() {
    return line;
  }
}
