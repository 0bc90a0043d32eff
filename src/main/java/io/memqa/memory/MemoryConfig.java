package io.memqa.memory;

import io.memqa.util.BadInputException;

/**
 * How passages become slots: the longest candidate span in words, and the key window in words on
 * each side of the span (the paper's W=7 window is a radius of 3).
 */
public record MemoryConfig(int maxSpanWords, int windowRadius) {
  public MemoryConfig {
    if (maxSpanWords < 1 || maxSpanWords > 30) {
      throw new BadInputException("maxSpanWords must be 1..30, got " + maxSpanWords);
    }
    if (windowRadius < 0 || windowRadius > 50) {
      throw new BadInputException("windowRadius must be 0..50, got " + windowRadius);
    }
  }

  /** Chosen by candidate recall on SQuAD dev (see README, "Memory"). */
  public static MemoryConfig defaults() {
    return new MemoryConfig(10, 3);
  }
}
