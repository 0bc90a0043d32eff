package io.memqa.retrieve;

import io.memqa.corpus.Passage;

/**
 * One retrieved passage with its score and 1-based rank in the list returned, and where it stood
 * in each ranking that was fused into that list (for the reader's features).
 */
public record Hit(Passage passage, float score, int rank, RankSignals signals) {
  /** A hit of a BM25-only ranking. */
  public Hit(Passage passage, float score, int rank) {
    this(passage, score, rank, RankSignals.bm25(rank, score));
  }
}
