package io.memqa.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole corpus file for a test. */
record ReadAll(List<Passage> passages, long skipped) {
  static ReadAll of(CorpusFormat format, Path file, boolean skipBad) throws IOException {
    try (PassageReader r = format.open(file, skipBad)) {
      List<Passage> all = new ArrayList<>();
      r.forEach(all::add);
      return new ReadAll(all, r.skipped());
    }
  }

  List<String> ids() {
    return passages.stream().map(Passage::id).toList();
  }
}
