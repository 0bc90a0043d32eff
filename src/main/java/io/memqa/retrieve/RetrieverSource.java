package io.memqa.retrieve;

import io.memqa.index.IndexStats;
import java.io.IOException;
import java.nio.file.Path;
import io.memqa.util.EnumIds;
import java.util.Locale;

/**
 * Which retrieval a command or request asks for, and the index it searches: the one place every
 * command and the service open a retriever from.
 *
 * @param kind the retrieval asked for, or null for the index's default (hybrid where the index
 *     holds passage vectors, else BM25)
 * @param index the Lucene index directory
 */
public record RetrieverSource(Kind kind, Path index) {
  /** The kinds of retrieval, by the names users give them. */
  public enum Kind {
    /** Lexical: BM25 over title and text. */
    BM25,
    /** kNN over the passage vectors, with the question encoded by the index's encoder. */
    DENSE,
    /** BM25 and dense rankings fused (see {@link Fusion}). */
    HYBRID;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

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
    if (index == null) {
      throw new IllegalArgumentException("a retriever needs an index directory");
    }
  }

  /** The index's default retrieval over {@code index}. */
  public static RetrieverSource lucene(Path index) {
    return new RetrieverSource(null, index);
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
   * Opens the retriever. A dense index gives a {@link HybridRetriever} that serves every kind (its
   * default the one asked for); a BM25-only index serves BM25 only.
   *
   * @throws IllegalArgumentException when dense or hybrid is asked of an index without vectors
   */
  public Retriever open(Bm25Retriever.Options options, Fusion fusion) throws IOException {
    IndexStats stats = IndexStats.read(index);
    if (!stats.dense()) {
      if (kind != null && kind != Kind.BM25) {
        throw new IllegalArgumentException(HybridRetriever.noVectors(index, kind));
      }
      return Bm25Retriever.open(index, options);
    }
    return HybridRetriever.open(index, options, fusion, kind == null ? Kind.HYBRID : kind, null);
  }

  @Override
  public String toString() {
    return index.toString();
  }
}
