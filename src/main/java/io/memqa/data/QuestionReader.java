package io.memqa.data;

import java.io.Closeable;
import java.util.Iterator;

/**
 * Streams the questions of one file. A malformed record is reported (file and line) and skipped,
 * never aborting a long run; {@link #skipped()} counts them.
 */
public interface QuestionReader extends Iterator<Question>, Closeable {
  long skipped();
}
