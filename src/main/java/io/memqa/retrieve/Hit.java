package io.memqa.retrieve;

import io.memqa.corpus.Passage;

/** One retrieved passage with its BM25 score and 1-based rank. */
public record Hit(Passage passage, float score, int rank) {}
