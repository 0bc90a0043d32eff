package io.memqa.corpus;

import java.io.Closeable;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * A streaming reader of passages: one record at a time, never the whole corpus in memory. A bad
 * record throws {@link CorpusException} naming file and line, unless the reader was opened to
 * skip bad records, in which case it is counted in {@link #skipped()}.
 */
public interface PassageReader extends Iterator<Passage>, Closeable {
  /** Records skipped as malformed so far (always 0 unless skipping was asked for). */
  long skipped();

  /** Bytes consumed so far, for progress over files of known size. */
  long bytesRead();

  /** Calls {@code action} for every remaining passage. */
  default void forEach(Consumer<? super Passage> action) {
    forEachRemaining(action);
  }
}
