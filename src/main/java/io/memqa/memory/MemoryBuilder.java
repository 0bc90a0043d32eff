package io.memqa.memory;

import io.memqa.corpus.Passage;
import io.memqa.retrieve.Hit;
import io.memqa.text.Sentences;
import io.memqa.text.Stopwords;
import io.memqa.text.Tokenizer;
import io.memqa.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns passages into key-value slots. Candidate answers are the word n-grams of up to
 * {@code maxSpanWords} words that stay inside one sentence and do not start or end with
 * punctuation, a symbol or a function word (a few prepositions may open a span); each slot's
 * key is the window around its span. Deterministic: the same passages always give the same slots
 * in the same order.
 */
public final class MemoryBuilder {
  /** Tokenization of recently seen passages: popular passages come back again and again. */
  private static final int CACHE_LIMIT = 20_000;
  private static final Map<String, MemoryPassage> TOKENIZED = new ConcurrentHashMap<>();

  private final MemoryConfig config;

  public MemoryBuilder(MemoryConfig config) {
    this.config = config;
  }

  public MemoryConfig config() {
    return config;
  }

  /** Memory over retrieved passages (the open setting). */
  public Memory build(String question, List<Hit> hits) {
    List<MemoryPassage> passages = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      passages.add(passage(h.passage(), h.score(), h.rank()));
    }
    return build(question, Tokenizer.tokenize(question), passages);
  }

  /** Memory over one given passage (the closed setting). */
  public Memory build(String question, Passage passage) {
    return build(question, Tokenizer.tokenize(question), List.of(passage(passage, 0f, 1)));
  }

  /** Memory over passages that are already tokenized (lets callers cache tokenization). */
  public Memory build(String question, Tokens questionTokens, List<MemoryPassage> passages) {
    List<Slot> slots = new ArrayList<>();
    for (int p = 0; p < passages.size(); p++) {
      addSlots(p, passages.get(p), slots);
    }
    return new Memory(question, questionTokens, List.copyOf(passages), slots);
  }

  public static MemoryPassage passage(Passage p, float score, int rank) {
    MemoryPassage cached = TOKENIZED.get(p.id());
    if (cached == null || !cached.passage().equals(p)) {
      Tokens t = Tokenizer.tokenize(p.text());
      cached = new MemoryPassage(p, t, Sentences.sentenceIds(t), 0f, 0);
      if (TOKENIZED.size() >= CACHE_LIMIT) {
        TOKENIZED.clear();
      }
      TOKENIZED.put(p.id(), cached);
    }
    return new MemoryPassage(cached.passage(), cached.tokens(), cached.sentenceIds(), score, rank);
  }

  private static boolean hasLetterOrDigit(String w) {
    for (int i = 0; i < w.length(); ) {
      int c = w.codePointAt(i);
      if (Character.isLetterOrDigit(c)) {
        return true;
      }
      i += Character.charCount(c);
    }
    return false;
  }

  private void addSlots(int p, MemoryPassage mp, List<Slot> out) {
    Tokens t = mp.tokens();
    int[] sentence = mp.sentenceIds();
    int n = t.size();
    boolean[] opens = new boolean[n];
    boolean[] closes = new boolean[n];
    for (int i = 0; i < n; i++) {
      // A symbol or emoji is no answer on its own, and no answer starts or ends with one.
      boolean word = !t.isPunctuation(i) && hasLetterOrDigit(t.word(i));
      opens[i] = word && !Stopwords.blocksStart(t.word(i));
      closes[i] = word && !Stopwords.blocksEnd(t.word(i));
    }
    int r = config.windowRadius();
    for (int i = 0; i < n; i++) {
      if (!opens[i]) {
        continue;
      }
      for (int j = i; j < n && j - i < config.maxSpanWords() && sentence[j] == sentence[i]; j++) {
        if (closes[j]) {
          out.add(new Slot(p, i, j, Math.max(0, i - r), Math.min(n - 1, j + r)));
        }
      }
    }
  }
}
