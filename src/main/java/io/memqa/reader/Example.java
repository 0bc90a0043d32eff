package io.memqa.reader;

/**
 * A memory turned into numbers for the network: hashed word ids, pretrained word vectors, token
 * and slot features ({@link Feature}, one row of the group's width each), and, for training,
 * which slots hold a gold answer. Passages are cut at sentence boundaries into segments of
 * bounded length (so batches need little padding); slot positions are relative to their segment,
 * and {@code slotIndex} gives each slot's index in the memory. Arrays are flat (row-major).
 *
 * @param questionVectors the question words' pretrained vectors, {@code vectorDim} each (empty without)
 */
public record Example(
    int[] questionWords,
    int[] questionBigrams,
    float[] questionVectors,
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

  /**
   * One passage segment, tokens {@code from..to-1} of its passage. The arrays cover the whole
   * passage (shared by its segments, and the question-independent ones by every question that
   * reads it): hashed words and bigrams, {@link Feature.Group#TOKEN} features, input rows
   * (pretrained vectors and contextual states, of width 0 without), and this question's
   * {@link Feature.Group#MATCH} features.
   */
  public record EncodedPassage(String id, int from, int to, int[] words, int[] bigrams, float[] tokens,
      InputRows inputs, float[] match) {
    public int length() {
      return to - from;
    }

    /** Feature {@code f} of the segment's {@code t}-th token. */
    public float feature(int t, Feature f) {
      int at = from + t;
      return switch (f.group()) {
        case TOKEN -> tokens[at * Feature.Group.TOKEN.width() + f.index()];
        case MATCH -> match[at * Feature.Group.MATCH.width() + f.index()];
        case SLOT -> throw new IllegalArgumentException(f + " is a slot feature");
      };
    }
  }

  public int slots() {
    return slotStart.length;
  }

  /** Feature {@code f} of slot {@code s}. */
  public float slotFeature(int s, Feature f) {
    if (f.group() != Feature.Group.SLOT) {
      throw new IllegalArgumentException(f + " is not a slot feature");
    }
    return slotFeatures[s * Feature.Group.SLOT.width() + f.index()];
  }

  /** All slot features of slot {@code s}, by name. */
  public java.util.Map<Feature, Float> slotFeatures(int s) {
    java.util.Map<Feature, Float> out = new java.util.EnumMap<>(Feature.class);
    for (Feature f : Feature.Group.SLOT.members()) {
      out.put(f, slotFeature(s, f));
    }
    return out;
  }

  /** The same question with only {@code segments} and no slots: all the passage encoder reads. */
  Example segmentsOnly(java.util.List<EncodedPassage> segments) {
    return new Example(questionWords, questionBigrams, questionVectors, questionType,
        segments.toArray(new EncodedPassage[0]), new int[0], new int[0], new int[0], new int[0], new int[0],
        new int[0], new float[0], null);
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
