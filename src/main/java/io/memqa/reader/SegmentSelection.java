package io.memqa.reader;

import java.util.Arrays;

/**
 * The reader's cheap first stage: of a memory's passage segments, only the {@code segments} most
 * promising go through the network, so that an answer costs the arithmetic of a few segments
 * rather than of every segment of every retrieved passage. A segment's promise is its best
 * slot's {@link #promise}; ties keep the earlier segment. A segment without slots holds no answer
 * and is dropped. {@link Featurizer#encode(io.memqa.memory.Memory, SegmentSelection)} computes the
 * promise first and the rest of the features only for the segments kept. The
 * calibration records the selection it was fitted with ({@link Calibration#segments()}), and the
 * reader reads as it was calibrated. Immutable and thread-safe.
 *
 * @param segments the most segments a memory is read from; 0 reads them all (the reader before
 *     the first stage, exactly)
 */
public record SegmentSelection(int segments) {
  /**
   * Chosen on held-out training articles (README, "The first stage"): an open memory of 5
   * passages has about 9 segments; with 4 both readers' held-out EM and F1 were those of reading
   * all (within 0.1), with 3 they lost 0.15–0.35.
   */
  public static final int DEFAULT_SEGMENTS = 4;
  /** Most segments a user may ask for: more than any memory of K ≤ 100 passages needs. */
  public static final int MAX_SEGMENTS = 10_000;
  /**
   * How much a better retrieval rank adds to a segment's promise (1/rank is 1, 0.5, 0.33, ...):
   * at 0.2 a segment of the top passage outranks one of the second passage whose best sentence
   * holds up to a tenth more of the question's words. On held-out training articles 0.2 scored
   * as well as 0 and 0.5 (within 0.15 EM).
   */
  static final float RANK_WEIGHT = 0.2f;

  public static final SegmentSelection ALL = new SegmentSelection(0);
  public static final SegmentSelection DEFAULT = new SegmentSelection(DEFAULT_SEGMENTS);

  public SegmentSelection {
    if (segments < 0 || segments > MAX_SEGMENTS) {
      throw new IllegalArgumentException("segments must be 0 (all) to " + MAX_SEGMENTS + ", got " + segments);
    }
  }

  /** Whether every segment is read. */
  public boolean readsAll() {
    return segments == 0;
  }

  /**
   * A segment's promise from one of its slots: the share of the question's words in the slot's
   * sentence ({@link Feature#SENTENCE_MATCH}) plus {@link #RANK_WEIGHT} times its passage's
   * {@link Feature#INVERSE_RANK}. A segment's promise is its best slot's.
   */
  static float promise(float sentenceMatch, float inverseRank) {
    return sentenceMatch + RANK_WEIGHT * inverseRank;
  }

  /**
   * Which segments are read, given each one's promise (negative infinity for a segment without
   * slots): all of them when this selection {@link #readsAll()}, else {@link #kept}.
   */
  boolean[] keep(float[] promise) {
    if (readsAll()) {
      boolean[] all = new boolean[promise.length];
      Arrays.fill(all, true);
      return all;
    }
    return kept(promise, segments);
  }

  /**
   * The {@code limit} most promising segments that have slots; ties keep the earlier one. Picks
   * the best remaining segment up to {@code limit} times: a memory of K ≤ 100 passages has a few
   * hundred segments at most, and this allocates nothing per segment, unlike sorting boxed indices.
   */
  static boolean[] kept(float[] promise, int limit) {
    boolean[] keep = new boolean[promise.length];
    for (int picked = 0; picked < limit; picked++) {
      int best = -1;
      for (int g = 0; g < promise.length; g++) {
        if (!keep[g] && promise[g] != Float.NEGATIVE_INFINITY && (best < 0 || promise[g] > promise[best])) {
          best = g;
        }
      }
      if (best < 0) {
        break;
      }
      keep[best] = true;
    }
    return keep;
  }
}
