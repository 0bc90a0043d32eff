package io.memqa.reader;

/**
 * A memory turned into numbers for the network: hashed word ids, token and slot features, and,
 * for training, which slots hold a gold answer. Passages are cut at sentence boundaries into
 * segments of bounded length (so batches need little padding); slot positions are relative to
 * their segment, and {@code slotIndex} gives each slot's index in the memory. Arrays are flat
 * (row-major) to stay cheap.
 */
public record Example(
    int[] questionWords,
    int[] questionBigrams,
    int questionType,
    EncodedPassage[] passages,
    int[] slotIndex,
    int[] slotPassage,
    int[] slotStart,
    int[] slotEnd,
    int[] slotKeyFirst,
    int[] slotKeyLast,
    float[] slotFeatures,
    boolean[] gold) {

  /** Number of slot features per slot. */
  public static final int SLOT_FEATURES = 8;

  /** Number of question-match features per passage token. */
  public static final int MATCH_FEATURES = 3;

  /** Number of question-independent shape features per passage token. */
  public static final int SHAPE_FEATURES = 6;

  /**
   * One passage segment: its id (so a batch can encode it once for several questions), hashed
   * words and bigrams, shape features (question-independent) and match features (this question).
   */
  public record EncodedPassage(String id, int[] words, int[] bigrams, float[] shape, float[] match) {
    public int length() {
      return words.length;
    }
  }

  public int slots() {
    return slotStart.length;
  }

  public boolean hasGold() {
    if (gold == null) {
      return false;
    }
    for (boolean g : gold) {
      if (g) {
        return true;
      }
    }
    return false;
  }
}
