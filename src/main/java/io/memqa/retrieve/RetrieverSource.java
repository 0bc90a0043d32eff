package io.memqa.retrieve;

import io.memqa.index.IndexStats;
import io.memqa.index.OpenSearchTarget;
import io.memqa.util.BadInputException;
import io.memqa.util.EnumIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which retrieval a command or request asks for, and where its passages are: the Lucene index in
 * a directory ({@code bm25}, {@code dense}, {@code hybrid}) or a memqa index in an OpenSearch
 * cluster ({@code opensearch}, BM25 only). The one place every command and the service open a
 * retriever from.
 *
 * @param kind the retrieval asked for; null over a Lucene index means the index decides (hybrid
 *     where it holds passage vectors, else BM25)
 * @param index the Lucene index directory (null for OpenSearch)
 * @param opensearch the OpenSearch index (null for a Lucene index)
 */
public record RetrieverSource(Kind kind, Path index, OpenSearchTarget opensearch) {
  /** The kinds of retrieval, by the names users give them. */
  public enum Kind {
    /** Lexical: BM25 over title and text of the Lucene index. */
    BM25,
    /** kNN over the Lucene index's passage vectors, the question encoded by the index's encoder. */
    DENSE,
    /** BM25 and dense rankings of the Lucene index fused (see {@link Fusion}). */
    HYBRID,
    /** BM25 over a memqa index in OpenSearch (which holds no passage vectors). */
    OPENSEARCH;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this kind searches passage vectors, which only a Lucene index built with them holds. */
    public boolean needsVectors() {
      return this == DENSE || this == HYBRID;
    }

    /**
     * The kind named {@code id}, in any case.
     *
     * @throws BadInputException for an unknown name (with a suggestion when one is near)
     */
    public static Kind parse(String id) {
      return EnumIds.parse(Kind.class, Kind::id, id, "retriever");
    }

    public static String names() {
      return EnumIds.names(Kind.class, Kind::id);
    }

    @Override
    public String toString() {
      return id();
    }
  }

  public RetrieverSource {
    if (kind == Kind.OPENSEARCH ? opensearch == null || index != null : index == null || opensearch != null) {
      throw new IllegalArgumentException("retriever " + (kind == null ? "(index default)" : kind.id())
          + " needs " + (kind == Kind.OPENSEARCH ? "an OpenSearch index" : "a Lucene index directory") + ", and only that");
    }
  }

  /** The Lucene index in {@code index}, searched the way the index decides. */
  public static RetrieverSource lucene(Path index) {
    return new RetrieverSource(null, index, null);
  }

  /** The Lucene index in {@code index}, searched by {@code kind} (null: the index decides). */
  public static RetrieverSource lucene(Kind kind, Path index) {
    if (kind == Kind.OPENSEARCH) {
      throw new IllegalArgumentException("opensearch does not search a Lucene index directory");
    }
    return new RetrieverSource(kind, index, null);
  }

  public static RetrieverSource opensearch(OpenSearchTarget target) {
    return new RetrieverSource(Kind.OPENSEARCH, null, target);
  }

  /** Opens the retriever with memqa's BM25 settings and fusion. */
  public Retriever open() throws IOException {
    return open(Bm25Retriever.Options.defaults());
  }

  /** Opens the retriever with these BM25 settings and memqa's fusion. */
  public Retriever open(Bm25Retriever.Options options) throws IOException {
    return open(options, Fusion.defaults());
  }

  /**
   * Opens the retriever; for OpenSearch, k1 and b must be those the index was loaded with. A
   * Lucene index with passage vectors gives a {@link HybridRetriever}, which serves bm25, dense and
   * hybrid (its default the kind asked for, or hybrid); one without serves BM25 only.
   *
   * @throws BadInputException when dense or hybrid is asked of an index without passage vectors
   */
  public Retriever open(Bm25Retriever.Options options, Fusion fusion) throws IOException {
    if (kind == Kind.OPENSEARCH) {
      return OpenSearchRetriever.open(opensearch, options);
    }
    IndexStats stats = IndexStats.read(index);
    if (!stats.dense()) {
      if (kind != null && kind.needsVectors()) {
        throw new BadInputException(HybridRetriever.noVectors(index, kind));
      }
      return Bm25Retriever.open(index, options);
    }
    return HybridRetriever.open(index, options, fusion, kind == null ? Kind.HYBRID : kind, null);
  }

  /** What was indexed, for retrievers over a memqa index. */
  public static Optional<IndexStats> stats(Retriever r) {
    if (r instanceof Bm25Retriever b) {
      return Optional.of(b.stats());
    }
    if (r instanceof HybridRetriever h) {
      return Optional.of(h.stats());
    }
    if (r instanceof OpenSearchRetriever o) {
      return Optional.of(o.stats());
    }
    return Optional.empty();
  }

  /** Where the passages are, for messages and run records: a directory, or an OpenSearch index. */
  @Override
  public String toString() {
    return kind == Kind.OPENSEARCH ? opensearch.toString() : index.toString();
  }
}
