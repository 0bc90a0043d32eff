package io.memqa.encoder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Static word vectors: one unit-length vector per known lower-cased word, and for any other word
 * the normalised mean of its word pieces' vectors (so a typo or a rare name still gets one).
 * Thread-safe; the rows returned are shared and must not be modified.
 */
public final class WordVectors {
  private static final int COMPOSED_CACHE_LIMIT = 200_000;

  private final int dimension;
  private final Map<String, float[]> words;
  private final Function<String, float[]> compose;
  private final Map<String, float[]> composed = new ConcurrentHashMap<>();
  private final float[] zero;

  /**
   * @param words the known words' vectors, each of length {@code dimension}
   * @param compose the vector of a word that is not known (null when there is none)
   */
  public WordVectors(int dimension, Map<String, float[]> words, Function<String, float[]> compose) {
    this.dimension = dimension;
    this.words = Map.copyOf(words);
    this.compose = compose;
    this.zero = new float[dimension];
  }

  public int dimension() {
    return dimension;
  }

  public int size() {
    return words.size();
  }

  /** The vector of a lower-cased word; all zeros when neither it nor its pieces are known. */
  public float[] vector(String word) {
    float[] v = words.get(word);
    if (v != null) {
      return v;
    }
    v = composed.get(word);
    if (v == null) {
      float[] c = compose == null ? null : compose.apply(word);
      v = c == null ? zero : c;
      if (composed.size() >= COMPOSED_CACHE_LIMIT) {
        composed.clear();
      }
      composed.put(word, v);
    }
    return v;
  }

  /** The dot product of two rows (their cosine: rows are unit length or zero). */
  public static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
