package io.memqa.encoder;

/**
 * The reduced states of one passage's words in 8 bits: each word's row scaled by its largest
 * magnitude (one float per word), about a quarter of the floats' size. {@code textHash} ties the
 * rows to the exact text they were computed from.
 */
public record QuantizedRows(long textHash, int width, float[] scales, byte[] values) {
  public QuantizedRows {
    if (width < 1 || values.length != scales.length * width) {
      throw new IllegalArgumentException(scales.length + " words of width " + width + " need "
          + (long) scales.length * width + " values, got " + values.length);
    }
  }

  public static QuantizedRows of(long textHash, float[][] rows, int width) {
    float[] scales = new float[rows.length];
    byte[] values = new byte[rows.length * width];
    for (int w = 0; w < rows.length; w++) {
      if (rows[w].length != width) {
        throw new IllegalArgumentException("row " + w + " has " + rows[w].length + " values, not " + width);
      }
      float max = 0;
      for (float x : rows[w]) {
        if (Float.isFinite(x)) { // a non-finite value (never expected) becomes 0 rather than poison the row
          max = Math.max(max, Math.abs(x));
        }
      }
      float scale = max / 127f;
      scales[w] = scale;
      for (int d = 0; d < width; d++) {
        float x = rows[w][d];
        values[w * width + d] = scale == 0 || !Float.isFinite(x) ? 0 : (byte) Math.round(x / scale);
      }
    }
    return new QuantizedRows(textHash, width, scales, values);
  }

  public int words() {
    return scales.length;
  }

  /** The rows as floats, flat ({@code words() × width}). */
  public float[] floats() {
    float[] out = new float[values.length];
    for (int w = 0; w < scales.length; w++) {
      float s = scales[w];
      for (int d = 0; d < width; d++) {
        out[w * width + d] = values[w * width + d] * s;
      }
    }
    return out;
  }

  /** About what it holds in memory. */
  public long bytes() {
    return values.length + 4L * scales.length + 48;
  }

  /** A 64-bit FNV-1a hash of a text: which text a passage's rows were computed from. */
  public static long hash(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
