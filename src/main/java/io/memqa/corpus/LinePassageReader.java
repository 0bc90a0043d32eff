package io.memqa.corpus;

import io.memqa.util.CountingInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/** Base for formats with one passage per line; subclasses parse a single line. */
abstract class LinePassageReader implements PassageReader {
  private final Path file;
  private final boolean skipBad;
  private final CountingInputStream counter;
  private final BufferedReader in;
  private long lineNumber;
  private long skipped;
  private Passage pending;
  private boolean done;

  LinePassageReader(Path file, boolean skipBad) throws IOException {
    this.file = file;
    this.skipBad = skipBad;
    this.counter = new CountingInputStream(Files.newInputStream(file));
    // Malformed UTF-8 must surface as an error for the line, not as silent replacement text.
    this.in =
        new BufferedReader(
            new InputStreamReader(
                counter,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            1 << 16);
  }

  /** Parses one non-blank line; returns null for a line that is not a record (a header). */
  abstract Passage parse(String line, long lineNumber);

  Path file() {
    return file;
  }

  CorpusException bad(long line, String reason) {
    return new CorpusException(file, line, reason);
  }

  @Override
  public boolean hasNext() {
    while (pending == null && !done) {
      String line;
      try {
        line = in.readLine();
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new CorpusException(file, lineNumber + 1, "not valid UTF-8", e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      if (line == null) {
        done = true;
        break;
      }
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        pending = parse(line, lineNumber);
      } catch (CorpusException e) {
        if (!skipBad) {
          throw e;
        }
        skipped++;
      }
    }
    return pending != null;
  }

  @Override
  public Passage next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Passage p = pending;
    pending = null;
    return p;
  }

  @Override
  public long skipped() {
    return skipped;
  }

  @Override
  public long bytesRead() {
    return counter.count();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
