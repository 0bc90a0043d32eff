package io.memqa.corpus;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;

/** Reads whole documents from another reader and hands them on as passages of about N words. */
final class SplittingPassageReader implements PassageReader {
  private final PassageReader documents;
  private final PassageSplitter splitter;
  private final Deque<Passage> pending = new ArrayDeque<>();

  SplittingPassageReader(PassageReader documents, PassageSplitter splitter) {
    this.documents = documents;
    this.splitter = splitter;
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && documents.hasNext()) {
      pending.addAll(splitter.split(documents.next()));
    }
    return !pending.isEmpty();
  }

  @Override
  public Passage next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.removeFirst();
  }

  @Override
  public long skipped() {
    return documents.skipped();
  }

  @Override
  public long bytesRead() {
    return documents.bytesRead();
  }

  @Override
  public void close() throws IOException {
    documents.close();
  }
}
