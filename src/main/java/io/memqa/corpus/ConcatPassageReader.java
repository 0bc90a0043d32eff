package io.memqa.corpus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** Reads several passage sources one after the other (a corpus split over files). */
public final class ConcatPassageReader implements PassageReader {
  private final List<PassageReader> readers;
  private int current;

  public ConcatPassageReader(List<PassageReader> readers) {
    this.readers = new ArrayList<>(readers);
  }

  @Override
  public boolean hasNext() {
    while (current < readers.size()) {
      if (readers.get(current).hasNext()) {
        return true;
      }
      current++;
    }
    return false;
  }

  @Override
  public Passage next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return readers.get(current).next();
  }

  @Override
  public long skipped() {
    return readers.stream().mapToLong(PassageReader::skipped).sum();
  }

  @Override
  public long bytesRead() {
    return readers.stream().mapToLong(PassageReader::bytesRead).sum();
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (PassageReader r : readers) {
      try {
        r.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
