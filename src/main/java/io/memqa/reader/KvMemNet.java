package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The key-value memory network. Words enter as hashed word and bigram embeddings (trained) plus,
 * when the model has them, frozen pretrained word vectors through a trained projection. A
 * convolutional encoder reads each passage segment once per batch, independently of the
 * question; a fusion layer joins it with the question (match features, attention-aligned question
 * states) and a second convolutional stack (the modelling layer) reads the fused, question-aware
 * states, so that span boundaries see their question-aware neighbourhood; optionally a
 * self-attention layer then lets each token read the rest of its segment. Each slot's value is its
 * span (start and end states plus a length embedding); its key is the mean over its window plus
 * slot features. The question reads the memory for H hops (q ← R_h(q + Σ softmax(q·k) v)); a
 * candidate's score is the final q against its value plus the last hop's key match and a linear
 * slot-feature term.
 *
 * <p>Every intermediate array is created from a batch array first, so it lands in the batch's
 * NDManager and is freed with it; parameters stay in their own manager. Thread-safe for
 * inference: forward only reads the weights.
 */
final class KvMemNet implements AutoCloseable {
  private static final float MASK = 1e4f;

  /** The embedding tables, updated sparsely: only the rows a batch uses are gathered and trained. */
  static final List<String> SPARSE = List.of(Layer.WORDS, Layer.BIGRAMS, Layer.IDF);

  /** Match features weighted by the learned word weight (idf-like): a rare word's match counts more. */
  static final List<Feature> WEIGHTED_MATCH = List.of(Feature.EXACT_MATCH, Feature.STEM_MATCH);

  /** The parameter names: one place, so that no layer is addressed by a string typed twice. */
  static final class Layer {
    static final String WORDS = "emb.word";
    static final String BIGRAMS = "emb.bigram";
    static final String IDF = "emb.idf";
    static final String QUESTION_TYPE = "emb.type";
    static final String SPAN_LENGTH = "emb.length";
    static final String VECTORS = "vectors.projection";
    static final String PASSAGE_ENCODER = "encoder.passage.";
    static final String QUESTION_ENCODER = "encoder.question.";
    static final String QUESTION_POOL = "question.pool";
    /** Question-independent projections of passage states: attention alignment and gate input. */
    static final String PASSAGE_PROJECTION = "passage.projection";
    static final String QUESTION_ALIGN = "question.align";
    static final String FUSION = "fusion";
    static final String FUSION_BIAS = "fusion.bias";
    static final String MODEL = "model.";
    /** Self-attention after the modelling layer: the bilinear match of two tokens, and the merge. */
    static final String SELF_MATCH = "self.match";
    static final String SELF_MERGE = "self.merge";
    static final String SELF_MERGE_BIAS = "self.merge.bias";
    /** Per token: span start, span end and key window contributions. */
    static final String SPAN_PROJECTION = "span.projection";
    static final String KEY_MATCH = "key.match";
    static final String KEY_FEATURES = "key.features";
    static final String HOP_START = "hop.start";
    static final String HOP = "hop.";
    static final String SCORE_FEATURES = "score.features";

    private Layer() {}
  }

  final ReaderConfig config;
  final Params params;
  private final Split pairParts;
  private final Split spanProjection;

  /**
   * Scores per slot ([B,S], padding at -1e4), the attention of every hop ([B,S] each), and in
   * training the gathered embedding rows (leaves whose gradients the optimizer applies).
   */
  record Output(NDArray scores, List<NDArray> attention, Map<String, NDArray> gathered) {}

  private KvMemNet(ReaderConfig config, Params params) {
    this.config = config;
    this.params = params;
    int d = config.width();
    this.pairParts = new Split("states", d, "align", d, "gate", d, "mask", 1);
    this.spanProjection = new Split("start", d, "end", d, "key", d);
  }

  static KvMemNet create(ReaderConfig c, NDManager parent, long seed) {
    Params p = new Params(parent.newSubManager());
    SplittableRandom rnd = new SplittableRandom(seed);
    int e = c.embedDim();
    int d = c.width();
    int match = matchWidth();
    int slot = Feature.Group.SLOT.width();
    p.normal(Layer.WORDS, rnd, 0.1, c.buckets(), e);
    p.normal(Layer.BIGRAMS, rnd, 0.05, c.buckets(), e);
    p.zeros(Layer.IDF, c.buckets(), 1);
    p.normal(Layer.QUESTION_TYPE, rnd, 0.1, QuestionType.values().length, d);
    p.normal(Layer.SPAN_LENGTH, rnd, 0.1, c.maxSpanWords() + 1, d);
    if (c.inputVectorDim() > 0) {
      p.glorot(Layer.VECTORS, rnd, c.inputVectorDim(), e);
    }
    int[] passageDilations = c.passageDilations();
    for (int i = 0; i < passageDilations.length; i++) {
      kernel(p, rnd, Layer.PASSAGE_ENCODER + i, i == 0 ? e + Feature.Group.TOKEN.width() : d, d);
    }
    kernel(p, rnd, Layer.QUESTION_ENCODER + 0, e, d);
    p.glorot(Layer.QUESTION_POOL, rnd, d, 1);
    p.glorot(Layer.PASSAGE_PROJECTION, rnd, d, 2L * d);
    p.glorot(Layer.QUESTION_ALIGN, rnd, d, d);
    p.glorot(Layer.FUSION, rnd, 2L * d + match, d);
    p.zeros(Layer.FUSION_BIAS, d);
    int[] modelDilations = c.modelDilations();
    for (int i = 0; i < modelDilations.length; i++) {
      kernel(p, rnd, Layer.MODEL + i, d, d);
    }
    if (c.selfAttention()) {
      p.glorot(Layer.SELF_MATCH, rnd, d, d);
      p.glorot(Layer.SELF_MERGE, rnd, 2L * d, d);
      p.zeros(Layer.SELF_MERGE_BIAS, d);
    }
    p.glorot(Layer.SPAN_PROJECTION, rnd, d, 3L * d);
    p.glorot(Layer.KEY_MATCH, rnd, match, d);
    p.glorot(Layer.KEY_FEATURES, rnd, slot, d);
    p.glorot(Layer.HOP_START, rnd, d, d);
    for (int i = 0; i < c.hops(); i++) {
      p.glorot(Layer.HOP + i, rnd, d, d);
    }
    p.zeros(Layer.SCORE_FEATURES, slot, 1);
    return new KvMemNet(c, p);
  }

  /** Width of the match input: the match features plus the weighted copies of some of them. */
  private static int matchWidth() {
    return Feature.Group.MATCH.width() + WEIGHTED_MATCH.size();
  }

  /** A width-3 convolution kernel ({@link Convolution}), Glorot-initialised. */
  private static void kernel(Params p, SplittableRandom rnd, String name, int in, int out) {
    p.uniform(name, rnd, Math.sqrt(6.0 / (3.0 * in + 3.0 * out)), Convolution.kernelRows(in), out);
  }

  Output forward(BatchTensors b, boolean training) {
    return readSlots(tokens(b, training), b);
  }

  /**
   * Per token of every pair row, what the slots are made of: the span start and end
   * contributions and the key-window input [N,P,D] each; the question vector q0 [B,D]; and in
   * training the gathered embedding rows.
   */
  record TokenStates(NDArray start, NDArray end, NDArray key, NDArray q0, Map<String, NDArray> gathered) {}

  /** The network up to the slots: everything that is computed per token. */
  TokenStates tokens(BatchTensors b, boolean training) {
    return tokens(b, training, null);
  }

  /**
   * The network up to the slots, taking the passage encoder's states and their projections
   * [U,P,3D] ({@link #passageStates(BatchTensors)}) from {@code passages} when given (they depend
   * on the passages alone: {@link PassageStateCache}) instead of computing them.
   */
  TokenStates tokens(BatchTensors b, boolean training, NDArray passages) {
    Modelled m = modelled(b, training, passages);
    // Project per token, then gather per slot: linear maps commute with picking and averaging,
    // and there are several times more slots than tokens.
    Map<String, NDArray> span = spanProjection.apply(m.states().matMul(p(Layer.SPAN_PROJECTION)));
    NDArray keyIn = span.get("key").add(m.match().matMul(p(Layer.KEY_MATCH))); // [N,P,D]
    return new TokenStates(span.get("start"), span.get("end"), keyIn, m.q0(), m.gathered());
  }

  /**
   * For answering: per token of every pair row, the modelling layer's state and the match
   * features side by side [N,P,D+M], and the question vector q0 [B,D]. Times {@link
   * #slotRowWeights()} they give what {@link #tokens} computes; the slot reader ({@link
   * SlotReader}) multiplies them only by the few vectors it needs.
   */
  NDList slotInputs(BatchTensors b, NDArray passages) {
    Modelled m = modelled(b, false, passages);
    return new NDList(m.states().concat(m.match(), 2), m.q0());
  }

  /**
   * The span projection and the key's match term as one matrix [D+M, 3D]: {@link #slotInputs}
   * times this give the per-token span start, span end and key-window input. A snapshot of the
   * current weights, in their manager.
   */
  NDArray slotRowWeights() {
    NDArray key = p(Layer.KEY_MATCH); // [M,D]
    try (NDArray zeros = key.getManager().zeros(new Shape(key.getShape().get(0), 2L * config.width()));
        NDArray matchRows = zeros.concat(key, 1)) { // [M,3D]: nothing to start and end, the key's term
      return p(Layer.SPAN_PROJECTION).concat(matchRows, 0);
    }
  }

  /** The modelling layer's output [N,P,D], the match features [N,P,M], q0 [B,D], gathered rows. */
  private record Modelled(NDArray states, NDArray match, NDArray q0, Map<String, NDArray> gathered) {}

  private Modelled modelled(BatchTensors b, boolean training, NDArray passages) {
    float drop = training ? config.dropout() : 0f;

    Map<String, NDArray> gathered = new LinkedHashMap<>();
    NDArray wordTable = gather(Layer.WORDS, b.wordRows, training, gathered);
    NDArray bigramTable = gather(Layer.BIGRAMS, b.bigramRows, training, gathered);
    NDArray idfTable = gather(Layer.IDF, b.wordRows, training, gathered);

    NDArray qEmb = embed(wordTable, bigramTable, b.questionWords, b.questionBigrams, b.questionVectors);
    NDArray hq = cnn(dropout(qEmb, drop, training).mul(b.questionMask.expandDims(2)), Layer.QUESTION_ENCODER,
        new int[] {1}, b.questionMask, drop, training, false); // [B,Q,D]

    NDArray qMaskAdd = b.questionMask.sub(1).mul(MASK);
    NDArray pool = hq.matMul(p(Layer.QUESTION_POOL)).squeeze(2).add(qMaskAdd).softmax(1); // [B,Q]
    NDArray q0 = pool.expandDims(1).matMul(hq).squeeze(1).add(rows(p(Layer.QUESTION_TYPE), b.questionType)); // [B,D]

    // Question-independent projections once per passage row, then copied (in one gather) to the
    // (question, passage) pairs that read the row.
    NDList perPassage = new NDList();
    if (passages != null) {
      perPassage.add(passages);
    } else {
      NDArray hp = passageStates(b, wordTable, bigramTable, drop, training); // [U,P,D]
      perPassage.addAll(new NDList(hp, hp.matMul(p(Layer.PASSAGE_PROJECTION))));
    }
    perPassage.add(b.passageMask.expandDims(2));
    Map<String, NDArray> passage = pairParts.apply(perPair(b, ai.djl.ndarray.NDArrays.concat(perPassage, 2)));
    NDArray hpN = passage.get("states");
    NDArray pa = Activation.relu(passage.get("align"));
    NDArray passageGate = passage.get("gate");
    NDArray pairMask = passage.get("mask").squeeze(2);
    NDArray qa = perPairQuestion(b, Activation.relu(hq.matMul(p(Layer.QUESTION_ALIGN))));
    NDArray hqN = perPairQuestion(b, hq);
    NDArray qMaskN = (b.layout.identityPairs ? qMaskAdd : rows(qMaskAdd, b.pairQuestion)).expandDims(1); // [N,1,Q]
    NDArray aligned = pa.matMul(qa.transpose(0, 2, 1)).add(qMaskN).softmax(2).matMul(hqN); // [N,P,D]

    NDArray idf = Activation.softPlus(rows(idfTable, b.pairWords)); // [N,P,1]
    NDArray match = b.pairMatch.concat(weighted(b.pairMatch, idf), 2); // [N,P,M]
    NDArray fused = Activation.relu(
        ai.djl.ndarray.NDArrays.concat(new NDList(aligned, hpN.mul(aligned), match), 2)
            .matMul(p(Layer.FUSION))
            .add(passageGate)
            .add(p(Layer.FUSION_BIAS)));
    // Zero outside the tokens: a convolution must see padding and gaps as it sees the row's ends.
    fused = dropout(fused, drop, training).mul(pairMask.expandDims(2)); // [N,P,D]
    NDArray modelled = cnn(fused, Layer.MODEL, config.modelDilations(), pairMask, drop, training, true);
    if (config.selfAttention()) {
      modelled = selfAttend(modelled, pairMask, drop, training);
    }
    return new Modelled(modelled, match, q0, gathered);
  }

  /** Width of {@link #passageStates(BatchTensors)}' rows: the states, then their projections. */
  int passageStateWidth() {
    return 3 * config.width();
  }

  /**
   * At inference, what the network computes from a batch's passage rows alone [U,P,3D]: the
   * passage encoder's states and their question-independent projections (attention alignment
   * and gate input), so that a cached passage costs neither.
   */
  NDArray passageStates(BatchTensors b) {
    Map<String, NDArray> gathered = new LinkedHashMap<>();
    NDArray hp = passageStates(b, gather(Layer.WORDS, b.wordRows, false, gathered),
        gather(Layer.BIGRAMS, b.bigramRows, false, gathered), 0f, false);
    return hp.concat(hp.matMul(p(Layer.PASSAGE_PROJECTION)), 2);
  }

  private NDArray passageStates(BatchTensors b, NDArray wordTable, NDArray bigramTable, float drop, boolean training) {
    NDArray pEmb = embed(wordTable, bigramTable, b.passageWords, b.passageBigrams, b.passageVectors);
    NDArray pIn = dropout(pEmb, drop, training).concat(b.passageTokens, 2).mul(b.passageMask.expandDims(2));
    return cnn(pIn, Layer.PASSAGE_ENCODER, config.passageDilations(), b.passageMask, drop, training, false);
  }

  /** The slots and the memory hops, on arrays: what training differentiates. */
  Output readSlots(TokenStates t, BatchTensors b) {
    int d = config.width();
    int n = b.layout.pairs;
    int len = b.layout.passageLength;
    BatchTensors.SlotTensors slots = b.slotTensors();
    NDArray value = rows(t.start().reshape((long) n * len, d), slots.start())
        .add(rows(t.end().reshape((long) n * len, d), slots.end()))
        .add(rows(p(Layer.SPAN_LENGTH), slots.length()));
    NDArray keyIn = t.key();
    NDArray prefix = keyIn.zerosLike().get(":, 0:1, :").concat(keyIn.cumSum(1), 1).reshape((long) n * (len + 1), d);
    NDArray window = rows(prefix, slots.keyLast()).sub(rows(prefix, slots.keyFirst())).div(slots.keyLength());
    NDArray key = window.add(slots.features().matMul(p(Layer.KEY_FEATURES)));
    NDArray slotMaskAdd = slots.mask().sub(1).mul(MASK);

    NDArray q = t.q0().matMul(p(Layer.HOP_START));
    List<NDArray> attention = new ArrayList<>(config.hops());
    NDArray logit = null;
    for (int h = 0; h < config.hops(); h++) {
      logit = key.matMul(q.expandDims(2)).squeeze(2); // [B,S]
      NDArray a = logit.add(slotMaskAdd).softmax(1);
      attention.add(a);
      NDArray o = a.expandDims(1).matMul(value).squeeze(1); // [B,D]
      q = q.add(o).matMul(p(Layer.HOP + h));
    }
    NDArray scores =
        value.matMul(q.expandDims(2)).squeeze(2)
            .add(logit)
            .add(slots.features().matMul(p(Layer.SCORE_FEATURES)).squeeze(2))
            .add(slotMaskAdd);
    return new Output(scores, attention, t.gathered());
  }

  /**
   * Every token of a row reads the row's other tokens (R-Net's self-matching, bilinear): the
   * convolutions see a few neighbours, this lets an answer's evidence elsewhere in the segment
   * reach it. The attended context and its product with the token are merged back as a residual.
   * A row holds one segment here ({@link BatchTensors} does not pack for such a model).
   */
  private NDArray selfAttend(NDArray x, NDArray mask, float drop, boolean training) {
    long len = x.getShape().get(1);
    NDArray notSelf = x.getManager().eye((int) len).mul(-MASK).expandDims(0); // [1,P,P]
    NDArray others = mask.sub(1).mul(MASK).expandDims(1); // [N,1,P]
    NDArray a = x.matMul(p(Layer.SELF_MATCH)).matMul(x.transpose(0, 2, 1))
        .div((float) Math.sqrt(config.width())).add(others).add(notSelf).softmax(2); // [N,P,P]
    NDArray c = a.matMul(x);
    NDArray merged = Activation.relu(c.concat(x.mul(c), 2).matMul(p(Layer.SELF_MERGE)).add(p(Layer.SELF_MERGE_BIAS)));
    return dropout(merged, drop, training).mul(mask.expandDims(2)).add(x);
  }

  /** Hashed word and bigram embeddings, plus the projected pretrained vectors when present. */
  private NDArray embed(NDArray wordTable, NDArray bigramTable, NDArray words, NDArray bigrams, NDArray vectors) {
    NDArray e = rows(wordTable, words).add(rows(bigramTable, bigrams));
    return vectors == null ? e : e.add(vectors.matMul(p(Layer.VECTORS)));
  }

  /** The named match features multiplied by the learned word weight. */
  private static NDArray weighted(NDArray match, NDArray weight) {
    NDList parts = new NDList();
    for (Feature f : WEIGHTED_MATCH) {
      parts.add(match.get(":, :, " + f.index() + ":" + (f.index() + 1)).mul(weight));
    }
    return parts.size() == 1 ? parts.singletonOrThrow() : ai.djl.ndarray.NDArrays.concat(parts, 2);
  }

  /** A per-passage-row array [U,P,C] as one row per (question, passage) pair [N,P,C]. */
  private static NDArray perPair(BatchTensors b, NDArray perPassage) {
    return b.layout.identityPairs ? perPassage : gatherRows(perPassage, b.pairPassage, b.layout.pairs);
  }

  /** A per-question array [B,Q,C] as one row per pair [N,Q,C]. */
  private static NDArray perPairQuestion(BatchTensors b, NDArray perQuestion) {
    return b.layout.identityPairs ? perQuestion : gatherRows(perQuestion, b.pairQuestion, b.layout.pairs);
  }

  /** Rows of a [R,T,C] array picked by {@code ids}; the array must be contiguous (not a slice). */
  private static NDArray gatherRows(NDArray x, NDArray ids, int n) {
    Shape s = x.getShape();
    return rows(x.reshape(s.get(0), s.get(1) * s.get(2)), ids).reshape(n, s.get(1), s.get(2));
  }

  /** Mean negative log-likelihood of the gold slots (all occurrences of a gold answer count). */
  static NDArray loss(NDArray scores, NDArray gold) {
    NDArray all = logSumExp(scores);
    NDArray goldOnly = logSumExp(scores.add(gold.sub(1).mul(MASK)));
    return all.sub(goldOnly).mean();
  }

  private static NDArray logSumExp(NDArray x) {
    NDArray max = x.max(new int[] {1}, true).stopGradient();
    return x.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1));
  }

  /** The rows of a sparse table this batch needs; in training a fresh leaf that collects gradients. */
  private NDArray gather(String table, NDArray ids, boolean training, Map<String, NDArray> out) {
    NDArray sub = rows(p(table), ids);
    if (training) {
      sub.setRequiresGradient(true);
    }
    out.put(table, sub);
    return sub;
  }

  private NDArray p(String name) {
    return params.get(name);
  }

  /** Rows of {@code table} picked by {@code ids}, shaped like ids plus the row width. */
  private static NDArray rows(NDArray table, NDArray ids) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  private static NDArray dropout(NDArray x, float rate, boolean training) {
    if (!training || rate <= 0) {
      return x;
    }
    return x.getNDArrayInternal().dropout(x, rate, true).singletonOrThrow();
  }

  /**
   * Width-3 convolutions with the given dilations and ReLU over [N,T,C], each layer after the
   * first (or every layer, with {@code residualFirst}) added to its input; positions outside the
   * mask are zeroed after every layer so that nothing leaks across padding.
   */
  private NDArray cnn(NDArray x, String layer, int[] dilations, NDArray mask, float drop, boolean training,
      boolean residualFirst) {
    NDArray m = mask.expandDims(2);
    NDArray h = x;
    for (int i = 0; i < dilations.length; i++) {
      NDArray y = Activation.relu(Convolution.apply(h, p(layer + i), dilations[i])).mul(m);
      h = i == 0 && !residualFirst ? y : y.add(h);
      if (i + 1 < dilations.length) {
        h = dropout(h, drop, training);
      }
    }
    return h;
  }

  @Override
  public void close() {
    params.close();
  }
}
