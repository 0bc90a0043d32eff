package io.memqa.cli;

import io.memqa.retrieve.RetrieverSource;
import io.memqa.util.MemqaHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which retrieval a command uses, over which index; a picocli mixin shared by every command that retrieves. */
final class RetrieverOptions {
  @Option(names = "--retriever", paramLabel = "NAME",
      description = "bm25, dense (kNN over the passage vectors) or hybrid (both, fused) (default: hybrid when the index has passage vectors, else bm25)")
  String retriever;

  @Option(names = "--index", paramLabel = "DIR", description = "Lucene index directory (default: index/squad)")
  Path index;

  /** The retrieval chosen; null kind means the index's default. */
  RetrieverSource source() {
    return new RetrieverSource(retriever == null ? null : RetrieverSource.Kind.parse(retriever), MemqaHome.index(index));
  }
}
