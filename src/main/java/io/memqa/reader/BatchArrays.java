package io.memqa.reader;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of examples laid out as padded Java arrays, with global embedding row ids: what
 * {@link BatchTensors} puts on PyTorch and what {@link TokenNetwork} reads directly. Passages shared
 * by several questions of the batch are laid out once: {@code pairPassage} and {@code pairQuestion}
 * say which passage row and question each (question, passage) pair joins, and slots point into
 * pairs. Arrays are flat, row-major, in the shapes their comments give.
 */
final class BatchArrays {
  /** Packed rows are padded to a multiple of this. */
  static final int ROW_QUANTUM = 64;

  final int questions;
  final int passages;
  final int pairs;
  final int passageLength;
  final int questionLength;
  final int slotsPerQuestion;
  /** True for one question read in one row: the per-pair copies can be skipped. */
  final boolean identityPairs;
  /** Where each distinct segment lies: its id and {row, offset, length}, in placement order. */
  final Map<String, int[]> placed;
  /** Whether the passage encoder's inputs below were laid out (empty arrays otherwise). */
  final boolean passageInputs;
  /** The passage encoder's inputs [U,P] ([U,P,token features], [U,P,input vectors]). */
  final long[] passageWords;
  final long[] passageBigrams;
  final float[] passageTokens;
  final float[] passageVectors;
  /** 1 on a passage row's tokens, 0 in gaps and padding [U,P]. */
  final float[] passageMask;
  /** [B,Q], [B,Q], [B,Q], [B,Q,input vectors], [B]. */
  final long[] questionWords;
  final long[] questionBigrams;
  final float[] questionMask;
  final float[] questionVectors;
  final long[] questionType;
  /** Per pair [N]: its passage row and its question. */
  final long[] pairPassage;
  final long[] pairQuestion;
  /** Per pair and position: the word [N,P] and this question's match features [N,P,match features]. */
  final long[] pairWords;
  final float[] pairMatch;
  final SlotIndex slotIndex;
  /** Per slot [B,S]: key window lengths, 1 on real slots, 1 on gold slots. */
  final float[] keyLengths;
  final float[] slotMask;
  final float[] gold;

  /**
   * The slot arrays [B,S]: span start and end (row-major token positions), key window bounds in
   * the per-pair prefix sums (first, last + 1), span lengths, and slot features [B,S,F].
   */
  record SlotIndex(long[] start, long[] end, long[] keyFirst, long[] keyEnd, long[] length, float[] features) {}

  /**
   * {@code pack} puts all segments of a single-question batch into one row instead of one padded
   * row each, with {@code gap} empty positions between them (at least as far as any convolution
   * looks, so that nothing leaks from one segment to the next): it removes the padding from
   * inference. Without {@code passageInputs}, the passage encoder's inputs (words, bigrams,
   * token features, vectors) are not laid out: for a batch whose passage states are held elsewhere.
   */
  BatchArrays(List<Example> examples, ReaderConfig config, boolean pack, boolean passageInputs) {
    int maxSpanWords = config.maxSpanWords();
    int gap = config.reach();
    this.passageInputs = passageInputs;
    questions = examples.size();
    // Self-attention reads a whole row: packed, it would cross segments (and cost the square of
    // the packed length), so a model with it reads one segment per row.
    boolean packed = pack && questions == 1 && !config.selfAttention();
    // Place every distinct segment in a row at an offset.
    Map<String, int[]> place = new LinkedHashMap<>();
    List<Example.EncodedPassage> rows = new java.util.ArrayList<>();
    int rowLength = 1;
    if (packed) {
      int offset = 0;
      for (Example.EncodedPassage p : examples.get(0).passages()) {
        if (!place.containsKey(p.id())) {
          place.put(p.id(), new int[] {0, offset});
          rows.add(p);
          offset += p.length() + gap;
        }
      }
      // Round up so that rows come in a few lengths: convolution kernels are prepared per shape.
      rowLength = ((Math.max(1, offset - gap) + ROW_QUANTUM - 1) / ROW_QUANTUM) * ROW_QUANTUM;
    } else {
      for (Example e : examples) {
        for (Example.EncodedPassage p : e.passages()) {
          if (!place.containsKey(p.id())) {
            place.put(p.id(), new int[] {rows.size(), 0});
            rows.add(p);
          }
          rowLength = Math.max(rowLength, p.length());
        }
      }
    }
    int maxQ = 1;
    int maxS = 1;
    int np = 0;
    for (Example e : examples) {
      maxQ = Math.max(maxQ, e.questionWords().length);
      maxS = Math.max(maxS, e.slots());
      np += packed ? 1 : e.passages().length;
    }
    // Question lengths in steps of 8 keep the number of distinct shapes (and kernel set-ups) small.
    maxQ = (maxQ + 7) / 8 * 8;
    passages = packed ? 1 : rows.size();
    pairs = np;
    passageLength = rowLength;
    questionLength = maxQ;
    slotsPerQuestion = maxS;
    identityPairs = questions == 1 && pairs == 1 && passages == 1;
    int maxP = rowLength;
    int sh = Feature.Group.TOKEN.width();
    int mf = Feature.Group.MATCH.width();
    int gf = Feature.Group.SLOT.width();
    int dv = config.inputVectorDim();

    int inputs = passageInputs ? passages * maxP : 0;
    passageWords = new long[inputs];
    passageBigrams = new long[inputs];
    passageTokens = new float[inputs * sh];
    passageVectors = new float[inputs * dv];
    passageMask = new float[passages * maxP];
    placed = new LinkedHashMap<>();
    for (Example.EncodedPassage p : rows) {
      int[] at = place.get(p.id());
      placed.put(p.id(), new int[] {at[0], at[1], p.length()});
      int base = at[0] * maxP + at[1];
      Arrays.fill(passageMask, base, base + p.length(), 1f);
      if (passageInputs) {
        for (int t = 0; t < p.length(); t++) {
          passageWords[base + t] = p.words()[p.from() + t];
          passageBigrams[base + t] = p.bigrams()[p.from() + t];
        }
        System.arraycopy(p.tokens(), p.from() * sh, passageTokens, base * sh, p.length() * sh);
        p.inputs().copyTo(p.from(), p.length(), passageVectors, base * dv);
      }
    }
    questionWords = new long[questions * maxQ];
    questionBigrams = new long[questions * maxQ];
    questionMask = new float[questions * maxQ];
    questionVectors = new float[questions * maxQ * dv];
    questionType = new long[questions];
    pairPassage = new long[pairs];
    pairQuestion = new long[pairs];
    pairWords = new long[pairs * maxP];
    pairMatch = new float[pairs * maxP * mf];
    long[] ss = new long[questions * maxS];
    long[] se = new long[questions * maxS];
    long[] kf = new long[questions * maxS];
    long[] kl = new long[questions * maxS];
    long[] sl = new long[questions * maxS];
    float[] sf = new float[questions * maxS * gf];
    keyLengths = new float[questions * maxS];
    slotMask = new float[questions * maxS];
    gold = new float[questions * maxS];
    int pair = 0;
    for (int b = 0; b < questions; b++) {
      Example e = examples.get(b);
      questionType[b] = e.questionType();
      int[] words = e.questionWords();
      if (words.length == 0) {
        questionMask[b * maxQ] = 1f; // an all-padding question still needs one position to attend to
      }
      for (int i = 0; i < words.length; i++) {
        questionWords[b * maxQ + i] = words[i];
        questionBigrams[b * maxQ + i] = e.questionBigrams()[i];
        questionMask[b * maxQ + i] = 1f;
      }
      if (dv > 0) {
        System.arraycopy(e.questionVectors(), 0, questionVectors, b * maxQ * dv, words.length * dv);
      }
      // Each segment of the example: the pair it is read in and its offset in that pair's row.
      int[] segmentPair = new int[e.passages().length];
      int[] segmentOffset = new int[e.passages().length];
      int firstPair = pair;
      for (int j = 0; j < e.passages().length; j++) {
        Example.EncodedPassage p = e.passages()[j];
        int[] at = place.get(p.id());
        segmentPair[j] = packed ? firstPair : pair;
        segmentOffset[j] = at[1];
        if (!packed || j == 0) {
          pairPassage[pair] = at[0];
          pairQuestion[pair] = b;
          pair++;
        }
        int base = segmentPair[j] * maxP + at[1];
        for (int t = 0; t < p.length(); t++) {
          pairWords[base + t] = p.words()[p.from() + t];
        }
        System.arraycopy(p.match(), p.from() * mf, pairMatch, base * mf, p.length() * mf);
      }
      for (int s = 0; s < e.slots(); s++) {
        int o = b * maxS + s;
        int seg = e.slotPassage()[s];
        long row = (long) segmentPair[seg] * maxP + segmentOffset[seg];
        ss[o] = row + e.slotStart()[s];
        se[o] = row + e.slotEnd()[s];
        // key windows index a per-pair prefix sum with one leading zero row
        long prefixRow = (long) segmentPair[seg] * (maxP + 1) + segmentOffset[seg];
        kf[o] = prefixRow + e.slotKeyFirst()[s];
        kl[o] = prefixRow + e.slotKeyLast()[s] + 1;
        keyLengths[o] = e.slotKeyLast()[s] - e.slotKeyFirst()[s] + 1;
        sl[o] = Math.min(maxSpanWords, e.slotEnd()[s] - e.slotStart()[s] + 1);
        System.arraycopy(e.slotFeatures(), s * gf, sf, o * gf, gf);
        slotMask[o] = 1f;
        gold[o] = e.gold() != null && e.gold()[s] ? 1f : 0f;
      }
      for (int s = e.slots(); s < maxS; s++) {
        keyLengths[b * maxS + s] = 1f;
      }
    }
    slotIndex = new SlotIndex(ss, se, kf, kl, sl, sf);
  }
}
