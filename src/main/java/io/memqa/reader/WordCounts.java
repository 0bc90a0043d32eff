package io.memqa.reader;

import io.memqa.text.Tokenizer;
import io.memqa.text.Tokens;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** How often each word occurs in some texts, words as the reader sees them (lower-cased, no punctuation). */
public final class WordCounts {
  private WordCounts() {}

  public static Map<String, Integer> of(Iterable<String> texts) {
    Map<String, Integer> counts = new HashMap<>();
    for (String text : texts) {
      Tokens t = Tokenizer.tokenize(text);
      for (int i = 0; i < t.size(); i++) {
        if (!t.isPunctuation(i)) {
          counts.merge(t.word(i).toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
      }
    }
    return counts;
  }
}
