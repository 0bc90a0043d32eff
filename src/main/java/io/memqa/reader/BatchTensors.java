package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of examples as padded arrays. Passages shared by several questions of the batch are
 * encoded once: {@code pairPassage} and {@code pairQuestion} say which passage and question each
 * (question, passage) pair joins, and slots point into pairs.
 */
final class BatchTensors {
  final int questions;
  final int passages;
  final int pairs;
  final int passageLength;
  final int questionLength;
  final int slotsPerQuestion;
  final NDArray passageWords;
  final NDArray passageBigrams;
  final NDArray passageShape;
  final NDArray passageMask;
  final NDArray questionWords;
  final NDArray questionBigrams;
  final NDArray questionMask;
  final NDArray questionType;
  final NDArray pairPassage;
  final NDArray pairQuestion;
  final NDArray pairWords;
  final NDArray pairMatch;
  final NDArray slotStart;
  final NDArray slotEnd;
  final NDArray slotKeyFirst;
  final NDArray slotKeyLast;
  final NDArray slotKeyLength;
  final NDArray slotLength;
  final NDArray slotFeatures;
  final NDArray slotMask;
  final NDArray gold;
  /** Embedding rows the batch uses; word and bigram ids above are local indices into these. */
  final NDArray wordRows;
  final NDArray bigramRows;

  BatchTensors(NDManager m, List<Example> examples, int maxSpanWords) {
    questions = examples.size();
    Map<String, Integer> unique = new LinkedHashMap<>();
    Map<String, Example.EncodedPassage> byId = new LinkedHashMap<>();
    int np = 0;
    int maxP = 1;
    int maxQ = 1;
    int maxS = 1;
    for (Example e : examples) {
      for (Example.EncodedPassage p : e.passages()) {
        if (unique.putIfAbsent(p.id(), unique.size()) == null) {
          byId.put(p.id(), p);
        }
        maxP = Math.max(maxP, p.length());
        np++;
      }
      maxQ = Math.max(maxQ, e.questionWords().length);
      maxS = Math.max(maxS, e.slots());
    }
    passages = unique.size();
    pairs = np;
    passageLength = maxP;
    questionLength = maxQ;
    slotsPerQuestion = maxS;
    int sh = Example.SHAPE_FEATURES;
    int mf = Example.MATCH_FEATURES;
    int gf = Example.SLOT_FEATURES;

    long[] pw = new long[passages * maxP];
    long[] pb = new long[passages * maxP];
    float[] ps = new float[passages * maxP * sh];
    float[] pm = new float[passages * maxP];
    int u = 0;
    for (Example.EncodedPassage p : byId.values()) {
      for (int t = 0; t < p.length(); t++) {
        pw[u * maxP + t] = p.words()[t];
        pb[u * maxP + t] = p.bigrams()[t];
        pm[u * maxP + t] = 1f;
      }
      System.arraycopy(p.shape(), 0, ps, u * maxP * sh, p.length() * sh);
      u++;
    }
    long[] qw = new long[questions * maxQ];
    long[] qb = new long[questions * maxQ];
    float[] qm = new float[questions * maxQ];
    long[] qt = new long[questions];
    long[] pairP = new long[pairs];
    long[] pairQ = new long[pairs];
    long[] pairW = new long[pairs * maxP];
    float[] match = new float[pairs * maxP * mf];
    long[] ss = new long[questions * maxS];
    long[] se = new long[questions * maxS];
    long[] kf = new long[questions * maxS];
    long[] kl = new long[questions * maxS];
    float[] klen = new float[questions * maxS];
    long[] sl = new long[questions * maxS];
    float[] sf = new float[questions * maxS * gf];
    float[] sm = new float[questions * maxS];
    float[] g = new float[questions * maxS];
    int pair = 0;
    for (int b = 0; b < questions; b++) {
      Example e = examples.get(b);
      qt[b] = e.questionType();
      int[] words = e.questionWords();
      if (words.length == 0) {
        qm[b * maxQ] = 1f; // an all-padding question still needs one position to attend to
      }
      for (int i = 0; i < words.length; i++) {
        qw[b * maxQ + i] = words[i];
        qb[b * maxQ + i] = e.questionBigrams()[i];
        qm[b * maxQ + i] = 1f;
      }
      int firstPair = pair;
      for (Example.EncodedPassage p : e.passages()) {
        pairP[pair] = unique.get(p.id());
        pairQ[pair] = b;
        for (int t = 0; t < p.length(); t++) {
          pairW[pair * maxP + t] = p.words()[t];
        }
        System.arraycopy(p.match(), 0, match, pair * maxP * mf, p.length() * mf);
        pair++;
      }
      for (int s = 0; s < e.slots(); s++) {
        int o = b * maxS + s;
        int pr = firstPair + e.slotPassage()[s];
        ss[o] = (long) pr * maxP + e.slotStart()[s];
        se[o] = (long) pr * maxP + e.slotEnd()[s];
        // key windows index a per-pair prefix sum with one leading zero row
        kf[o] = (long) pr * (maxP + 1) + e.slotKeyFirst()[s];
        kl[o] = (long) pr * (maxP + 1) + e.slotKeyLast()[s] + 1;
        klen[o] = e.slotKeyLast()[s] - e.slotKeyFirst()[s] + 1;
        sl[o] = Math.min(maxSpanWords, e.slotEnd()[s] - e.slotStart()[s] + 1);
        System.arraycopy(e.slotFeatures(), s * gf, sf, o * gf, gf);
        sm[o] = 1f;
        g[o] = e.gold() != null && e.gold()[s] ? 1f : 0f;
      }
      for (int s = e.slots(); s < maxS; s++) {
        klen[b * maxS + s] = 1f;
      }
    }
    // Gather only the embedding rows this batch touches: the tables are large and mostly idle.
    RowIndex words = new RowIndex();
    words.remap(pw);
    words.remap(qw);
    words.remap(pairW);
    RowIndex bigrams = new RowIndex();
    bigrams.remap(pb);
    bigrams.remap(qb);
    wordRows = m.create(words.rows());
    bigramRows = m.create(bigrams.rows());
    passageWords = m.create(pw, new Shape(passages, maxP));
    passageBigrams = m.create(pb, new Shape(passages, maxP));
    passageShape = m.create(ps, new Shape(passages, maxP, sh));
    passageMask = m.create(pm, new Shape(passages, maxP));
    questionWords = m.create(qw, new Shape(questions, maxQ));
    questionBigrams = m.create(qb, new Shape(questions, maxQ));
    questionMask = m.create(qm, new Shape(questions, maxQ));
    questionType = m.create(qt, new Shape(questions));
    pairPassage = m.create(pairP, new Shape(pairs));
    pairQuestion = m.create(pairQ, new Shape(pairs));
    pairWords = m.create(pairW, new Shape(pairs, maxP));
    pairMatch = m.create(match, new Shape(pairs, maxP, mf));
    slotStart = m.create(ss, new Shape(questions, maxS));
    slotEnd = m.create(se, new Shape(questions, maxS));
    slotKeyFirst = m.create(kf, new Shape(questions, maxS));
    slotKeyLast = m.create(kl, new Shape(questions, maxS));
    slotKeyLength = m.create(klen, new Shape(questions, maxS, 1));
    slotLength = m.create(sl, new Shape(questions, maxS));
    slotFeatures = m.create(sf, new Shape(questions, maxS, gf));
    slotMask = m.create(sm, new Shape(questions, maxS));
    gold = m.create(g, new Shape(questions, maxS));
  }

  /** Maps global row ids to dense local indices, in first-seen order (row 0 stays padding). */
  private static final class RowIndex {
    private final java.util.HashMap<Long, Integer> local = new java.util.HashMap<>();
    private final java.util.ArrayList<Long> rows = new java.util.ArrayList<>();

    RowIndex() {
      local.put(0L, 0);
      rows.add(0L);
    }

    void remap(long[] ids) {
      for (int i = 0; i < ids.length; i++) {
        Integer l = local.get(ids[i]);
        if (l == null) {
          l = rows.size();
          local.put(ids[i], l);
          rows.add(ids[i]);
        }
        ids[i] = l;
      }
    }

    long[] rows() {
      long[] r = new long[rows.size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = rows.get(i);
      }
      return r;
    }
  }
}
