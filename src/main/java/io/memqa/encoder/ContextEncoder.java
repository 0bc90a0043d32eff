package io.memqa.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Contextual word states from a pretrained encoder: each word's state is the mean of its word
 * pieces' last hidden states, computed with the words around it as context. A text longer than
 * the encoder takes is read in chunks of whole sentences (a sentence longer than a chunk is cut).
 *
 * <p>Thread-safe, as {@link PretrainedEncoder} is; the encoder stays owned by the caller.
 */
public final class ContextEncoder {
  /** Word pieces kept of one word: a hostile 10,000-character "word" must not fill a chunk. */
  static final int MAX_PIECES_PER_WORD = 16;
  private static final int WORD_CACHE_LIMIT = 500_000;

  private final PretrainedEncoder encoder;
  private final int chunkPieces;
  private final Map<String, int[]> pieces = new ConcurrentHashMap<>();

  public ContextEncoder(PretrainedEncoder encoder) {
    this(encoder, encoder.maxTokens() - 2);
  }

  /** With chunks of at most {@code chunkPieces} word pieces (special tokens not counted). */
  ContextEncoder(PretrainedEncoder encoder, int chunkPieces) {
    if (chunkPieces < MAX_PIECES_PER_WORD || chunkPieces > encoder.maxTokens() - 2) {
      throw new IllegalArgumentException("chunk must be " + MAX_PIECES_PER_WORD + ".." + (encoder.maxTokens() - 2)
          + " word pieces, got " + chunkPieces);
    }
    this.encoder = encoder;
    this.chunkPieces = chunkPieces;
  }

  public int dimension() {
    return encoder.dimension();
  }

  public EncoderIdentity identity() {
    return encoder.identity();
  }

  /**
   * The state of every word, {@code [word][dimension]}; a word without word pieces (a control
   * character) gets zeros.
   *
   * @param sentenceIds each word's sentence (non-decreasing), or null for one sentence
   */
  public float[][] states(List<String> words, int[] sentenceIds) {
    if (sentenceIds != null && sentenceIds.length != words.size()) {
      throw new IllegalArgumentException(words.size() + " words but " + sentenceIds.length + " sentence ids");
    }
    int n = words.size();
    int[][] wordPieces = new int[n][];
    for (int i = 0; i < n; i++) {
      wordPieces[i] = piecesOf(words.get(i));
    }
    float[][] out = new float[n][];
    List<int[]> chunks = chunks(wordPieces, sentenceIds);
    List<int[]> ids = new ArrayList<>(chunks.size());
    for (int[] c : chunks) {
      ids.add(sequence(wordPieces, c[0], c[1]));
    }
    float[][][] states = encoder.hiddenStates(ids);
    int dim = encoder.dimension();
    for (int k = 0; k < chunks.size(); k++) {
      int at = 1; // after [CLS]
      for (int w = chunks.get(k)[0]; w < chunks.get(k)[1]; w++) {
        float[] mean = new float[dim];
        int m = wordPieces[w].length;
        for (int j = 0; j < m; j++) {
          float[] row = states[k][at + j];
          for (int d = 0; d < dim; d++) {
            mean[d] += row[d] / m;
          }
        }
        out[w] = mean;
        at += m;
      }
    }
    return out;
  }

  /** Word ranges [from, to) of at most {@link #chunkPieces} pieces, cut between sentences where possible. */
  List<int[]> chunks(int[][] wordPieces, int[] sentenceIds) {
    List<int[]> out = new ArrayList<>();
    int n = wordPieces.length;
    int from = 0;
    int used = 0;
    int lastSentenceStart = 0;
    for (int w = 0; w < n; w++) {
      if (w > 0 && sentenceIds != null && sentenceIds[w] != sentenceIds[w - 1]) {
        lastSentenceStart = w;
      }
      int m = wordPieces[w].length;
      if (used + m > chunkPieces) {
        // Cut at the start of this word's sentence when that leaves something behind; else here.
        int cut = lastSentenceStart > from ? lastSentenceStart : w;
        out.add(new int[] {from, cut});
        from = cut;
        used = 0;
        for (int v = from; v < w; v++) {
          used += wordPieces[v].length;
        }
        if (used + m > chunkPieces) { // the sentence so far and this word do not fit either
          out.add(new int[] {from, w});
          from = w;
          used = 0;
        }
      }
      used += m;
    }
    if (from < n || n == 0) {
      out.add(new int[] {from, n});
    }
    return out;
  }

  private int[] sequence(int[][] wordPieces, int from, int to) {
    int len = 2;
    for (int w = from; w < to; w++) {
      len += wordPieces[w].length;
    }
    int[] ids = new int[len];
    ids[0] = encoder.clsId();
    int at = 1;
    for (int w = from; w < to; w++) {
      System.arraycopy(wordPieces[w], 0, ids, at, wordPieces[w].length);
      at += wordPieces[w].length;
    }
    ids[at] = encoder.sepId();
    return ids;
  }

  private int[] piecesOf(String word) {
    int[] cached = pieces.get(word);
    if (cached != null) {
      return cached;
    }
    int[] ids = encoder.wordPieceIds(word, false);
    if (ids.length > MAX_PIECES_PER_WORD) {
      ids = Arrays.copyOf(ids, MAX_PIECES_PER_WORD);
    }
    if (pieces.size() >= WORD_CACHE_LIMIT) {
      pieces.clear();
    }
    pieces.put(word, ids);
    return ids;
  }
}
