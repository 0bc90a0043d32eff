package io.memqa.reader;

/**
 * A passage's input rows for the passage encoder: each token's pretrained vector, then its
 * contextual state when the model has them. The vectors are the vector table's own rows and the
 * states the passage's own array, held by reference: a passage stays cached across questions, and
 * its rows are read only when the passage encoder runs on it, so a flat copy would be kept for
 * nothing most of the time. Immutable by convention (nobody writes the arrays).
 *
 * @param vectors one pretrained vector per token, {@code vectorWidth} wide (null without vectors)
 * @param vectorWidth the width of a vector (0 without)
 * @param states the contextual states side by side, {@code stateWidth} per token (null without)
 * @param stateWidth the width of a state (0 without)
 */
public record InputRows(float[][] vectors, int vectorWidth, float[] states, int stateWidth) {
  /** A row's width: the vector, then the state. */
  public int width() {
    return vectorWidth + stateWidth;
  }

  /** Writes the rows of tokens {@code from..from+count-1} into {@code out}, starting at index {@code at}. */
  void copyTo(int from, int count, float[] out, int at) {
    int w = width();
    for (int t = 0; t < count; t++) {
      int o = at + t * w;
      if (vectors != null) {
        System.arraycopy(vectors[from + t], 0, out, o, vectorWidth);
      }
      if (states != null) {
        System.arraycopy(states, (from + t) * stateWidth, out, o + vectorWidth, stateWidth);
      }
    }
  }

  /** All rows of tokens {@code 0..length-1} in one flat array. */
  float[] flat(int length) {
    float[] out = new float[length * width()];
    copyTo(0, length, out, 0);
    return out;
  }
}
