package io.memqa.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base for question formats with one question per line. A line that cannot be read (bad UTF-8,
 * wrong shape) is logged with file:line and why, counted in {@link #skipped()} and passed over;
 * blank lines are ignored.
 */
abstract class LineQuestionReader implements QuestionReader {
  private static final Logger LOG = LoggerFactory.getLogger(LineQuestionReader.class);
  /** The file, or the bundled resource, for messages: "data/x.jsonl" or "memqa:questions/x.jsonl". */
  private final String where;
  private final String stem;
  private final InputStream in;
  // Lines are decoded one at a time so that bad UTF-8 costs only its own line.
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(256);
  private long lineNumber;
  private long skipped;
  private Question pending;
  private boolean done;

  LineQuestionReader(Path file) throws IOException {
    this(open(file), file.toString(), file.getFileName().toString());
  }

  /** Reads {@code in} (closed with this reader); {@code where} names it in messages. */
  LineQuestionReader(InputStream in, String where, String fileName) {
    this.where = where;
    int dot = fileName.lastIndexOf('.');
    this.stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    this.in = new BufferedInputStream(in, 1 << 16);
  }

  private static InputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("question file not found: " + file);
    }
    return Files.newInputStream(file);
  }

  /** Parses one non-blank line into a question, or throws {@link BadRecord}. */
  abstract Question parse(String line, long lineNumber);

  /** Why a line is not a usable question. */
  static final class BadRecord extends RuntimeException {
    BadRecord(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A stable id from the file name and line: "NQ-open.dev-12". */
  String lineId(long line) {
    return stem + "-" + line;
  }

  String source(long line) {
    return where + ":" + line;
  }

  /** Regex answers must compile the way the evaluation compiles them. */
  static void checkRegexes(List<String> patterns) {
    for (String p : patterns) {
      try {
        Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      } catch (PatternSyntaxException e) {
        throw new BadRecord("answer is not a valid regular expression: " + e.getDescription() + " in " + p);
      }
    }
  }

  static void requireText(String question) {
    if (question == null || question.isBlank()) {
      throw new BadRecord("empty question");
    }
  }

  static void requireAnswers(List<String> answers) {
    if (answers.isEmpty()) {
      throw new BadRecord("no answers");
    }
  }

  @Override
  public boolean hasNext() {
    while (pending == null && !done) {
      String line;
      try {
        line = readLine();
      } catch (CharacterCodingException e) {
        skip(lineNumber, "not valid UTF-8");
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + where, e);
      }
      if (line == null) {
        done = true;
      } else if (!line.isBlank()) {
        try {
          pending = parse(line, lineNumber);
        } catch (BadRecord e) {
          skip(lineNumber, e.getMessage());
        }
      }
    }
    return pending != null;
  }

  private void skip(long line, String why) {
    skipped++;
    LOG.warn("skipping bad question at {}: {}", source(line), why);
  }

  /** The next line without its terminator (\n or \r\n), or null at the end of the file. */
  private String readLine() throws IOException {
    lineBytes.reset();
    int b = in.read();
    if (b < 0) {
      return null;
    }
    lineNumber++;
    while (b >= 0 && b != '\n') {
      lineBytes.write(b);
      b = in.read();
    }
    byte[] bytes = lineBytes.toByteArray();
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    String line = utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    return lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  @Override
  public Question next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Question q = pending;
    pending = null;
    return q;
  }

  @Override
  public long skipped() {
    return skipped;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
