package io.memqa.cli;

import io.memqa.corpus.CorpusFormat;
import io.memqa.corpus.PassageReader;
import io.memqa.data.Datasets;
import io.memqa.index.Analyzers;
import io.memqa.index.IndexBuilder;
import io.memqa.index.IndexStats;
import io.memqa.index.PassageVectors;
import io.memqa.index.VectorFormat;
import io.memqa.encoder.KnownEncoder;
import io.memqa.encoder.PretrainedEncoder;
import java.io.IOException;
import io.memqa.util.MemqaHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Builds a Lucene BM25 index of passages, with dense passage vectors when asked. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Build a BM25 passage index from a dataset or a corpus file, with a dense",
      "vector per passage for dense and hybrid retrieval (--dense; on by default",
      "for the bundled datasets, off for --corpus files).",
      "The index is built in a temporary directory and swapped in only when complete."
    })
final class IndexCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true)
  Input input = new Input();

  static final class Input {
    @Option(names = "--dataset", paramLabel = "NAME", description = "a fetched corpus by name (default: squad)")
    String dataset;

    @Option(names = "--corpus", paramLabel = "FILE", description = "a corpus file (see --format)")
    Path corpus;
  }

  @Option(names = "--format", paramLabel = "FORMAT", description = "corpus file format: squad, jsonl or dpr-tsv (default: from the file name)")
  String format;

  @Option(names = "--out", paramLabel = "DIR", description = "index directory (default: index/<dataset>)")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "indexing threads (default: all cores)")
  Integer threads;

  @Option(names = "--analyzer", paramLabel = "NAME", defaultValue = "english", description = "english (Porter stemming, stop words) or standard (default: ${DEFAULT-VALUE})")
  String analyzer;

  @Option(names = "--skip-bad", description = "skip and count malformed records instead of stopping at the first")
  boolean skipBad;

  @Option(names = "--no-merge", description = "leave several segments (faster build, slightly slower search)")
  boolean noMerge;

  @Option(names = "--ram-mb", paramLabel = "MB", defaultValue = "256", description = "indexing RAM buffer (default: ${DEFAULT-VALUE})")
  int ramMb;

  @Option(names = "--dense", negatable = true, description = "also store a vector per passage for --retriever dense|hybrid (default: on for --dataset, off for --corpus)")
  Boolean dense;

  @Option(names = "--encoder", paramLabel = "NAME", description = "passage encoder with --dense: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  KnownEncoder encoder = PassageVectors.DEFAULT_ENCODER;

  @Option(names = "--vector-format", paramLabel = "FORMAT", description = "vector storage with --dense: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  VectorFormat vectorFormat = PassageVectors.DEFAULT_FORMAT;

  @Override
  public Integer call() throws Exception {
    IndexBuilder.Options defaults = IndexBuilder.Options.defaults();
    IndexBuilder.Options options =
        new IndexBuilder.Options(
            Analyzers.parse(analyzer), threads == null ? defaults.threads() : threads, ramMb, !noMerge);
    IndexStats stats;
    if (input.corpus != null) {
      Path file = input.corpus;
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("corpus file not found: " + file);
      }
      CorpusFormat f = format == null ? CorpusFormat.guess(file) : CorpusFormat.parse(format);
      Path target = out != null ? out : MemqaHome.indexes().resolve(stem(file));
      IndexBuilder.Source source =
          new IndexBuilder.Source(f.cliName(), List.of(file), Datasets.combinedChecksum(List.of(file)), Files.size(file));
      try (PassageReader reader = f.open(file, skipBad)) {
        stats = build(options, dense != null && dense, reader, source, target);
      }
      report(stats, target);
    } else {
      if (format != null) {
        throw new IllegalArgumentException("--format goes with --corpus");
      }
      String name = input.dataset == null ? "squad" : input.dataset;
      Datasets datasets = Datasets.local();
      List<Path> files = datasets.corpusFiles(name);
      long bytes = 0;
      for (Path p : files) {
        bytes += Files.size(p);
      }
      Path target = out != null ? out : MemqaHome.indexes().resolve(name);
      IndexBuilder.Source source =
          new IndexBuilder.Source(datasets.corpusFormat(name).cliName(), files, Datasets.combinedChecksum(files), bytes);
      try (PassageReader reader = datasets.openCorpus(name, skipBad)) {
        stats = build(options, dense == null || dense, reader, source, target);
      }
      report(stats, target);
    }
    return 0;
  }

  private IndexStats build(IndexBuilder.Options options, boolean withVectors, PassageReader reader,
      IndexBuilder.Source source, Path target) throws IOException {
    if (!withVectors) {
      return new IndexBuilder(options).build(reader, source, target);
    }
    try (PretrainedEncoder e = PretrainedEncoder.open(encoder, 1)) {
      return new IndexBuilder(options, new PassageVectors(e, vectorFormat)).build(reader, source, target);
    }
  }

  private static String stem(Path file) {
    String n = file.getFileName().toString();
    int dot = n.indexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  private static void report(IndexStats s, Path target) {
    System.out.printf(
        "indexed %,d passages in %.1f s (%,.0f passages/s, %d threads%s)%s -> %s%n",
        s.documents(),
        s.buildSeconds(),
        s.documents() / Math.max(s.buildSeconds(), 1e-9),
        s.threads(),
        s.dense() ? ", vectors by " + s.vectors().encoder().encoder() + " as " + s.vectors().format() : "",
        s.skipped() > 0 ? String.format(", skipped %,d malformed records", s.skipped()) : "",
        target);
  }
}
