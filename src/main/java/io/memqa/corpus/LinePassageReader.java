package io.memqa.corpus;

import io.memqa.util.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Base for formats with one passage per line; subclasses parse a single line. A file whose name
 * ends in ".gz" is read through gzip (DPR ships psgs_w100.tsv.gz); progress counts its compressed
 * bytes.
 */
abstract class LinePassageReader implements PassageReader {
  private final Path file;
  private final boolean skipBad;
  private final CountingInputStream counter;
  private final InputStream in;
  // Lines are split as bytes and decoded one by one, so that malformed UTF-8 is an error of its
  // own line (reported or skipped), not of the buffer that happened to contain it.
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[1 << 12];
  private long lineNumber;
  private long skipped;
  private Passage pending;
  private boolean done;

  LinePassageReader(Path file, boolean skipBad) throws IOException {
    this.file = file;
    this.skipBad = skipBad;
    this.counter = new CountingInputStream(Files.newInputStream(file));
    try {
      this.in = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
          ? new GZIPInputStream(counter, 1 << 16) : counter;
    } catch (IOException e) {
      counter.close();
      throw new IOException(file + " is not a gzip file: " + e.getMessage(), e);
    }
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
      int length;
      try {
        length = readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      if (length < 0) {
        done = true;
        break;
      }
      lineNumber++;
      try {
        String text = decode(length);
        if (!text.isBlank()) {
          pending = parse(text, lineNumber);
        }
      } catch (CorpusException e) {
        if (!skipBad) {
          throw e;
        }
        skipped++;
      }
    }
    return pending != null;
  }

  /** Reads the next line into {@code line} without "\n" or "\r\n"; its length, or -1 at the end. */
  private int readLine() throws IOException {
    int n = 0;
    while (true) {
      if (pos == limit) {
        int r = in.read(chunk, 0, chunk.length);
        if (r <= 0) {
          return n > 0 ? withoutCr(n) : -1;
        }
        pos = 0;
        limit = r;
      }
      int start = pos;
      while (pos < limit && chunk[pos] != '\n') {
        pos++;
      }
      int len = pos - start;
      if (n + len > line.length) {
        line = Arrays.copyOf(line, Math.max(2 * line.length, n + len));
      }
      System.arraycopy(chunk, start, line, n, len);
      n += len;
      if (pos < limit) {
        pos++;
        return withoutCr(n);
      }
    }
  }

  private int withoutCr(int n) {
    return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
  }

  private String decode(int length) {
    try {
      return utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new CorpusException(file, lineNumber, "not valid UTF-8", e);
    }
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
