package io.memqa.reader;

import io.memqa.encoder.ContextEncoder;
import java.util.List;

/**
 * The contextual word states the featurizer adds to each word's input: passages' states cached by
 * passage id in half precision (bounded, least recently used out first), questions' computed each
 * time. Thread-safe.
 */
final class ContextStates {
  /** What training may hold: about every SQuAD paragraph's states (3M words, 384 wide). */
  static final long TRAINING_CACHE_BYTES = 3L << 30;
  /** What a loaded reader may hold: about 4,000 passages of 150 words. */
  static final long READER_CACHE_BYTES = 512L << 20;

  private record Entry(String text, short[] states) {}

  private final ContextEncoder encoder;
  private final WeightedCache<String, Entry> passages;

  ContextStates(ContextEncoder encoder, long cacheBytes) {
    this.encoder = encoder;
    this.passages = new WeightedCache<>(cacheBytes, e -> 2L * e.states().length + 2L * e.text().length() + 64);
  }

  int dimension() {
    return encoder.dimension();
  }

  /** The states of a passage's words, flat ({@code words.size() × dimension()}). */
  float[] passage(String id, String text, List<String> words, int[] sentenceIds) {
    Entry e = passages.get(id);
    if (e == null || !e.text().equals(text) || e.states().length != words.size() * dimension()) {
      e = new Entry(text, toHalf(encoder.states(words, sentenceIds)));
      passages.put(id, e);
    }
    return fromHalf(e.states());
  }

  /** The states of a question's words, one row each. */
  float[][] question(List<String> words) {
    return encoder.states(words, null);
  }

  private short[] toHalf(float[][] rows) {
    int dim = dimension();
    short[] out = new short[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      for (int d = 0; d < dim; d++) {
        out[i * dim + d] = Float.floatToFloat16(rows[i][d]);
      }
    }
    return out;
  }

  private static float[] fromHalf(short[] half) {
    float[] out = new float[half.length];
    for (int i = 0; i < half.length; i++) {
      out[i] = Float.float16ToFloat(half[i]);
    }
    return out;
  }
}
