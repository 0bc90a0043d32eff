package io.memqa.index;

import io.memqa.corpus.Passage;
import io.memqa.encoder.EncoderIdentity;
import io.memqa.encoder.KnownEncoder;
import io.memqa.encoder.PretrainedEncoder;
import io.memqa.util.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Dense passage vectors for an index: which encoder makes them, how they are stored, and how a
 * passage is cut into windows ({@link PassageWindows}), one vector each. With windows, each
 * passage's vectors are child documents in a block just before the passage's own document; a
 * passage is then as close to a question as its closest window. The encoder is shared by the
 * indexing threads (it is thread-safe) and closed by whoever opened it.
 */
public record PassageVectors(PretrainedEncoder encoder, VectorFormat format, int windowWords) {
  /** The encoder of dense indexes unless told otherwise (chosen by recall and cost, see README). */
  public static final KnownEncoder DEFAULT_ENCODER = KnownEncoder.MINILM_L6_V2_Q;
  /** How vectors are stored unless told otherwise (see README, "Hybrid retrieval"). */
  public static final VectorFormat DEFAULT_FORMAT = VectorFormat.INT8;
  /** Words per window unless told otherwise; 0 is one vector per whole passage (see README, "Hybrid retrieval"). */
  public static final int DEFAULT_WINDOW_WORDS = 60;
  /** The most words per window that can be asked for: longer is beyond the encoder's 256 word pieces. */
  public static final int MAX_WINDOW_WORDS = 180;

  public PassageVectors {
    if (encoder == null || format == null) {
      throw new IllegalArgumentException("passage vectors need an encoder and a vector format");
    }
    checkWindowWords(windowWords);
  }

  /**
   * @throws BadInputException unless {@code windowWords} is 0 (whole passages) to {@link #MAX_WINDOW_WORDS}
   */
  public static void checkWindowWords(int windowWords) {
    if (windowWords < 0 || windowWords > MAX_WINDOW_WORDS) {
      throw new BadInputException("--window-words must be 0 (a vector per whole passage) to " + MAX_WINDOW_WORDS
          + " words, got " + windowWords);
    }
  }

  /**
   * What a dense index records about its vectors, in {@link IndexStats#vectors()}. {@code
   * windowWords} is 0 for one vector per passage document (also what indexes built before windows
   * read as), otherwise the window size, with the vectors in child documents.
   */
  public record Stats(EncoderIdentity encoder, String format, int windowWords) {
    /** Whether the vectors are in child documents of the passages, several per passage. */
    public boolean windowed() {
      return windowWords > 0;
    }
  }

  Stats stats() {
    return new Stats(encoder.identity(), format.id(), windowWords);
  }

  /** The text of a passage's one vector without windows: its title (Wikipedia underscores as spaces) and text. */
  public static String text(Passage p) {
    return PassageWindows.texts(p, 0).get(0);
  }

  /** The vectors of each passage, in order: one without windows, one per window with. */
  float[][][] encode(List<Passage> passages) {
    List<String> texts = new ArrayList<>(passages.size());
    int[] counts = new int[passages.size()];
    for (int i = 0; i < counts.length; i++) {
      List<String> windows = PassageWindows.texts(passages.get(i), windowWords);
      counts[i] = windows.size();
      texts.addAll(windows);
    }
    float[][] all = encoder.embed(texts); // one call: similar lengths are batched together
    float[][][] out = new float[counts.length][][];
    for (int i = 0, at = 0; i < counts.length; at += counts[i], i++) {
      out[i] = java.util.Arrays.copyOfRange(all, at, at + counts[i]);
    }
    return out;
  }
}
