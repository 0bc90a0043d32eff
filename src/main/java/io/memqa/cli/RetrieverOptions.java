package io.memqa.cli;

import io.memqa.retrieve.RetrieverSource;
import io.memqa.util.BadInputException;
import io.memqa.util.MemqaHome;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which retrieval a command uses, and where its passages are; a picocli mixin shared by every command that retrieves. */
final class RetrieverOptions {
  @Option(names = "--retriever", paramLabel = "NAME",
      description = "bm25, dense (kNN over the passage vectors) or hybrid (both, fused) over the Lucene index in --index,"
          + " or opensearch (BM25 over the index in --opensearch-url/--opensearch-index)"
          + " (default: hybrid when the Lucene index has passage vectors, else bm25)")
  String retriever;

  @Option(names = "--index", paramLabel = "DIR", description = "Lucene index directory (default: index/squad)")
  Path index;

  @Mixin OpenSearchOptions opensearch;

  /** The retriever chosen; options that belong to the other kind are refused rather than ignored. */
  RetrieverSource source() {
    RetrieverSource.Kind kind = retriever == null ? null : RetrieverSource.Kind.parse(retriever);
    if (kind == RetrieverSource.Kind.OPENSEARCH) {
      if (index != null) {
        throw new BadInputException("--index is a Lucene index directory; with --retriever opensearch give --opensearch-index");
      }
      return RetrieverSource.opensearch(opensearch.target(MemqaHome.DEFAULT_INDEX));
    }
    if (opensearch.given()) {
      throw new BadInputException("--opensearch-url and --opensearch-index go with --retriever opensearch"
          + (kind != null && kind.needsVectors()
              ? " (BM25 only: " + kind.id() + " needs passage vectors, which only a Lucene index built with ./memqa index --dense holds)"
              : ""));
    }
    return RetrieverSource.lucene(kind, MemqaHome.index(index));
  }

  /** The kind asked for on the command line, or null when the index decides. */
  RetrieverSource.Kind kind() {
    return retriever == null ? null : RetrieverSource.Kind.parse(retriever);
  }
}
