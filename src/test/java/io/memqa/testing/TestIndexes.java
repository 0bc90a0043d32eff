package io.memqa.testing;

import io.memqa.corpus.CorpusFormat;
import io.memqa.corpus.PassageReader;
import io.memqa.index.Analyzers;
import io.memqa.index.IndexBuilder;
import io.memqa.index.IndexStats;
import io.memqa.index.PassageVectors;
import io.memqa.index.VectorFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Builds small indexes for tests. */
public final class TestIndexes {
  private TestIndexes() {}

  public static IndexBuilder builder(Analyzers analyzer) {
    return new IndexBuilder(new IndexBuilder.Options(analyzer, 2, 16, true));
  }

  /** Indexes a corpus file (format from its name) into {@code target} with the English analyzer. */
  public static IndexStats build(Path corpus, Path target) throws IOException {
    return build(corpus, target, Analyzers.ENGLISH);
  }

  /** Indexes a corpus file with passage vectors (default windows) by the shared int8 MiniLM ({@link TestEncoders#small()}). */
  public static IndexStats buildDense(Path corpus, Path target, VectorFormat format) throws IOException {
    return buildDense(corpus, target, format, PassageVectors.DEFAULT_WINDOW_WORDS);
  }

  /** The same with windows of {@code windowWords} (0: one vector per whole passage, on its own document). */
  public static IndexStats buildDense(Path corpus, Path target, VectorFormat format, int windowWords) throws IOException {
    CorpusFormat cf = CorpusFormat.guess(corpus);
    try (PassageReader reader = cf.open(corpus, false)) {
      return new IndexBuilder(new IndexBuilder.Options(Analyzers.ENGLISH, 2, 16, true),
          new PassageVectors(TestEncoders.small(), format, windowWords)).build(reader, source(cf, corpus), target);
    }
  }

  public static IndexStats build(Path corpus, Path target, Analyzers analyzer) throws IOException {
    CorpusFormat format = CorpusFormat.guess(corpus);
    try (PassageReader reader = format.open(corpus, false)) {
      return builder(analyzer).build(reader, source(format, corpus), target);
    }
  }

  public static IndexBuilder.Source source(CorpusFormat format, Path corpus) throws IOException {
    return new IndexBuilder.Source(format.cliName(), List.of(corpus), "test", Files.size(corpus));
  }

  /** The names of the other entries in {@code target}'s directory (temporary or old copies). */
  public static List<String> siblings(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    try (Stream<Path> s = Files.list(abs.getParent())) {
      return s.filter(p -> !p.equals(abs)).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
