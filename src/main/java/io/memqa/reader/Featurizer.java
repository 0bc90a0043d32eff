package io.memqa.reader;

import io.memqa.memory.Memory;
import io.memqa.memory.MemoryPassage;
import io.memqa.memory.Slot;
import io.memqa.text.AnswerNormalizer;
import io.memqa.text.Stopwords;
import io.memqa.text.Tokens;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Turns a {@link Memory} into an {@link Example}: hashed word and bigram ids, token shape and
 * question-match features, slot features, and for training the slots whose text equals a gold
 * answer after SQuAD normalisation. Thread-safe; question-independent passage work is cached.
 */
public final class Featurizer {
  private static final int STEM_CACHE_LIMIT = 500_000;
  private static final int PASSAGE_CACHE_LIMIT = 50_000;
  private static final ThreadLocal<EnglishStemmer> STEMMER = ThreadLocal.withInitial(EnglishStemmer::new);

  /** Passages longer than this are read only this far: a guard against hostile inputs. */
  static final int MAX_PASSAGE_TOKENS = 5000;

  private final int buckets;
  private final int segmentTokens;
  private final Map<String, String> stems = new ConcurrentHashMap<>();
  private final Map<String, PassageInfo> passages = new ConcurrentHashMap<>();

  public Featurizer(int buckets, int segmentTokens) {
    this.buckets = buckets;
    this.segmentTokens = segmentTokens;
  }

  /** The question-independent part of a passage, computed once per passage. */
  private record PassageInfo(String text, String[] lower, String[] pairs, String[] stem, boolean[] content, int[] words, int[] bigrams,
      float[] shape, Set<String> titleStems, int[] segmentStarts, int[] tokenSegment) {}

  /** Features for inference: no gold labels. */
  public Example encode(Memory m) {
    return encode(m, null);
  }

  /** Features with gold labels when {@code golds} is non-null. */
  public Example encode(Memory m, List<String> golds) {
    Tokens q = m.questionTokens();
    Set<String> qLower = new HashSet<>();
    Set<String> qStems = new HashSet<>();
    Set<String> qBigrams = new HashSet<>();
    int[] qWords = new int[q.size()];
    int[] qBi = new int[q.size()];
    int n = 0;
    String prev = null;
    for (int i = 0; i < q.size(); i++) {
      if (q.isPunctuation(i)) {
        continue;
      }
      String w = q.word(i).toLowerCase(Locale.ROOT);
      qWords[n] = FeatureHashing.bucket(w, buckets);
      qBi[n] = prev == null ? 0 : FeatureHashing.bucket(prev, w, buckets);
      if (prev != null) {
        qBigrams.add(prev + " " + w);
      }
      n++;
      prev = w;
      if (!Stopwords.contains(w)) {
        qLower.add(w);
        qStems.add(stem(w));
      }
    }
    qWords = java.util.Arrays.copyOf(qWords, n);
    qBi = java.util.Arrays.copyOf(qBi, n);

    List<MemoryPassage> mps = m.passages();
    PassageInfo[] infos = new PassageInfo[mps.size()];
    float maxScore = 0;
    for (MemoryPassage mp : mps) {
      maxScore = Math.max(maxScore, mp.score());
    }
    float[][] sentenceMatch = new float[mps.size()][];
    int[][] bestSentence = new int[mps.size()][1];
    int[][] matchPositions = new int[mps.size()][];
    int[] firstSegment = new int[mps.size()];
    List<Example.EncodedPassage> segments = new java.util.ArrayList<>();
    for (int p = 0; p < mps.size(); p++) {
      PassageInfo info = info(mps.get(p));
      infos[p] = info;
      int len = info.words().length;
      float[] match = new float[len * Example.MATCH_FEATURES];
      for (int t = 0; t < len; t++) {
        if (info.content()[t]) {
          match[t * Example.MATCH_FEATURES] = qLower.contains(info.lower()[t]) ? 1f : 0f;
          match[t * Example.MATCH_FEATURES + 1] = qStems.contains(info.stem()[t]) ? 1f : 0f;
        }
        boolean bigram = qBigrams.contains(info.pairs()[t]) || (t + 1 < len && qBigrams.contains(info.pairs()[t + 1]));
        match[t * Example.MATCH_FEATURES + 2] = bigram ? 1f : 0f;
      }
      firstSegment[p] = segments.size();
      String id = mps.get(p).passage().id();
      int[] starts = info.segmentStarts();
      for (int g = 0; g < starts.length; g++) {
        int from = starts[g];
        int to = g + 1 < starts.length ? starts[g + 1] : len;
        segments.add(new Example.EncodedPassage(id + "#" + g,
            java.util.Arrays.copyOfRange(info.words(), from, to),
            java.util.Arrays.copyOfRange(info.bigrams(), from, to),
            java.util.Arrays.copyOfRange(info.shape(), from * Example.SHAPE_FEATURES, to * Example.SHAPE_FEATURES),
            java.util.Arrays.copyOfRange(match, from * Example.MATCH_FEATURES, to * Example.MATCH_FEATURES)));
      }
      sentenceMatch[p] = sentenceMatch(mps.get(p), info, qStems, bestSentence[p]);
      matchPositions[p] = nearestMatches(match, len);
    }

    List<Slot> slots = m.slots();
    int total = slots.size();
    int[] index = new int[total];
    int[] sp = new int[total];
    int[] ss = new int[total];
    int[] se = new int[total];
    int[] kf = new int[total];
    int[] kl = new int[total];
    float[] feats = new float[total * Example.SLOT_FEATURES];
    boolean[] gold = golds == null ? null : new boolean[total];
    List<String> normGolds = golds == null ? List.of() : golds.stream().map(AnswerNormalizer::normalize).filter(g -> !g.isEmpty()).distinct().toList();
    int s = 0;
    for (int i = 0; i < total; i++) {
      Slot slot = slots.get(i);
      PassageInfo info = infos[slot.passage()];
      int len = info.words().length;
      if (slot.last() >= len) {
        continue;
      }
      int g = info.tokenSegment()[slot.first()];
      if (info.tokenSegment()[slot.last()] != g) {
        continue; // a span across a hard cut inside an over-long sentence
      }
      int from = info.segmentStarts()[g];
      int to = (g + 1 < info.segmentStarts().length ? info.segmentStarts()[g + 1] : len) - 1;
      MemoryPassage mp = mps.get(slot.passage());
      index[s] = i;
      sp[s] = firstSegment[slot.passage()] + g;
      ss[s] = slot.first() - from;
      se[s] = slot.last() - from;
      kf[s] = Math.max(slot.keyFirst(), from) - from;
      kl[s] = Math.min(slot.keyLast(), to) - from;
      int f = s * Example.SLOT_FEATURES;
      feats[f] = 1f / mp.rank();
      feats[f + 1] = maxScore > 0 ? mp.score() / maxScore : 0f;
      feats[f + 2] = overlap(qStems, info.titleStems());
      feats[f + 3] = spanOverlap(info, slot, qStems);
      int sentence = mp.sentenceIds()[slot.first()];
      feats[f + 4] = sentenceMatch[slot.passage()][sentence];
      feats[f + 5] = slot.length() / 10f;
      feats[f + 6] = sentence == bestSentence[slot.passage()][0] ? 1f : 0f;
      feats[f + 7] = 1f / (1 + distance(matchPositions[slot.passage()], slot.first(), slot.last(), len));
      if (gold != null) {
        gold[s] = isGold(mp.tokens(), info, slot, normGolds);
      }
      s++;
    }
    if (s < total) {
      index = java.util.Arrays.copyOf(index, s);
      sp = java.util.Arrays.copyOf(sp, s);
      ss = java.util.Arrays.copyOf(ss, s);
      se = java.util.Arrays.copyOf(se, s);
      kf = java.util.Arrays.copyOf(kf, s);
      kl = java.util.Arrays.copyOf(kl, s);
      feats = java.util.Arrays.copyOf(feats, s * Example.SLOT_FEATURES);
      gold = gold == null ? null : java.util.Arrays.copyOf(gold, s);
    }
    return new Example(qWords, qBi, QuestionType.of(q).ordinal(),
        segments.toArray(new Example.EncodedPassage[0]), index, sp, ss, se, kf, kl, feats, gold);
  }

  private PassageInfo info(MemoryPassage mp) {
    PassageInfo cached = passages.get(mp.passage().id());
    if (cached != null && cached.text().equals(mp.passage().text())) {
      return cached;
    }
    Tokens t = mp.tokens();
    int len = Math.min(t.size(), MAX_PASSAGE_TOKENS);
    String[] lower = new String[len];
    String[] stem = new String[len];
    boolean[] content = new boolean[len];
    int[] words = new int[len];
    int[] bigrams = new int[len];
    String[] pairs = new String[len];
    float[] shape = new float[len * Example.SHAPE_FEATURES];
    int[] sentenceIds = mp.sentenceIds();
    for (int i = 0; i < len; i++) {
      String w = t.word(i);
      lower[i] = w.toLowerCase(Locale.ROOT);
      boolean punct = t.isPunctuation(i);
      content[i] = !punct && !Stopwords.contains(lower[i]);
      stem[i] = content[i] ? stem(lower[i]) : lower[i];
      words[i] = FeatureHashing.bucket(lower[i], buckets);
      bigrams[i] = i == 0 ? 0 : FeatureHashing.bucket(lower[i - 1], lower[i], buckets);
      pairs[i] = i == 0 ? "" : lower[i - 1] + " " + lower[i];
      int o = i * Example.SHAPE_FEATURES;
      int c = w.codePointAt(0);
      shape[o] = Character.isUpperCase(c) ? 1f : 0f;
      shape[o + 1] = w.length() > 1 && w.equals(w.toUpperCase(Locale.ROOT)) && Character.isLetter(c) ? 1f : 0f;
      shape[o + 2] = hasDigit(w) ? 1f : 0f;
      shape[o + 3] = punct ? 1f : 0f;
      shape[o + 4] = content[i] ? 0f : (punct ? 0f : 1f);
      shape[o + 5] = i == 0 || sentenceIds[i] != sentenceIds[i - 1] ? 1f : 0f;
    }
    Set<String> titleStems = new HashSet<>();
    Tokens title = io.memqa.text.Tokenizer.tokenize(mp.passage().title());
    for (int i = 0; i < title.size(); i++) {
      String w = title.word(i).toLowerCase(Locale.ROOT);
      if (!title.isPunctuation(i) && !Stopwords.contains(w)) {
        titleStems.add(stem(w));
      }
    }
    int[] tokenSegment = new int[len];
    int[] starts = segments(sentenceIds, len, tokenSegment);
    PassageInfo info = new PassageInfo(mp.passage().text(), lower, pairs, stem, content, words, bigrams, shape, titleStems, starts, tokenSegment);
    if (passages.size() > PASSAGE_CACHE_LIMIT) {
      passages.clear();
    }
    passages.put(mp.passage().id(), info);
    return info;
  }

  /**
   * Cuts a passage into segments of whole sentences of at most {@code segmentTokens} tokens (a
   * longer sentence is cut hard). Fills {@code tokenSegment} and returns the segment starts.
   */
  private int[] segments(int[] sentenceIds, int len, int[] tokenSegment) {
    List<Integer> starts = new java.util.ArrayList<>();
    int start = 0;
    while (start < len) {
      int end = start;
      while (end < len) {
        int sentenceEnd = end;
        while (sentenceEnd < len && sentenceIds[sentenceEnd] == sentenceIds[end]) {
          sentenceEnd++;
        }
        if (sentenceEnd - start <= segmentTokens) {
          end = sentenceEnd;
        } else {
          if (end == start) {
            end = start + segmentTokens; // one sentence longer than a segment
          }
          break;
        }
      }
      for (int t = start; t < end; t++) {
        tokenSegment[t] = starts.size();
      }
      starts.add(start);
      start = end;
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  private String stem(String lower) {
    String s = stems.get(lower);
    if (s == null) {
      EnglishStemmer st = STEMMER.get();
      st.setCurrent(lower);
      st.stem();
      s = st.getCurrent();
      if (stems.size() > STEM_CACHE_LIMIT) {
        stems.clear();
      }
      stems.put(lower, s);
    }
    return s;
  }

  /** Share of question stems found in each sentence; also reports the best sentence. */
  private static float[] sentenceMatch(MemoryPassage mp, PassageInfo info, Set<String> qStems, int[] best) {
    int[] ids = mp.sentenceIds();
    int len = info.words().length;
    int sentences = len == 0 ? 0 : ids[len - 1] + 1;
    float[] out = new float[Math.max(1, sentences)];
    if (qStems.isEmpty()) {
      return out;
    }
    int start = 0;
    float bestValue = -1;
    while (start < len) {
      int end = start;
      Set<String> seen = new HashSet<>();
      while (end < len && ids[end] == ids[start]) {
        if (info.content()[end] && qStems.contains(info.stem()[end])) {
          seen.add(info.stem()[end]);
        }
        end++;
      }
      float v = (float) seen.size() / qStems.size();
      out[ids[start]] = v;
      if (v > bestValue) {
        bestValue = v;
        best[0] = ids[start];
      }
      start = end;
    }
    return out;
  }

  /**
   * For every token, the distance to the nearest question-word match at or before it (first
   * half) and at or after it (second half); 99 where there is none.
   */
  private static int[] nearestMatches(float[] match, int len) {
    int[] near = new int[2 * len];
    int last = -1;
    for (int t = 0; t < len; t++) {
      if (match[t * Example.MATCH_FEATURES] > 0 || match[t * Example.MATCH_FEATURES + 1] > 0) {
        last = t;
      }
      near[t] = last < 0 ? 99 : t - last;
    }
    last = -1;
    for (int t = len - 1; t >= 0; t--) {
      if (match[t * Example.MATCH_FEATURES] > 0 || match[t * Example.MATCH_FEATURES + 1] > 0) {
        last = t;
      }
      near[len + t] = last < 0 ? 99 : last - t;
    }
    return near;
  }

  /** Distance in tokens from the span to the nearest question-word match outside it (99 if none). */
  private static int distance(int[] near, int first, int last, int len) {
    int left = first > 0 ? near[first - 1] + 1 : 99;
    int right = last + 1 < len ? near[len + last + 1] + 1 : 99;
    return Math.min(99, Math.min(left, right));
  }

  private static float overlap(Set<String> q, Set<String> other) {
    if (q.isEmpty()) {
      return 0f;
    }
    int hit = 0;
    for (String s : q) {
      if (other.contains(s)) {
        hit++;
      }
    }
    return (float) hit / q.size();
  }

  private static float spanOverlap(PassageInfo info, Slot slot, Set<String> qStems) {
    int content = 0;
    int hit = 0;
    for (int t = slot.first(); t <= slot.last(); t++) {
      if (info.content()[t]) {
        content++;
        if (qStems.contains(info.stem()[t])) {
          hit++;
        }
      }
    }
    return content == 0 ? 0f : (float) hit / content;
  }

  /**
   * Whether the slot's text normalises to a gold answer. Normalised text starts with the first
   * token and ends with the last (both are words, never articles), so most slots are ruled out
   * without normalising them.
   */
  private static boolean isGold(Tokens t, PassageInfo info, Slot slot, List<String> golds) {
    String first = stripPunct(info.lower()[slot.first()]);
    String last = stripPunct(info.lower()[slot.last()]);
    for (String g : golds) {
      if (g.startsWith(first) && g.endsWith(last)
          && AnswerNormalizer.normalize(t.span(slot.first(), slot.last())).equals(g)) {
        return true;
      }
    }
    return false;
  }

  private static String stripPunct(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c < 128 && !Character.isLetterOrDigit(c))) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean hasDigit(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (Character.isDigit(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
