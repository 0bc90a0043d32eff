package io.memqa.memory;

import io.memqa.corpus.Passage;
import io.memqa.text.Tokens;

/**
 * A passage as it sits in memory: tokenized, split into sentences, with the retriever's score and
 * rank (rank 1 and score 0 when the passage was given rather than retrieved).
 */
public record MemoryPassage(Passage passage, Tokens tokens, int[] sentenceIds, float score, int rank) {}
