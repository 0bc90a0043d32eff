package io.memqa.reader;

import io.memqa.encoder.WordVectors;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryPassage;
import io.memqa.memory.Slot;
import io.memqa.text.AnswerNormalizer;
import io.memqa.text.Stopwords;
import io.memqa.text.Tokenizer;
import io.memqa.text.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Turns a {@link Memory} into an {@link Example}: hashed word and bigram ids, pretrained word
 * vectors, the {@link Feature}s of tokens and slots, and for training the slots whose text equals
 * a gold answer after SQuAD normalisation. Thread-safe; question-independent passage work is
 * cached by passage id, bounded by {@link #PASSAGE_CACHE_BYTES}, least recently used out first.
 */
public final class Featurizer {
  private static final int STEM_CACHE_LIMIT = 500_000;
  /**
   * What the question-independent work on recently read passages may hold: 256 MB, about 10,000
   * passages of 150 tokens (their pretrained vectors are the table's rows, referred to, not
   * copied), or about 2,400 with 128-wide contextual states of their own.
   */
  static final long PASSAGE_CACHE_BYTES = 256L << 20;
  private static final ThreadLocal<EnglishStemmer> STEMMER = ThreadLocal.withInitial(EnglishStemmer::new);
  private static final int TOKEN = Feature.Group.TOKEN.width();
  private static final int MATCH = Feature.Group.MATCH.width();
  private static final int SLOT = Feature.Group.SLOT.width();
  /** The distance feature of a slot with no question word near it. */
  private static final int FAR = 99;

  /** Passages longer than this are read only this far: a guard against hostile inputs. */
  static final int MAX_PASSAGE_TOKENS = 5000;

  private final int buckets;
  private final int segmentTokens;
  private final WordVectors vectors;
  private final ContextStates context;
  /** Width of a word's input row: its pretrained vector, then its contextual state. */
  private final int rowDim;
  private final Map<String, String> stems = new ConcurrentHashMap<>();
  private final WeightedCache<String, PassageInfo> passages = new WeightedCache<>(PASSAGE_CACHE_BYTES, PassageInfo::bytes);

  /** A featurizer without pretrained vectors (soft-match features stay 0). */
  public Featurizer(int buckets, int segmentTokens) {
    this(buckets, segmentTokens, null);
  }

  public Featurizer(int buckets, int segmentTokens, WordVectors vectors) {
    this(buckets, segmentTokens, vectors, null);
  }

  /** With contextual word states appended to each word's input row when {@code context} is given. */
  Featurizer(int buckets, int segmentTokens, WordVectors vectors, ContextStates context) {
    this.buckets = buckets;
    this.segmentTokens = segmentTokens;
    this.vectors = vectors;
    this.context = context;
    this.rowDim = (vectors == null ? 0 : vectors.dimension()) + (context == null ? 0 : context.dimension());
  }

  /** The question-independent part of a passage, computed once per passage. */
  private record PassageInfo(String text, String[] lower, String[] stem, boolean[] content,
      int[] contentBefore, int[] words, int[] bigrams, float[] tokens, float[][] rows, InputRows inputs,
      Set<String> titleStems, int[] segmentStarts, int[] tokenSegment) {
    int length() {
      return words.length;
    }

    /**
     * About what it holds in memory: its arrays, two strings per token, and its contextual states
     * (its own; the vector rows it refers to are the table's).
     */
    long bytes() {
      long states = inputs.states() == null ? 0 : inputs.states().length;
      return 4L * (tokens.length + states) + (long) length() * (4 * 6 + 8 * 4 + 2 * 48);
    }
  }

  /** The question as the features see it. */
  private record QuestionInfo(int[] words, int[] bigrams, float[] vectors, Set<String> lower, Set<String> stems,
      Map<String, Set<String>> nextWords, float[][] contentRows) {
    /** Whether the question has the word {@code first} followed by {@code second}. */
    boolean hasPair(String first, String second) {
      Set<String> next = nextWords.get(first);
      return next != null && next.contains(second);
    }
  }

  /** Features for inference of every segment: no gold labels. */
  public Example encode(Memory m) {
    return encode(m, null, SegmentSelection.ALL);
  }

  /** Features of every segment, with gold labels when {@code golds} is non-null. */
  public Example encode(Memory m, List<String> golds) {
    return encode(m, golds, SegmentSelection.ALL);
  }

  /**
   * Features for inference of only the segments {@code selection} keeps. What the network reads is
   * that of {@link #encode(Memory)} with the other segments and their slots left out (segments and
   * slots keep their order); dropped segments cost only their promise (a sentence match per
   * slot), not their soft matches and slot features.
   */
  public Example encode(Memory m, SegmentSelection selection) {
    return encode(m, null, selection);
  }

  private Example encode(Memory m, List<String> golds, SegmentSelection selection) {
    QuestionInfo q = question(m.questionTokens());
    List<MemoryPassage> mps = m.passages();
    PassageInfo[] infos = new PassageInfo[mps.size()];
    float maxScore = 0;
    float[][] sentenceMatch = new float[mps.size()][];
    int[] firstSegment = new int[mps.size() + 1];
    for (int p = 0; p < mps.size(); p++) {
      MemoryPassage mp = mps.get(p);
      maxScore = Math.max(maxScore, mp.score());
      infos[p] = info(mp);
      sentenceMatch[p] = sentenceMatch(mp.sentenceIds(), infos[p], q.stems());
      firstSegment[p + 1] = firstSegment[p] + infos[p].segmentStarts().length;
    }

    // The first stage: each slot's segment (-1 for a slot the network cannot read) and each
    // segment's promise, then the segments kept.
    List<Slot> slots = m.slots();
    int total = slots.size();
    int[] slotSegment = new int[total];
    float[] promise = new float[firstSegment[mps.size()]];
    Arrays.fill(promise, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < total; i++) {
      Slot slot = slots.get(i);
      PassageInfo info = infos[slot.passage()];
      slotSegment[i] = -1;
      if (slot.last() >= info.length()) {
        continue;
      }
      int g = info.tokenSegment()[slot.first()];
      if (info.tokenSegment()[slot.last()] != g) {
        continue; // a span across a hard cut inside an over-long sentence
      }
      MemoryPassage mp = mps.get(slot.passage());
      int segment = firstSegment[slot.passage()] + g;
      slotSegment[i] = segment;
      float sentence = sentenceMatch[slot.passage()][mp.sentenceIds()[slot.first()]];
      promise[segment] = Math.max(promise[segment], SegmentSelection.promise(sentence, inverseRank(mp)));
    }
    boolean[] keep = selection.keep(promise);

    float[][] sentenceSoftMatch = new float[mps.size()][];
    int[] bestSentence = new int[mps.size()];
    int[][] nearest = new int[mps.size()][];
    float[] titleOverlap = new float[mps.size()];
    int[][] stemHitsBefore = new int[mps.size()][];
    int[] newSegment = new int[keep.length];
    List<Example.EncodedPassage> segments = new ArrayList<>();
    for (int p = 0; p < mps.size(); p++) {
      MemoryPassage mp = mps.get(p);
      PassageInfo info = infos[p];
      int[] starts = info.segmentStarts();
      int[] ids = mp.sentenceIds();
      boolean[] needed = needed(info, ids, keep, firstSegment[p]);
      if (needed == null) {
        Arrays.fill(newSegment, firstSegment[p], firstSegment[p + 1], -1);
        continue;
      }
      float[][] similarity = similarity(info, q, needed);
      float[] match = match(info, q, similarity);
      for (int g = 0; g < starts.length; g++) {
        newSegment[firstSegment[p] + g] = keep[firstSegment[p] + g] ? segments.size() : -1;
        if (keep[firstSegment[p] + g]) {
          int to = g + 1 < starts.length ? starts[g + 1] : info.length();
          segments.add(new Example.EncodedPassage(mp.passage().id() + "#" + g, starts[g], to, info.words(),
              info.bigrams(), info.tokens(), info.inputs(), match));
        }
      }
      bestSentence[p] = argmax(sentenceMatch[p]);
      sentenceSoftMatch[p] = sentenceSoftMatch(ids, info, similarity);
      nearest[p] = nearestMatches(match, info.length());
      titleOverlap[p] = overlap(q.stems(), info.titleStems());
      stemHitsBefore[p] = stemHitsBefore(match, info.length());
    }

    int[] index = new int[total];
    int[] sp = new int[total];
    int[] ss = new int[total];
    int[] se = new int[total];
    int[] kf = new int[total];
    int[] kl = new int[total];
    float[] feats = new float[total * SLOT];
    boolean[] gold = golds == null ? null : new boolean[total];
    List<String> normGolds = golds == null ? List.of()
        : golds.stream().map(AnswerNormalizer::normalize).filter(g -> !g.isEmpty()).distinct().toList();
    int s = 0;
    for (int i = 0; i < total; i++) {
      if (slotSegment[i] < 0 || !keep[slotSegment[i]]) {
        continue;
      }
      Slot slot = slots.get(i);
      PassageInfo info = infos[slot.passage()];
      int len = info.length();
      int g = info.tokenSegment()[slot.first()];
      int from = info.segmentStarts()[g];
      int to = (g + 1 < info.segmentStarts().length ? info.segmentStarts()[g + 1] : len) - 1;
      MemoryPassage mp = mps.get(slot.passage());
      index[s] = i;
      sp[s] = newSegment[slotSegment[i]];
      ss[s] = slot.first() - from;
      se[s] = slot.last() - from;
      kf[s] = Math.max(slot.keyFirst(), from) - from;
      kl[s] = Math.min(slot.keyLast(), to) - from;
      int f = s * SLOT;
      int sentence = mp.sentenceIds()[slot.first()];
      feats[f + Feature.INVERSE_RANK.index()] = inverseRank(mp);
      feats[f + Feature.RETRIEVAL_SCORE.index()] = maxScore > 0 ? mp.score() / maxScore : 0f;
      feats[f + Feature.TITLE_OVERLAP.index()] = titleOverlap[slot.passage()];
      feats[f + Feature.SPAN_OVERLAP.index()] = spanOverlap(info.contentBefore(), stemHitsBefore[slot.passage()], slot);
      feats[f + Feature.SENTENCE_MATCH.index()] = sentenceMatch[slot.passage()][sentence];
      feats[f + Feature.SPAN_LENGTH.index()] = slot.length() / 10f;
      feats[f + Feature.BEST_SENTENCE.index()] = sentence == bestSentence[slot.passage()] ? 1f : 0f;
      feats[f + Feature.NEAREST_MATCH.index()] =
          1f / (1 + distance(nearest[slot.passage()], slot.first(), slot.last(), len));
      feats[f + Feature.SENTENCE_SOFT_MATCH.index()] = sentenceSoftMatch[slot.passage()][sentence];
      if (gold != null) {
        gold[s] = isGold(mp.tokens(), info, slot, normGolds);
      }
      s++;
    }
    if (s < total) {
      index = Arrays.copyOf(index, s);
      sp = Arrays.copyOf(sp, s);
      ss = Arrays.copyOf(ss, s);
      se = Arrays.copyOf(se, s);
      kf = Arrays.copyOf(kf, s);
      kl = Arrays.copyOf(kl, s);
      feats = Arrays.copyOf(feats, s * SLOT);
      gold = gold == null ? null : Arrays.copyOf(gold, s);
    }
    return new Example(q.words(), q.bigrams(), q.vectors(), QuestionType.of(m.questionTokens()).ordinal(),
        segments.toArray(new Example.EncodedPassage[0]), index, sp, ss, se, kf, kl, feats, gold);
  }

  private static float inverseRank(MemoryPassage mp) {
    return 1f / mp.rank();
  }

  /**
   * The tokens of a passage whose soft matches a kept segment needs: those of every sentence with
   * a token in one (a sentence cut hard spans two segments, and its soft match reads all of it);
   * null when none of the passage's segments is kept.
   */
  private static boolean[] needed(PassageInfo info, int[] sentenceIds, boolean[] keep, int firstSegment) {
    int len = info.length();
    boolean[] sentence = new boolean[sentences(sentenceIds, len)];
    boolean any = false;
    for (int t = 0; t < len; t++) {
      if (keep[firstSegment + info.tokenSegment()[t]]) {
        sentence[sentenceIds[t]] = true;
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    boolean[] needed = new boolean[len];
    for (int t = 0; t < len; t++) {
      needed[t] = sentence[sentenceIds[t]];
    }
    return needed;
  }

  private QuestionInfo question(Tokens q) {
    Set<String> lower = new HashSet<>();
    Set<String> qStems = new HashSet<>();
    Map<String, Set<String>> nextWords = new HashMap<>();
    int[] words = new int[q.size()];
    int[] bi = new int[q.size()];
    List<float[]> rows = new ArrayList<>();
    List<float[]> contentRows = new ArrayList<>();
    float[][] states = context == null ? null : context.question(ContextStates.words(q, q.size()));
    int n = 0;
    String prev = null;
    for (int i = 0; i < q.size(); i++) {
      if (q.isPunctuation(i)) {
        continue;
      }
      String w = q.word(i).toLowerCase(Locale.ROOT);
      words[n] = FeatureHashing.bucket(w, buckets);
      bi[n] = prev == null ? 0 : FeatureHashing.bucket(prev, w, buckets);
      if (prev != null) {
        nextWords.computeIfAbsent(prev, x -> new HashSet<>()).add(w);
      }
      n++;
      prev = w;
      float[] row = vectors == null ? null : vectors.vector(w);
      rows.add(inputRow(row, states == null ? null : states[i]));
      if (!Stopwords.contains(w)) {
        lower.add(w);
        qStems.add(stem(w));
        if (row != null) {
          contentRows.add(row);
        }
      }
    }
    return new QuestionInfo(Arrays.copyOf(words, n), Arrays.copyOf(bi, n), flatten(rows), lower, qStems, nextWords,
        contentRows.toArray(new float[0][]));
  }

  /** A word's input row: its pretrained vector, then its contextual state (either may be absent). */
  private float[] inputRow(float[] vector, float[] state) {
    if (state == null) {
      return vector;
    }
    float[] row = new float[rowDim];
    int at = 0;
    if (vector != null) {
      System.arraycopy(vector, 0, row, 0, vector.length);
      at = vector.length;
    }
    System.arraycopy(state, 0, row, at, state.length);
    return row;
  }

  /** The rows side by side in one flat array (empty without vectors). */
  private float[] flatten(List<float[]> rows) {
    if (rowDim == 0) {
      return new float[0];
    }
    float[] out = new float[rows.size() * rowDim];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, out, i * rowDim, rowDim);
    }
    return out;
  }


  /**
   * Cosine of each {@code needed} passage content word to each question content word (a null row
   * for the others); null without vectors.
   */
  private static float[][] similarity(PassageInfo info, QuestionInfo q, boolean[] needed) {
    if (info.rows() == null || q.contentRows().length == 0) {
      return null;
    }
    float[][] sim = new float[info.length()][];
    for (int t = 0; t < sim.length; t++) {
      if (!info.content()[t] || !needed[t]) {
        continue;
      }
      float[] row = new float[q.contentRows().length];
      for (int j = 0; j < row.length; j++) {
        row[j] = WordVectors.dot(info.rows()[t], q.contentRows()[j]);
      }
      sim[t] = row;
    }
    return sim;
  }

  /** The {@link Feature.Group#MATCH} features of every token of the passage. */
  private static float[] match(PassageInfo info, QuestionInfo q, float[][] similarity) {
    int len = info.length();
    float[] match = new float[len * MATCH];
    for (int t = 0; t < len; t++) {
      int o = t * MATCH;
      if (info.content()[t]) {
        match[o + Feature.EXACT_MATCH.index()] = q.lower().contains(info.lower()[t]) ? 1f : 0f;
        match[o + Feature.STEM_MATCH.index()] = q.stems().contains(info.stem()[t]) ? 1f : 0f;
        if (similarity != null) {
          match[o + Feature.SOFT_MATCH.index()] = Math.max(0f, max(similarity[t]));
        }
      }
      String[] w = info.lower();
      boolean bigram = (t > 0 && q.hasPair(w[t - 1], w[t])) || (t + 1 < len && q.hasPair(w[t], w[t + 1]));
      match[o + Feature.BIGRAM_MATCH.index()] = bigram ? 1f : 0f;
    }
    return match;
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
    float[] tokens = new float[len * TOKEN];
    float[][] rows = vectors == null ? null : new float[len][];
    int[] sentenceIds = mp.sentenceIds();
    float[] states = context == null ? null : context.passage(mp.passage().id(), mp.passage().text(),
        ContextStates.words(t, len), Arrays.copyOf(sentenceIds, len));
    for (int i = 0; i < len; i++) {
      String w = t.word(i);
      lower[i] = w.toLowerCase(Locale.ROOT);
      boolean punct = t.isPunctuation(i);
      content[i] = !punct && !Stopwords.contains(lower[i]);
      stem[i] = content[i] ? stem(lower[i]) : lower[i];
      words[i] = FeatureHashing.bucket(lower[i], buckets);
      bigrams[i] = i == 0 ? 0 : FeatureHashing.bucket(lower[i - 1], lower[i], buckets);
      if (rows != null) {
        rows[i] = vectors.vector(lower[i]);
      }
      int o = i * TOKEN;
      int c = w.codePointAt(0);
      tokens[o + Feature.CAPITALISED.index()] = Character.isUpperCase(c) ? 1f : 0f;
      tokens[o + Feature.ALL_CAPS.index()] =
          w.length() > 1 && w.equals(w.toUpperCase(Locale.ROOT)) && Character.isLetter(c) ? 1f : 0f;
      tokens[o + Feature.HAS_DIGIT.index()] = hasDigit(w) ? 1f : 0f;
      tokens[o + Feature.PUNCTUATION.index()] = punct ? 1f : 0f;
      tokens[o + Feature.FUNCTION_WORD.index()] = content[i] || punct ? 0f : 1f;
      tokens[o + Feature.SENTENCE_START.index()] = i == 0 || sentenceIds[i] != sentenceIds[i - 1] ? 1f : 0f;
    }
    Set<String> titleStems = new HashSet<>();
    Tokens title = Tokenizer.tokenize(mp.passage().title());
    for (int i = 0; i < title.size(); i++) {
      String w = title.word(i).toLowerCase(Locale.ROOT);
      if (!title.isPunctuation(i) && !Stopwords.contains(w)) {
        titleStems.add(stem(w));
      }
    }
    int[] tokenSegment = new int[len];
    int[] starts = segments(sentenceIds, len, tokenSegment);
    PassageInfo info = new PassageInfo(mp.passage().text(), lower, stem, content, countsBefore(content), words,
        bigrams, tokens, rows, new InputRows(rows, vectors == null ? 0 : vectors.dimension(), states,
        context == null ? 0 : context.dimension()), titleStems, starts, tokenSegment);
    passages.put(mp.passage().id(), info);
    return info;
  }

  /**
   * Cuts a passage into segments of whole sentences of at most {@code segmentTokens} tokens (a
   * longer sentence is cut hard). Fills {@code tokenSegment} and returns the segment starts.
   */
  private int[] segments(int[] sentenceIds, int len, int[] tokenSegment) {
    List<Integer> starts = new ArrayList<>();
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

  private static int sentences(int[] ids, int len) {
    return Math.max(1, len == 0 ? 0 : ids[len - 1] + 1);
  }

  /** Share of question stems found in each sentence. */
  private static float[] sentenceMatch(int[] ids, PassageInfo info, Set<String> qStems) {
    int len = info.length();
    float[] out = new float[sentences(ids, len)];
    if (qStems.isEmpty()) {
      return out;
    }
    int start = 0;
    while (start < len) {
      int end = start;
      Set<String> seen = new HashSet<>();
      while (end < len && ids[end] == ids[start]) {
        if (info.content()[end] && qStems.contains(info.stem()[end])) {
          seen.add(info.stem()[end]);
        }
        end++;
      }
      out[ids[start]] = (float) seen.size() / qStems.size();
      start = end;
    }
    return out;
  }

  /**
   * Per sentence, the mean over question content words of their best cosine to a word of the
   * sentence: how well the sentence says what the question asks, in other words too.
   */
  private static float[] sentenceSoftMatch(int[] ids, PassageInfo info, float[][] similarity) {
    int len = info.length();
    float[] out = new float[sentences(ids, len)];
    if (similarity == null) {
      return out;
    }
    int start = 0;
    while (start < len) {
      int end = start;
      float[] best = null;
      while (end < len && ids[end] == ids[start]) {
        float[] row = similarity[end];
        if (row != null) {
          if (best == null) {
            best = row.clone();
          } else {
            for (int j = 0; j < row.length; j++) {
              best[j] = Math.max(best[j], row[j]);
            }
          }
        }
        end++;
      }
      if (best != null) {
        float sum = 0;
        for (float b : best) {
          sum += Math.max(0f, b);
        }
        out[ids[start]] = sum / best.length;
      }
      start = end;
    }
    return out;
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static float max(float[] v) {
    if (v == null || v.length == 0) {
      return 0f;
    }
    float m = v[0];
    for (float x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  /**
   * For every token, the distance to the nearest question-word match at or before it (first
   * half) and at or after it (second half); {@link #FAR} where there is none.
   */
  private static int[] nearestMatches(float[] match, int len) {
    int[] near = new int[2 * len];
    int last = -1;
    for (int t = 0; t < len; t++) {
      if (isMatch(match, t)) {
        last = t;
      }
      near[t] = last < 0 ? FAR : t - last;
    }
    last = -1;
    for (int t = len - 1; t >= 0; t--) {
      if (isMatch(match, t)) {
        last = t;
      }
      near[len + t] = last < 0 ? FAR : last - t;
    }
    return near;
  }

  private static boolean isMatch(float[] match, int t) {
    return match[t * MATCH + Feature.EXACT_MATCH.index()] > 0 || match[t * MATCH + Feature.STEM_MATCH.index()] > 0;
  }

  /** Distance in tokens from the span to the nearest question-word match outside it. */
  private static int distance(int[] near, int first, int last, int len) {
    int left = first > 0 ? near[first - 1] + 1 : FAR;
    int right = last + 1 < len ? near[len + last + 1] + 1 : FAR;
    return Math.min(FAR, Math.min(left, right));
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

  /**
   * Share of the span's content words that are question words, from counts before each token of
   * content words and of content words whose stem is a question's ({@link Feature#STEM_MATCH}).
   */
  private static float spanOverlap(int[] contentBefore, int[] stemHitsBefore, Slot slot) {
    int content = contentBefore[slot.last() + 1] - contentBefore[slot.first()];
    int hit = stemHitsBefore[slot.last() + 1] - stemHitsBefore[slot.first()];
    return content == 0 ? 0f : (float) hit / content;
  }

  /** How many of the tokens before each position (and before the end) are set. */
  private static int[] countsBefore(boolean[] set) {
    int[] before = new int[set.length + 1];
    for (int t = 0; t < set.length; t++) {
      before[t + 1] = before[t] + (set[t] ? 1 : 0);
    }
    return before;
  }

  /** {@link #countsBefore} of the tokens whose stem matches the question's. */
  private static int[] stemHitsBefore(float[] match, int len) {
    boolean[] hit = new boolean[len];
    for (int t = 0; t < len; t++) {
      hit[t] = match[t * MATCH + Feature.STEM_MATCH.index()] > 0;
    }
    return countsBefore(hit);
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
