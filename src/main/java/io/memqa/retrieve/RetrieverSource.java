package io.memqa.retrieve;

import io.memqa.index.IndexStats;
import io.memqa.index.OpenSearchTarget;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which retriever answers, and where its passages are: the Lucene index in a directory
 * ({@code bm25}, the default) or a memqa index in an OpenSearch cluster ({@code opensearch}).
 * The one place every command and the service open a retriever from.
 */
public record RetrieverSource(Kind kind, Path index, OpenSearchTarget opensearch) {
  /** The kinds of retriever, by the name users give them. */
  public enum Kind {
    BM25,
    OPENSEARCH;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String id) {
      for (Kind k : values()) {
        if (k.id().equals(id)) {
          return k;
        }
      }
      throw new BadInputException("unknown retriever \"" + id + "\" (expected bm25 or opensearch)");
    }
  }

  public RetrieverSource {
    if (kind == Kind.BM25 && (index == null || opensearch != null)) {
      throw new BadInputException("the bm25 retriever reads a Lucene index directory, not OpenSearch");
    }
    if (kind == Kind.OPENSEARCH && (opensearch == null || index != null)) {
      throw new BadInputException("the opensearch retriever reads an OpenSearch index, not a directory");
    }
  }

  public static RetrieverSource lucene(Path index) {
    return new RetrieverSource(Kind.BM25, index, null);
  }

  public static RetrieverSource opensearch(OpenSearchTarget target) {
    return new RetrieverSource(Kind.OPENSEARCH, null, target);
  }

  /** Opens the retriever with memqa's BM25 settings. */
  public Retriever open() throws IOException {
    return open(Bm25Retriever.Options.defaults());
  }

  /** Opens the retriever; for OpenSearch, k1 and b must be those the index was loaded with. */
  public Retriever open(Bm25Retriever.Options options) throws IOException {
    return switch (kind) {
      case BM25 -> Bm25Retriever.open(index, options);
      case OPENSEARCH -> OpenSearchRetriever.open(opensearch, options);
    };
  }

  /** What was indexed, for retrievers over a memqa index. */
  public static Optional<IndexStats> stats(Retriever r) {
    if (r instanceof Bm25Retriever b) {
      return Optional.of(b.stats());
    }
    if (r instanceof OpenSearchRetriever o) {
      return Optional.of(o.stats());
    }
    return Optional.empty();
  }

  /** Where the passages are, for messages and run records: a directory, or an OpenSearch index. */
  @Override
  public String toString() {
    return kind == Kind.BM25 ? index.toString() : opensearch.toString();
  }
}
