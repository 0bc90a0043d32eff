package io.memqa.memory;

/**
 * One key-value memory slot. The value is a candidate answer span (tokens {@code first..last} of
 * passage {@code passage}); the key is the window of words around it, tokens
 * {@code keyFirst..keyLast}, read together with the passage title.
 */
public record Slot(int passage, int first, int last, int keyFirst, int keyLast) {
  public int length() {
    return last - first + 1;
  }
}
