package io.memqa.reader;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The passage encoder's states of recently read passage segments, with their question-independent
 * projections ({@link KvMemNet#passageStates(BatchTensors)}). They depend on the passage alone,
 * not on the question, and passages recur across questions: only the segments of a memory that
 * are not here go through the passage encoder. Keyed by segment id, length and words (so that another
 * corpus with the same ids cannot hit); bounded by the floats held, least recently used out
 * first. Thread-safe.
 */
final class PassageStateCache {
  /** 48 M floats (192 MB): about 2,000 segments of 128 tokens at width 64 (192 floats a token). */
  static final long DEFAULT_FLOATS = 48L << 20;

  private record Key(String id, int length, int words) {}

  private final WeightedCache<Key, float[]> states;
  private long hits;
  private long misses;

  PassageStateCache(long capacityFloats) {
    this.states = new WeightedCache<>(capacityFloats, s -> s.length);
  }

  private static Key key(Example.EncodedPassage p) {
    int h = 1;
    for (int t = p.from(); t < p.to(); t++) { // Arrays.hashCode of the segment's words, without a copy
      h = 31 * h + p.words()[t];
    }
    return new Key(p.id(), p.length(), h);
  }

  /** The segments of {@code e} whose states are not held (each distinct segment once). */
  synchronized java.util.List<Example.EncodedPassage> missing(Example e) {
    java.util.Map<String, Example.EncodedPassage> out = new LinkedHashMap<>();
    for (Example.EncodedPassage p : e.passages()) {
      if (states.contains(key(p))) {
        hits++;
      } else if (out.putIfAbsent(p.id(), p) == null) {
        misses++;
      }
    }
    return java.util.List.copyOf(out.values());
  }

  /**
   * The passage states [U,P,width] of {@code e}'s segments, laid out as {@code placed} says (rows
   * of {@code rowLength}; zeros outside the segments, as the encoder leaves them), or null when
   * any segment is not held.
   */
  synchronized float[] assemble(Map<String, int[]> placed, int rows, int rowLength, Example e, int width) {
    float[] out = new float[rows * rowLength * width];
    for (Example.EncodedPassage p : e.passages()) {
      float[] s = states.get(key(p));
      if (s == null) {
        return null;
      }
      int[] at = placed.get(p.id());
      System.arraycopy(s, 0, out, (at[0] * rowLength + at[1]) * width, s.length);
    }
    return out;
  }

  /** Keeps the states of {@code e}'s segments from {@code all} [U,P,width], laid out as {@code placed} says. */
  synchronized void store(Map<String, int[]> placed, int rowLength, Example e, float[] all, int width) {
    for (Example.EncodedPassage p : e.passages()) {
      int[] at = placed.get(p.id());
      int from = (at[0] * rowLength + at[1]) * width;
      states.put(key(p), Arrays.copyOfRange(all, from, from + at[2] * width));
    }
  }

  /** Segments read from here, and segments the encoder had to read. */
  synchronized long[] hitsAndMisses() {
    return new long[] {hits, misses};
  }
}
