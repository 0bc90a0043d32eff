package io.memqa.reader;

import java.util.Arrays;

/**
 * The reader's cheap first stage: of a memory's passage segments, only the {@code segments} most
 * promising go through the network, so that an answer costs the arithmetic of a few segments
 * rather than of every segment of every retrieved passage. A segment's promise is its best
 * slot's {@link Feature#SENTENCE_MATCH} (the share of the question's words in the slot's sentence)
 * plus {@link #RANK_WEIGHT} times {@link Feature#INVERSE_RANK} (its passage's retrieval rank);
 * ties keep the earlier segment. A segment without slots holds no answer and is dropped. The
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
   * The example with only its selected segments and their slots (slot order kept), or the
   * example itself when nothing is dropped.
   */
  Example apply(Example e) {
    int n = e.passages().length;
    if (readsAll() || n <= segments && everySegmentHasSlots(e)) {
      return e;
    }
    boolean[] keep = kept(promise(e), segments);
    int[] newIndex = new int[n];
    Example.EncodedPassage[] passages = new Example.EncodedPassage[n];
    int m = 0;
    for (int g = 0; g < n; g++) {
      newIndex[g] = keep[g] ? m : -1;
      if (keep[g]) {
        passages[m++] = e.passages()[g];
      }
    }
    int slotWidth = Feature.Group.SLOT.width();
    int total = e.slots();
    int[] index = new int[total];
    int[] passage = new int[total];
    int[] start = new int[total];
    int[] end = new int[total];
    int[] keyFirst = new int[total];
    int[] keyLast = new int[total];
    float[] features = new float[total * slotWidth];
    boolean[] gold = e.gold() == null ? null : new boolean[total];
    int k = 0;
    for (int s = 0; s < total; s++) {
      int g = e.slotPassage()[s];
      if (!keep[g]) {
        continue;
      }
      index[k] = e.slotIndex()[s];
      passage[k] = newIndex[g];
      start[k] = e.slotStart()[s];
      end[k] = e.slotEnd()[s];
      keyFirst[k] = e.slotKeyFirst()[s];
      keyLast[k] = e.slotKeyLast()[s];
      System.arraycopy(e.slotFeatures(), s * slotWidth, features, k * slotWidth, slotWidth);
      if (gold != null) {
        gold[k] = e.gold()[s];
      }
      k++;
    }
    return new Example(e.questionWords(), e.questionBigrams(), e.questionVectors(), e.questionType(),
        Arrays.copyOf(passages, m), Arrays.copyOf(index, k), Arrays.copyOf(passage, k), Arrays.copyOf(start, k),
        Arrays.copyOf(end, k), Arrays.copyOf(keyFirst, k), Arrays.copyOf(keyLast, k),
        Arrays.copyOf(features, k * slotWidth), gold == null ? null : Arrays.copyOf(gold, k));
  }

  /** Each segment's promise; negative infinity for a segment without slots. */
  static float[] promise(Example e) {
    float[] out = new float[e.passages().length];
    Arrays.fill(out, Float.NEGATIVE_INFINITY);
    for (int s = 0; s < e.slots(); s++) {
      float p = e.slotFeature(s, Feature.SENTENCE_MATCH) + RANK_WEIGHT * e.slotFeature(s, Feature.INVERSE_RANK);
      int g = e.slotPassage()[s];
      out[g] = Math.max(out[g], p);
    }
    return out;
  }

  /** The {@code limit} most promising segments that have slots; ties keep the earlier one. */
  static boolean[] kept(float[] promise, int limit) {
    Integer[] order = new Integer[promise.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(promise[b], promise[a])); // stable: ties keep index order
    boolean[] keep = new boolean[promise.length];
    for (int i = 0; i < Math.min(limit, order.length) && promise[order[i]] != Float.NEGATIVE_INFINITY; i++) {
      keep[order[i]] = true;
    }
    return keep;
  }

  private static boolean everySegmentHasSlots(Example e) {
    boolean[] has = new boolean[e.passages().length];
    int seen = 0;
    for (int g : e.slotPassage()) {
      if (!has[g]) {
        has[g] = true;
        seen++;
      }
    }
    return seen == has.length;
  }
}
