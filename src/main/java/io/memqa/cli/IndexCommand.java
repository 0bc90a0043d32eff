package io.memqa.cli;

import io.memqa.corpus.CorpusFormat;
import io.memqa.corpus.PassageReader;
import io.memqa.corpus.PassageSplitter;
import io.memqa.data.Datasets;
import io.memqa.index.Analyzers;
import io.memqa.index.IndexBuilder;
import io.memqa.index.IndexStats;
import io.memqa.index.OpenSearchIndexer;
import io.memqa.index.OpenSearchTarget;
import io.memqa.index.PassageVectors;
import io.memqa.index.VectorFormat;
import io.memqa.encoder.KnownEncoder;
import io.memqa.encoder.PretrainedEncoder;
import io.memqa.retrieve.Bm25Retriever;
import io.memqa.util.BadInputException;
import io.memqa.util.MemqaHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Builds a BM25 index of passages: a Lucene index directory, with dense vectors of each passage's
 * windows when asked, or an index in OpenSearch (BM25 only).
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Build a BM25 passage index from a dataset or a corpus file.",
      "The index is a Lucene index directory, with dense vectors (one per window of a",
      "few sentences of each passage) for dense and hybrid retrieval (--dense; on",
      "by default for the squad dataset,",
      "off for other corpora), or (--to opensearch) an index in an OpenSearch",
      "cluster, BM25 only, loaded in bulk batches with retries. Either is built in",
      "a temporary place and swapped in only when complete."
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

  @Option(names = "--format", paramLabel = "FORMAT", description = "corpus file format: squad, jsonl, dpr-tsv or mediawiki (default: from the file name)")
  String format;

  @Option(names = "--passage-words", paramLabel = "N", description = "cut documents (jsonl, mediawiki) into passages of about N words at sentence ends; 0 keeps them whole (default: " + PassageSplitter.DEFAULT_WORDS + ")")
  Integer passageWords;

  @Option(names = "--out", paramLabel = "DIR", description = "index directory (default: index/<dataset>)")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "indexing threads (default: all cores; OpenSearch: bulk requests at once, 2)")
  Integer threads;

  @Option(names = "--analyzer", paramLabel = "NAME", defaultValue = "english", description = "english (Porter stemming, stop words) or standard (default: ${DEFAULT-VALUE})")
  String analyzer;

  @Option(names = "--skip-bad", description = "skip and count malformed records instead of stopping at the first")
  boolean skipBad;

  @Option(names = "--no-merge", description = "leave several segments (faster build, slightly slower search)")
  boolean noMerge;

  @Option(names = "--ram-mb", paramLabel = "MB", defaultValue = "256", description = "indexing RAM buffer (default: ${DEFAULT-VALUE})")
  int ramMb;

  @Option(names = "--to", paramLabel = "lucene|opensearch", defaultValue = "lucene",
      description = "where to build: a Lucene index directory (--out), or an OpenSearch index (--opensearch-url, --opensearch-index; default name: the dataset's or the corpus file's) (default: ${DEFAULT-VALUE})")
  String to;

  @Mixin OpenSearchOptions opensearch;

  @Option(names = "--shards", paramLabel = "N", description = "OpenSearch: primary shards (default: 1)")
  Integer shards;

  @Option(names = "--replicas", paramLabel = "N", description = "OpenSearch: replicas of each shard (default: 1)")
  Integer replicas;

  @Option(names = "--dense", negatable = true,
      description = "also store a vector per passage for --retriever dense|hybrid (Lucene only; default: on for the squad dataset, off for other datasets and --corpus files)")
  Boolean dense;

  @Option(names = "--encoder", paramLabel = "NAME", description = "passage encoder with --dense: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  KnownEncoder encoder = PassageVectors.DEFAULT_ENCODER;

  @Option(names = "--vector-format", paramLabel = "FORMAT", description = "vector storage with --dense: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  VectorFormat vectorFormat = PassageVectors.DEFAULT_FORMAT;

  @Option(names = "--window-words", paramLabel = "N",
      description = "with --dense, a vector per window of whole sentences of up to N words (neighbouring windows share a sentence); 0: one vector per whole passage (default: ${DEFAULT-VALUE})")
  int windowWords = PassageVectors.DEFAULT_WINDOW_WORDS;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Analyzers analyzers = Analyzers.parse(analyzer);
    boolean toOpenSearch = switch (to) {
      case "lucene" -> false;
      case "opensearch" -> true;
      default -> throw new BadInputException("--to must be lucene or opensearch, got " + to);
    };
    if (toOpenSearch && out != null) {
      throw new BadInputException("--out is a Lucene index directory; with --to opensearch give --opensearch-index");
    }
    if (!toOpenSearch && (opensearch.given() || shards != null || replicas != null)) {
      throw new BadInputException("--opensearch-url, --opensearch-index, --shards and --replicas go with --to opensearch");
    }
    if (toOpenSearch && Boolean.TRUE.equals(dense)) {
      throw new BadInputException("--dense stores passage vectors in a Lucene index; an OpenSearch index holds BM25 only"
          + " (leave out --to opensearch for dense and hybrid retrieval)");
    }
    String name;
    boolean withVectors;
    IndexBuilder.Source source;
    PassageReader reader;
    if (input.corpus != null) {
      Path file = input.corpus;
      if (Files.isDirectory(file)) {
        throw new BadInputException("--corpus " + file + " is a directory: give one corpus file (squad, jsonl or dpr-tsv)");
      }
      if (!Files.isRegularFile(file)) {
        throw new BadInputException("corpus file not found: " + file + " (check the path)");
      }
      CorpusFormat f = format == null ? CorpusFormat.guess(file) : CorpusFormat.parse(format);
      if (passageWords != null && !f.isDocuments()) {
        throw new BadInputException("--passage-words cuts jsonl and mediawiki documents; " + f.cliName() + " passages are indexed as they are");
      }
      int words = passageWords == null ? PassageSplitter.DEFAULT_WORDS : passageWords;
      if (words != 0) {
        new PassageSplitter(words); // checks the range before any work
      }
      name = stem(file);
      withVectors = vectors(Boolean.TRUE.equals(dense));
      source = new IndexBuilder.Source(f.cliName(), List.of(file), Datasets.combinedChecksum(List.of(file)), Files.size(file));
      reader = f.open(file, skipBad, words);
    } else {
      if (format != null || passageWords != null) {
        throw new BadInputException((format != null ? "--format" : "--passage-words") + " goes with --corpus");
      }
      Datasets datasets = Datasets.local();
      name = datasets.manifest().corpusName(input.dataset == null ? "squad" : input.dataset);
      withVectors = vectors(dense != null ? dense : !toOpenSearch && datasets.manifest().corpus(name).dense());
      List<Path> files = datasets.corpusFiles(name);
      long bytes = 0;
      for (Path p : files) {
        bytes += Files.size(p);
      }
      source = new IndexBuilder.Source(datasets.corpusFormat(name).cliName(), files, Datasets.combinedChecksum(files), bytes);
      reader = datasets.openCorpus(name, skipBad);
    }
    try (reader) {
      if (toOpenSearch) {
        OpenSearchTarget target = opensearch.target(name);
        IndexStats stats = new OpenSearchIndexer(openSearchOptions(analyzers)).build(reader, source, target);
        report(stats, target.toString());
      } else {
        IndexBuilder.Options defaults = IndexBuilder.Options.defaults();
        IndexBuilder.Options options = new IndexBuilder.Options(
            analyzers, threads == null ? defaults.threads() : threads, ramMb, !noMerge);
        Path target = out != null ? out : MemqaHome.indexes().resolve(name);
        report(build(options, withVectors, reader, source, target), target.toString());
      }
    }
    return 0;
  }

  /** Whether to build passage vectors; their options are refused when none are built rather than ignored. */
  private boolean vectors(boolean build) {
    var parsed = spec.commandLine().getParseResult();
    if (!build && (parsed.hasMatchedOption("--encoder") || parsed.hasMatchedOption("--vector-format")
        || parsed.hasMatchedOption("--window-words"))) {
      throw new BadInputException("--encoder, --vector-format and --window-words go with --dense (passage vectors in a Lucene index)");
    }
    if (build) {
      PassageVectors.checkWindowWords(windowWords);
    }
    return build;
  }

  /** OpenSearch loading options: memqa's BM25 parameters, and the defaults for what was not given. */
  private OpenSearchIndexer.Options openSearchOptions(Analyzers analyzers) {
    Bm25Retriever.Options bm25 = Bm25Retriever.Options.defaults();
    OpenSearchIndexer.Options d = OpenSearchIndexer.Options.defaults(analyzers, bm25.k1(), bm25.b());
    return new OpenSearchIndexer.Options(analyzers, d.k1(), d.b(), shards == null ? d.shards() : shards,
        replicas == null ? d.replicas() : replicas, threads == null ? d.threads() : threads, d.retries(), d.backoff());
  }

  private IndexStats build(IndexBuilder.Options options, boolean withVectors, PassageReader reader,
      IndexBuilder.Source source, Path target) throws IOException {
    if (!withVectors) {
      return new IndexBuilder(options).build(reader, source, target);
    }
    try (PretrainedEncoder e = PretrainedEncoder.open(encoder, 1)) {
      return new IndexBuilder(options, new PassageVectors(e, vectorFormat, windowWords)).build(reader, source, target);
    }
  }

  private static String stem(Path file) {
    String n = file.getFileName().toString();
    int dot = n.indexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  private static void report(IndexStats s, String target) {
    System.out.printf(
        "indexed %,d passages in %.1f s (%,.0f passages/s, %d threads%s)%s -> %s%n",
        s.documents(),
        s.buildSeconds(),
        s.documents() / Math.max(s.buildSeconds(), 1e-9),
        s.threads(),
        s.dense() ? ", vectors by " + s.vectors().encoder().encoder() + " as " + s.vectors().format()
            + (s.vectors().windowed() ? " per window of " + s.vectors().windowWords() + " words" : "") : "",
        s.skipped() > 0 ? String.format(", skipped %,d malformed records", s.skipped()) : "",
        target);
  }
}
