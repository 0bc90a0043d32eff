package io.memqa.encoder;

import io.memqa.util.Progress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Distils static word vectors from a pretrained sentence encoder, the Model2Vec way: every word
 * piece of the encoder's vocabulary, and every frequent corpus word that the vocabulary cuts into
 * several pieces, is run through the encoder alone; the output states of its pieces are averaged,
 * the vectors are reduced by PCA to a few hundred dimensions and scaled to unit length. The
 * result is deterministic for a given encoder, word list and options.
 */
public final class VectorDistiller {
  /** Sequences handed to the encoder at a time. */
  private static final int CHUNK = 256;

  /**
   * @param dimension width after PCA
   * @param minCount corpus words seen fewer times get no row of their own (their pieces' mean)
   * @param threads encoder runs in parallel
   */
  public record Options(int dimension, int minCount, int threads) {
    public Options {
      if (dimension < 8 || dimension > KnownEncoder.DIMENSION) {
        throw new IllegalArgumentException("vector dimension must be 8.." + KnownEncoder.DIMENSION + ", got " + dimension);
      }
      if (minCount < 1) {
        throw new IllegalArgumentException("minimum count must be at least 1");
      }
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be 1..64");
      }
    }
  }

  private VectorDistiller() {}

  /**
   * A digest of everything a distilled table depends on (the encoder, the words and their
   * counts, the options): equal keys mean equal tables.
   */
  public static String key(EncoderIdentity encoder, Map<String, Integer> counts, Options options) {
    java.security.MessageDigest sha = io.memqa.util.Checksums.newDigest();
    update(sha, encoder.toString());
    update(sha, options.toString());
    new java.util.TreeMap<>(counts).forEach((w, c) -> update(sha, w + "\t" + c));
    return java.util.HexFormat.of().formatHex(sha.digest());
  }

  private static void update(java.security.MessageDigest sha, String s) {
    sha.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    sha.update((byte) '\n');
  }

  /**
   * Distils vectors for the encoder's word pieces and for the words of {@code counts} (lower-cased
   * corpus words and how often each occurs).
   */
  public static WordVectors distil(PretrainedEncoder encoder, Map<String, Integer> counts, Options options)
      throws InterruptedException {
    return distil(encoder, counts, options, encoder.vocabularySize());
  }

  /** As above, but only the first {@code pieceLimit} word pieces get rows: a tiny table for tests. */
  static WordVectors distil(PretrainedEncoder encoder, Map<String, Integer> counts, Options options, int pieceLimit)
      throws InterruptedException {
    int[] specials = encoder.wordPieceIds("", true); // [CLS], [SEP]
    int vocabulary = Math.min(pieceLimit, encoder.vocabularySize());
    String[] pieces = new String[vocabulary];
    List<int[]> sequences = new ArrayList<>();
    for (int id = 0; id < vocabulary; id++) {
      pieces[id] = encoder.token(id);
      sequences.add(new int[] {specials[0], id, specials[1]});
    }
    List<String> words = new ArrayList<>();
    Map<String, Integer> singlePiece = new HashMap<>();
    for (Map.Entry<String, Integer> e : counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      if (e.getValue() < options.minCount() || e.getKey().isBlank()) {
        continue;
      }
      int[] ids = encoder.wordPieceIds(e.getKey(), true);
      if (ids.length == 3 && ids[1] < vocabulary) {
        singlePiece.put(e.getKey(), ids[1]);
      } else if (ids.length > 2 && ids.length <= encoder.maxTokens()) {
        words.add(e.getKey());
        sequences.add(ids);
      }
    }
    float[][] raw = run(encoder, sequences, options.threads());
    Pca pca = Pca.fit(raw, options.dimension());
    float[][] pieceRows = new float[vocabulary][];
    for (int id = 0; id < vocabulary; id++) {
      pieceRows[id] = WordVectors.normalised(pca.project(raw[id]));
    }
    Map<String, float[]> wordRows = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      wordRows.put(words.get(i), WordVectors.normalised(pca.project(raw[vocabulary + i])));
    }
    singlePiece.forEach((w, id) -> wordRows.put(w, pieceRows[id]));
    return new WordVectors(encoder.identity(), options.dimension(), pieces, pieceRows, wordRows);
  }

  /** The mean output state of each sequence's pieces (its special tokens left out). */
  private static float[][] run(PretrainedEncoder encoder, List<int[]> sequences, int threads)
      throws InterruptedException {
    float[][] out = new float[sequences.size()][];
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "memqa-distil");
      t.setDaemon(true);
      return t;
    });
    try (Progress progress = Progress.start("distil word vectors (words)", sequences.size())) {
      List<Future<?>> futures = new ArrayList<>();
      for (int from = 0; from < sequences.size(); from += CHUNK) {
        int start = from;
        int end = Math.min(sequences.size(), from + CHUNK);
        futures.add(pool.submit(() -> {
          float[][][] states = encoder.hiddenStates(sequences.subList(start, end));
          for (int i = start; i < end; i++) {
            out[i] = meanOfPieces(states[i - start]);
          }
          progress.stepBy(end - start);
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("distilling word vectors failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private static float[] meanOfPieces(float[][] states) {
    int width = states[0].length;
    float[] mean = new float[width];
    for (int t = 1; t < states.length - 1; t++) {
      for (int i = 0; i < width; i++) {
        mean[i] += states[t][i];
      }
    }
    int n = states.length - 2;
    for (int i = 0; i < width; i++) {
      mean[i] /= n;
    }
    return mean;
  }
}
