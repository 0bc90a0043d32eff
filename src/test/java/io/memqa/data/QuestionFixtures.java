package io.memqa.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for the question reader tests: fixture paths, reading, and log capture. */
final class QuestionFixtures {
  private QuestionFixtures() {}

  static Path fixture(String name) {
    try {
      return Path.of(QuestionFixtures.class.getResource("/questions/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** All questions of a file plus how many records were skipped. */
  record Read(List<Question> questions, long skipped, String log) {}

  static Read read(QuestionFormat format, Path file) throws IOException {
    List<Question> questions = new ArrayList<>();
    long[] skipped = new long[1];
    String log =
        captureStderr(
            () -> {
              try (QuestionReader r = format.open(file)) {
                r.forEachRemaining(questions::add);
                skipped[0] = r.skipped();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return new Read(questions, skipped[0], log);
  }

  static Read read(QuestionFormat format, String fixture) throws IOException {
    return read(format, fixture(fixture));
  }

  /** slf4j-simple writes warnings to the current System.err, so swapping it captures them. */
  private static String captureStderr(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    String log = buffer.toString(StandardCharsets.UTF_8);
    original.print(log);
    return log;
  }
}
