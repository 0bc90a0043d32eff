package io.memqa.text;

import java.util.Arrays;

/**
 * A tokenized text: token strings plus their character offsets into the original text, so any
 * token span maps back to an exact substring.
 */
public final class Tokens {
  private final String text;
  private final String[] words;
  private final int[] starts;
  private final int[] ends;

  Tokens(String text, String[] words, int[] starts, int[] ends) {
    this.text = text;
    this.words = words;
    this.starts = starts;
    this.ends = ends;
  }

  public String text() {
    return text;
  }

  public int size() {
    return words.length;
  }

  public String word(int i) {
    return words[i];
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  /** The original text from the start of token {@code first} to the end of token {@code last}. */
  public String span(int first, int last) {
    return text.substring(starts[first], ends[last]);
  }

  public String[] words() {
    return Arrays.copyOf(words, words.length);
  }

  /** True if token i is a single non-alphanumeric character (punctuation or a symbol). */
  public boolean isPunctuation(int i) {
    String w = words[i];
    return w.length() == 1 && !Character.isLetterOrDigit(w.charAt(0));
  }
}
