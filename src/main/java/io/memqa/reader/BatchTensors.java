package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A batch of examples ({@link BatchArrays}) on PyTorch. The embedding tables are large and mostly
 * idle, so only the rows the batch uses are gathered: word and bigram ids here are local indices
 * into {@link #wordRows} and {@link #bigramRows}.
 */
final class BatchTensors {
  /** The batch's layout and its Java arrays (global row ids). */
  final BatchArrays layout;
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

  /** See {@link BatchArrays#BatchArrays}: {@code pack} puts a single question's segments in one row. */
  BatchTensors(NDManager m, List<Example> examples, ReaderConfig config, boolean pack) {
    this(m, examples, config, pack, true);
  }

  /**
   * Without {@code passageInputs}, the passage encoder's inputs (words, bigrams, token features,
   * vectors) are not built: for a batch whose passage states are read from a cache.
   */
  BatchTensors(NDManager m, List<Example> examples, ReaderConfig config, boolean pack, boolean passageInputs) {
    this(m, new BatchArrays(examples, config, pack, passageInputs), config);
  }

  BatchTensors(NDManager m, BatchArrays a, ReaderConfig config) {
    layout = a;
    int questions = a.questions;
    int passages = a.passages;
    int pairs = a.pairs;
    int maxP = a.passageLength;
    int maxQ = a.questionLength;
    int maxS = a.slotsPerQuestion;
    int dv = config.inputVectorDim();
    // Local ids: copies, as the arrays keep the global ones.
    long[] pw = a.passageWords.clone();
    long[] qw = a.questionWords.clone();
    long[] pairW = a.pairWords.clone();
    long[] pb = a.passageBigrams.clone();
    long[] qb = a.questionBigrams.clone();
    RowIndex words = new RowIndex();
    words.remap(pw);
    words.remap(qw);
    words.remap(pairW);
    RowIndex bigrams = new RowIndex();
    bigrams.remap(pb);
    bigrams.remap(qb);
    wordRows = m.create(words.rows());
    bigramRows = m.create(bigrams.rows());
    boolean inputs = a.passageInputs;
    passageWords = inputs ? m.create(pw, new Shape(passages, maxP)) : null;
    passageBigrams = inputs ? m.create(pb, new Shape(passages, maxP)) : null;
    passageTokens = inputs ? m.create(a.passageTokens, new Shape(passages, maxP, Feature.Group.TOKEN.width())) : null;
    passageVectors = inputs && dv > 0 ? m.create(a.passageVectors, new Shape(passages, maxP, dv)) : null;
    questionVectors = dv > 0 ? m.create(a.questionVectors, new Shape(questions, maxQ, dv)) : null;
    passageMask = m.create(a.passageMask, new Shape(passages, maxP));
    questionWords = m.create(qw, new Shape(questions, maxQ));
    questionBigrams = m.create(qb, new Shape(questions, maxQ));
    questionMask = m.create(a.questionMask, new Shape(questions, maxQ));
    questionType = m.create(a.questionType, new Shape(questions));
    pairPassage = m.create(a.pairPassage, new Shape(pairs));
    pairQuestion = m.create(a.pairQuestion, new Shape(pairs));
    pairWords = m.create(pairW, new Shape(pairs, maxP));
    pairMatch = m.create(a.pairMatch, new Shape(pairs, maxP, Feature.Group.MATCH.width()));
    Shape slots = new Shape(questions, maxS);
    // Answering one question reads the slots in Java (SlotReader): nine arrays it need not copy.
    Shape keyLengths = new Shape(questions, maxS, 1);
    Shape features = new Shape(questions, maxS, Feature.Group.SLOT.width());
    BatchArrays.SlotIndex s = a.slotIndex;
    makeSlotTensors = () -> new SlotTensors(m.create(s.start(), slots), m.create(s.end(), slots),
        m.create(s.keyFirst(), slots), m.create(s.keyEnd(), slots), m.create(a.keyLengths, keyLengths),
        m.create(s.length(), slots), m.create(s.features(), features), m.create(a.slotMask, slots),
        m.create(a.gold, slots));
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
