package io.memqa.corpus;

import java.io.IOException;
import java.nio.file.Path;

/** SQuAD v1.1 JSON as a passage source: one passage per paragraph, title kept. */
final class SquadPassageReader implements PassageReader {
  private final SquadFile squad;

  SquadPassageReader(Path file, boolean skipBad) throws IOException {
    this.squad = new SquadFile(file, skipBad);
  }

  @Override
  public boolean hasNext() {
    return squad.hasNext();
  }

  @Override
  public Passage next() {
    return squad.next().passage();
  }

  @Override
  public long skipped() {
    return squad.skipped();
  }

  @Override
  public long bytesRead() {
    return squad.bytesRead();
  }

  @Override
  public void close() throws IOException {
    squad.close();
  }
}
