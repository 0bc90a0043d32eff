package io.memqa.index;

import io.memqa.corpus.Passage;
import io.memqa.text.Sentences;
import io.memqa.text.Tokenizer;
import io.memqa.text.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a passage into the texts its dense vectors encode: windows of whole sentences of up to a
 * number of words, each after the passage's title. Neighbouring windows share a sentence, so no two
 * adjacent sentences are only ever seen apart. One vector for a whole paragraph blurs it (and the
 * encoder reads only its first 256 word pieces); a window per few sentences keeps what a question
 * asks about findable (see README, "Hybrid retrieval").
 */
public final class PassageWindows {
  private PassageWindows() {}

  /**
   * The window texts of {@code p}, in passage order; one text (title and whole passage) when
   * {@code words} is 0. A sentence longer than {@code words} is cut into pieces of that many words.
   *
   * @throws IllegalArgumentException if {@code words} is negative
   */
  public static List<String> texts(Passage p, int words) {
    if (words < 0) {
      throw new IllegalArgumentException("window size must be 0 (whole passage) or more words, got " + words);
    }
    String title = p.title().replace('_', ' ').strip();
    if (words == 0) {
      return List.of(withTitle(title, p.text()));
    }
    Tokens t = Tokenizer.tokenize(p.text());
    List<int[]> pieces = pieces(t, words);
    if (pieces.isEmpty()) {
      return List.of(withTitle(title, p.text()));
    }
    List<String> out = new ArrayList<>();
    int s = 0;
    while (true) {
      int e = s;
      int count = length(pieces.get(s));
      while (e + 1 < pieces.size() && count + length(pieces.get(e + 1)) <= words) {
        e++;
        count += length(pieces.get(e));
      }
      out.add(withTitle(title, p.text().substring(t.start(pieces.get(s)[0]), t.end(pieces.get(e)[1] - 1))));
      if (e + 1 >= pieces.size()) {
        return out;
      }
      s = e > s ? e : e + 1; // the next window starts with this one's last sentence
    }
  }

  /** Sentences as token ranges [from, to), those over {@code words} tokens cut into pieces. */
  private static List<int[]> pieces(Tokens t, int words) {
    int[] sentence = Sentences.sentenceIds(t);
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < t.size(); ) {
      int j = i;
      while (j < t.size() && sentence[j] == sentence[i]) {
        j++;
      }
      for (int from = i; from < j; from += words) {
        out.add(new int[] {from, Math.min(j, from + words)});
      }
      i = j;
    }
    return out;
  }

  private static int length(int[] range) {
    return range[1] - range[0];
  }

  private static String withTitle(String title, String body) {
    return title.isEmpty() ? body : title + "\n" + body;
  }
}
