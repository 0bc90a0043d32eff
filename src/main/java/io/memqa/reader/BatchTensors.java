package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
  /** True for one question read in one row: the per-pair copies can be skipped. */
  final boolean identityPairs;
  /** Where each distinct segment lies: its id and {row, offset, length}, in placement order. */
  final Map<String, int[]> placed;
  /** The passage encoder's inputs; null when the batch is built without them (states held elsewhere). */
  final NDArray passageWords;
  final NDArray passageBigrams;
  final NDArray passageTokens;
  /** Pretrained vectors of passage and question words; null when the model has none. */
  final NDArray passageVectors;
  final NDArray questionVectors;
  final NDArray passageMask;
  final NDArray questionWords;
  final NDArray questionBigrams;
  final NDArray questionMask;
  final NDArray questionType;
  final NDArray pairPassage;
  final NDArray pairQuestion;
  final NDArray pairWords;
  final NDArray pairMatch;
  /**
   * The slot arrays as Java arrays too, for reading the slots without PyTorch: span start and end
   * (row-major token positions), key window bounds in the per-pair prefix sums (first, last + 1),
   * span lengths and slot features.
   */
  final SlotIndex slotIndex;

  record SlotIndex(long[] start, long[] end, long[] keyFirst, long[] keyEnd, long[] length, float[] features) {}

  /**
   * The slot arrays on PyTorch [B,S] (features [B,S,F], key lengths [B,S,1]), padded slots masked
   * out; gold marks the slots whose text is a gold answer.
   */
  record SlotTensors(NDArray start, NDArray end, NDArray keyFirst, NDArray keyLast, NDArray keyLength,
      NDArray length, NDArray features, NDArray mask, NDArray gold) {}

  /** Makes {@link #slotTensors()}: only when the slots are read on PyTorch. */
  private final Supplier<SlotTensors> makeSlotTensors;
  private SlotTensors slotTensors;
  /** Embedding rows the batch uses; word and bigram ids above are local indices into these. */
  final NDArray wordRows;
  final NDArray bigramRows;

  /** Packed rows are padded to a multiple of this. */
  static final int ROW_QUANTUM = 64;

  /**
   * {@code pack} puts all segments of a single-question batch into one row instead of one padded
   * row each, with {@code gap} empty positions between them (at least as far as any convolution
   * looks, so that nothing leaks from one segment to the next): it removes the padding from
   * inference.
   */
  BatchTensors(NDManager m, List<Example> examples, ReaderConfig config, boolean pack) {
    this(m, examples, config, pack, true);
  }

  /**
   * Without {@code passageInputs}, the passage encoder's inputs (words, bigrams, token features,
   * vectors) are not built: for a batch whose passage states are read from a cache.
   */
  BatchTensors(NDManager m, List<Example> examples, ReaderConfig config, boolean pack, boolean passageInputs) {
    int maxSpanWords = config.maxSpanWords();
    int gap = config.reach();
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
    long[] pw = new long[inputs];
    long[] pb = new long[inputs];
    float[] ps = new float[inputs * sh];
    float[] pv = new float[inputs * dv];
    float[] pm = new float[passages * maxP];
    placed = new LinkedHashMap<>();
    for (Example.EncodedPassage p : rows) {
      int[] at = place.get(p.id());
      placed.put(p.id(), new int[] {at[0], at[1], p.length()});
      int base = at[0] * maxP + at[1];
      Arrays.fill(pm, base, base + p.length(), 1f);
      if (passageInputs) {
        for (int t = 0; t < p.length(); t++) {
          pw[base + t] = p.words()[p.from() + t];
          pb[base + t] = p.bigrams()[p.from() + t];
        }
        System.arraycopy(p.tokens(), p.from() * sh, ps, base * sh, p.length() * sh);
        p.inputs().copyTo(p.from(), p.length(), pv, base * dv);
      }
    }
    long[] qw = new long[questions * maxQ];
    long[] qb = new long[questions * maxQ];
    float[] qm = new float[questions * maxQ];
    float[] qv = new float[questions * maxQ * dv];
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
      if (dv > 0) {
        System.arraycopy(e.questionVectors(), 0, qv, b * maxQ * dv, words.length * dv);
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
          pairP[pair] = at[0];
          pairQ[pair] = b;
          pair++;
        }
        int base = segmentPair[j] * maxP + at[1];
        for (int t = 0; t < p.length(); t++) {
          pairW[base + t] = p.words()[p.from() + t];
        }
        System.arraycopy(p.match(), p.from() * mf, match, base * mf, p.length() * mf);
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
    passageWords = passageInputs ? m.create(pw, new Shape(passages, maxP)) : null;
    passageBigrams = passageInputs ? m.create(pb, new Shape(passages, maxP)) : null;
    passageTokens = passageInputs ? m.create(ps, new Shape(passages, maxP, sh)) : null;
    passageVectors = passageInputs && dv > 0 ? m.create(pv, new Shape(passages, maxP, dv)) : null;
    questionVectors = dv > 0 ? m.create(qv, new Shape(questions, maxQ, dv)) : null;
    passageMask = m.create(pm, new Shape(passages, maxP));
    questionWords = m.create(qw, new Shape(questions, maxQ));
    questionBigrams = m.create(qb, new Shape(questions, maxQ));
    questionMask = m.create(qm, new Shape(questions, maxQ));
    questionType = m.create(qt, new Shape(questions));
    pairPassage = m.create(pairP, new Shape(pairs));
    pairQuestion = m.create(pairQ, new Shape(pairs));
    pairWords = m.create(pairW, new Shape(pairs, maxP));
    pairMatch = m.create(match, new Shape(pairs, maxP, mf));
    slotIndex = new SlotIndex(ss, se, kf, kl, sl, sf);
    Shape slots = new Shape(questions, maxS);
    // Answering one question reads the slots in Java (SlotReader): nine arrays it need not copy.
    Shape keyLengths = new Shape(questions, maxS, 1);
    Shape features = new Shape(questions, maxS, gf);
    makeSlotTensors = () -> new SlotTensors(m.create(ss, slots), m.create(se, slots), m.create(kf, slots),
        m.create(kl, slots), m.create(klen, keyLengths), m.create(sl, slots), m.create(sf, features),
        m.create(sm, slots), m.create(g, slots));
  }

  /** The slot arrays on PyTorch, made on first use (in the batch's manager). Not thread-safe. */
  SlotTensors slotTensors() {
    if (slotTensors == null) {
      slotTensors = makeSlotTensors.get();
    }
    return slotTensors;
  }

  /**
   * Maps global row ids to dense local indices, in first-seen order (row 0 stays padding): an
   * open-addressing table of primitive longs, as a boxed map costs more than the rest of the batch.
   */
  static final class RowIndex {
    private long[] keys = new long[256];
    /** Local index + 1 per slot of {@link #keys}; 0 marks a free slot. */
    private int[] values = new int[256];
    private long[] rows = new long[64];
    private int size;

    RowIndex() {
      local(0L);
    }

    /** Replaces every id in {@code ids} by its local index. */
    void remap(long[] ids) {
      for (int i = 0; i < ids.length; i++) {
        ids[i] = local(ids[i]);
      }
    }

    private int local(long id) {
      int mask = keys.length - 1;
      int at = slot(id, mask);
      while (values[at] != 0) {
        if (keys[at] == id) {
          return values[at] - 1;
        }
        at = (at + 1) & mask;
      }
      int l = size++;
      keys[at] = id;
      values[at] = l + 1;
      if (l == rows.length) {
        rows = Arrays.copyOf(rows, 2 * rows.length);
      }
      rows[l] = id;
      if (2 * size > keys.length) {
        grow();
      }
      return l;
    }

    private static int slot(long id, int mask) {
      return (int) ((id * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldValues = values;
      keys = new long[2 * oldKeys.length];
      values = new int[2 * oldValues.length];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldValues[i] != 0) {
          int at = slot(oldKeys[i], mask);
          while (values[at] != 0) {
            at = (at + 1) & mask;
          }
          keys[at] = oldKeys[i];
          values[at] = oldValues[i];
        }
      }
    }

    /** The global ids, by local index. */
    long[] rows() {
      return Arrays.copyOf(rows, size);
    }
  }
}
