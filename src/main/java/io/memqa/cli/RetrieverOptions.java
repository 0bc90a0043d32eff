package io.memqa.cli;

import io.memqa.retrieve.RetrieverSource;
import io.memqa.util.BadInputException;
import io.memqa.util.MemqaHome;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which retriever a command searches, and where; a picocli mixin shared by every command that retrieves. */
final class RetrieverOptions {
  @Option(names = "--retriever", paramLabel = "NAME", defaultValue = "bm25",
      description = "bm25 (the Lucene index in --index) or opensearch (the index in --opensearch-url/--opensearch-index) (default: ${DEFAULT-VALUE})")
  String retriever;

  @Option(names = "--index", paramLabel = "DIR", description = "Lucene index directory (default: index/squad)")
  Path index;

  @Mixin OpenSearchOptions opensearch;

  /** The retriever chosen; options that belong to the other kind are refused rather than ignored. */
  RetrieverSource source() {
    RetrieverSource.Kind kind = RetrieverSource.Kind.parse(retriever);
    return switch (kind) {
      case BM25 -> {
        if (opensearch.given()) {
          throw new BadInputException("--opensearch-url and --opensearch-index go with --retriever opensearch");
        }
        yield RetrieverSource.lucene(MemqaHome.index(index));
      }
      case OPENSEARCH -> {
        if (index != null) {
          throw new BadInputException("--index is a Lucene index directory; with --retriever opensearch give --opensearch-index");
        }
        yield RetrieverSource.opensearch(opensearch.target(MemqaHome.DEFAULT_INDEX));
      }
    };
  }
}
