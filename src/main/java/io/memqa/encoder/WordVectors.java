package io.memqa.encoder;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.util.VectorUtil;

/**
 * Static word vectors distilled from a pretrained encoder ({@link VectorDistiller}): one
 * unit-length row per word piece of the encoder's vocabulary and per known corpus word; any other
 * word gets the normalised mean of its word pieces' rows, so a rare name or a typo still has a
 * vector. Thread-safe; the rows returned are shared and must not be modified.
 */
public final class WordVectors {
  private static final int COMPOSED_CACHE_LIMIT = 200_000;
  private static final String CONTINUATION = "##";

  private final EncoderIdentity source;
  private final int dimension;
  private final String[] pieces;
  private final float[][] pieceRows;
  private final Map<String, float[]> words;
  private final Map<String, Integer> pieceIds;
  private final Map<String, float[]> composed = new ConcurrentHashMap<>();
  private final float[] zero;

  /**
   * @param source the encoder the vectors were distilled from
   * @param pieces the encoder's word pieces by id
   * @param pieceRows their rows, {@code dimension} wide, unit length (or zero)
   * @param words rows of whole words (lower-cased), unit length
   */
  public WordVectors(EncoderIdentity source, int dimension, String[] pieces, float[][] pieceRows,
      Map<String, float[]> words) {
    if (pieces.length != pieceRows.length) {
      throw new IllegalArgumentException("one row per word piece: " + pieces.length + " pieces, " + pieceRows.length + " rows");
    }
    this.source = source;
    this.dimension = dimension;
    this.pieces = pieces;
    this.pieceRows = pieceRows;
    this.words = Map.copyOf(words);
    this.pieceIds = new HashMap<>(pieces.length * 2);
    for (int i = 0; i < pieces.length; i++) {
      pieceIds.putIfAbsent(pieces[i], i);
    }
    this.zero = new float[dimension];
  }

  public EncoderIdentity source() {
    return source;
  }

  public int dimension() {
    return dimension;
  }

  /** Rows of its own: word pieces and known words. */
  public int size() {
    return pieces.length + words.size();
  }

  String[] pieces() {
    return pieces;
  }

  float[][] pieceRows() {
    return pieceRows;
  }

  Map<String, float[]> words() {
    return words;
  }

  /** The vector of a lower-cased word; all zeros when none of its pieces is known. */
  public float[] vector(String word) {
    float[] v = words.get(word);
    if (v != null) {
      return v;
    }
    v = composed.get(word);
    if (v == null) {
      v = compose(word);
      if (composed.size() >= COMPOSED_CACHE_LIMIT) {
        composed.clear();
      }
      composed.put(word, v);
    }
    return v;
  }

  /** The normalised mean of the rows of the word's pieces. */
  private float[] compose(String word) {
    float[] sum = new float[dimension];
    int n = 0;
    for (int id : pieceIds(word)) {
      float[] row = pieceRows[id];
      for (int i = 0; i < dimension; i++) {
        sum[i] += row[i];
      }
      n++;
    }
    return n == 0 ? zero : normalised(sum);
  }

  /**
   * Word pieces of one word the way BERT's uncased tokenizer cuts them: accents stripped,
   * punctuation on its own, then greedy longest-match pieces ("##" marks a continuation).
   * Parts with no matching piece are left out.
   */
  List<Integer> pieceIds(String word) {
    String plain = Normalizer.normalize(word.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD)
        .replaceAll("\\p{Mn}", "");
    List<Integer> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= plain.length(); i++) {
      boolean end = i == plain.length();
      boolean punct = !end && !Character.isLetterOrDigit(plain.charAt(i));
      if (end || punct) {
        greedy(plain.substring(start, i), out);
        if (punct) {
          Integer id = pieceIds.get(plain.substring(i, i + 1));
          if (id != null) {
            out.add(id);
          }
        }
        start = i + 1;
      }
    }
    return out;
  }

  private void greedy(String part, List<Integer> out) {
    List<Integer> found = new ArrayList<>();
    int from = 0;
    while (from < part.length()) {
      int to = part.length();
      Integer id = null;
      while (to > from) {
        String piece = (from == 0 ? "" : CONTINUATION) + part.substring(from, to);
        id = pieceIds.get(piece);
        if (id != null) {
          break;
        }
        to--;
      }
      if (id == null) {
        return; // BERT gives the whole part one unknown token: no vector
      }
      found.add(id);
      from = to;
    }
    out.addAll(found);
  }

  /** The vector scaled to unit length (zero stays zero). */
  static float[] normalised(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    if (s == 0) {
      return v;
    }
    float inv = (float) (1 / Math.sqrt(s));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  /**
   * The dot product of two rows of the same width (their cosine: rows are unit length or zero).
   * Lucene's, which uses SIMD lanes where the JVM offers them: the reader computes thousands per
   * question.
   */
  public static float dot(float[] a, float[] b) {
    return VectorUtil.dotProduct(a, b);
  }
}
