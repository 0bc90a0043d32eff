package io.memqa.integration;

import io.memqa.corpus.PassageReader;
import io.memqa.data.DatasetFetcher;
import io.memqa.data.DatasetFetcher.FileResult;
import io.memqa.data.Datasets;
import io.memqa.data.Manifest;
import io.memqa.index.Analyzers;
import io.memqa.index.IndexBuilder;
import io.memqa.index.IndexStats;
import io.memqa.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * SQuAD v1.1 fetched from the local dataset mirror and indexed (all 20,963 paragraphs), once per
 * test JVM, for the integration tests; absent when the mirror is.
 */
final class SquadData {
  final Path dir;
  final Datasets datasets;
  final List<FileResult> fetched;
  final IndexStats stats;
  final Path mirror;

  private static SquadData instance;

  private SquadData(Path dir, Path mirror) throws IOException {
    this.dir = dir;
    this.mirror = mirror;
    Path data = dir.resolve("data");
    fetched = new DatasetFetcher(Manifest.bundled(), data, mirror).fetch("squad");
    datasets = new Datasets(Manifest.bundled(), data);
    try (PassageReader passages = datasets.openCorpus("squad", false)) {
      stats = new IndexBuilder(new IndexBuilder.Options(Analyzers.ENGLISH, 2, 128, true)).build(passages, source(), index());
    }
  }

  static Path mirror() {
    return Path.of(System.getProperty("memqa.datasets", "../shared/datasets"));
  }

  static boolean present() {
    return Files.isDirectory(mirror().resolve("squad"));
  }

  /** The fetched and indexed data, or null without the mirror. */
  static synchronized SquadData get() throws IOException {
    if (instance == null && present()) {
      Path dir = Files.createTempDirectory("memqa-squad-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          AtomicFiles.deleteRecursively(dir);
        } catch (IOException e) {
          // a temporary directory left behind is harmless
        }
      }));
      instance = new SquadData(dir, mirror());
    }
    return instance;
  }

  Path index() {
    return dir.resolve("index");
  }

  /** The corpus files, for building another index of them. */
  IndexBuilder.Source source() throws IOException {
    List<Path> files = datasets.corpusFiles("squad");
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    return new IndexBuilder.Source("squad", files, Datasets.combinedChecksum(files), bytes);
  }
}
