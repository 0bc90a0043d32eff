package io.memqa.retrieve;

/**
 * A passage's rank and score in the BM25 ranking and in the dense ranking of one question. A rank
 * of 0 means the passage was not among that ranking's candidates, or that ranking was not run
 * (the BM25 retriever runs no dense search); its score is then 0. Dense scores are cosine
 * similarities in [-1, 1]; BM25 scores are unbounded.
 */
public record RankSignals(int bm25Rank, float bm25Score, int denseRank, float denseScore) {
  public static RankSignals bm25(int rank, float score) {
    return new RankSignals(rank, score, 0, 0f);
  }

  public static RankSignals dense(int rank, float score) {
    return new RankSignals(0, 0f, rank, score);
  }
}
