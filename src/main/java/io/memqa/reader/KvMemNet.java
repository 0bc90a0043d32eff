package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
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
 * The key-value memory network. Passages are encoded once per batch by a BiLSTM over hashed
 * word and bigram embeddings; a question-aware layer adds exact/stem/bigram match features and
 * attention-aligned question states (as in DrQA). Each slot's value is its span (start and end
 * states plus a length embedding); its key is the mean over its window plus slot features. The
 * question reads the memory for H hops (q ← R_h(q + Σ softmax(q·k) v)); a candidate's score is
 * the final q against its value plus the last hop's key match and a linear slot-feature term.
 *
 * <p>Every intermediate array is created from a batch array first, so it lands in the batch's
 * NDManager and is freed with it; parameters stay in their own manager.
 */
final class KvMemNet implements AutoCloseable {
  private static final float MASK = 1e4f;

  final ReaderConfig config;
  final Params params;

  /** The embedding tables, updated sparsely: only the rows a batch uses are gathered and trained. */
  static final List<String> SPARSE = List.of("emb.word", "emb.bigram", "emb.idf");

  /**
   * Scores per slot ([B,S], padding at -1e4), the attention of every hop ([B,S] each), and in
   * training the gathered embedding rows (leaves whose gradients the optimizer applies).
   */
  record Output(NDArray scores, List<NDArray> attention, Map<String, NDArray> gathered) {}

  private KvMemNet(ReaderConfig config, Params params) {
    this.config = config;
    this.params = params;
  }

  static KvMemNet create(ReaderConfig c, NDManager parent, long seed) {
    Params p = new Params(parent.newSubManager());
    SplittableRandom rnd = new SplittableRandom(seed);
    int e = c.embedDim();
    int d = c.width();
    int h = c.hidden();
    int m5 = Example.MATCH_FEATURES + 2;
    p.normal("emb.word", rnd, 0.1, c.buckets(), e);
    p.normal("emb.bigram", rnd, 0.05, c.buckets(), e);
    p.zeros("emb.idf", c.buckets(), 1);
    p.normal("emb.type", rnd, 0.1, QuestionType.values().length, d);
    p.normal("emb.len", rnd, 0.1, c.maxSpanWords() + 1, d);
    if (c.encoder().equals("cnn")) {
      kernel(p, rnd, "cnn.p1", e + Example.SHAPE_FEATURES, d);
      kernel(p, rnd, "cnn.p2", d, d);
      kernel(p, rnd, "cnn.q1", e, d);
    } else {
      lstm(p, rnd, "lstm.p", e + Example.SHAPE_FEATURES, h);
      lstm(p, rnd, "lstm.q", e, h);
    }
    p.glorot("q.pool", rnd, d, 1);
    p.glorot("align", rnd, d, d);
    p.glorot("gate.passage", rnd, d, d);
    p.glorot("gate.aligned", rnd, d, d);
    p.glorot("gate.product", rnd, d, d);
    p.glorot("gate.match", rnd, m5, d);
    p.zeros("gate.b", d);
    p.glorot("value.start", rnd, d, d);
    p.glorot("value.end", rnd, d, d);
    p.glorot("key.window", rnd, d, d);
    p.glorot("key.match", rnd, m5, d);
    p.glorot("key.feat", rnd, Example.SLOT_FEATURES, d);
    p.glorot("hop.q0", rnd, d, d);
    for (int i = 0; i < c.hops(); i++) {
      p.glorot("hop.r" + i, rnd, d, d);
    }
    p.zeros("score.feat", Example.SLOT_FEATURES, 1);
    return new KvMemNet(c, p);
  }

  /** A width-3 convolution kernel in PyTorch's [out, in, 3] layout, Glorot-initialised. */
  private static void kernel(Params p, SplittableRandom rnd, String name, int in, int out) {
    p.uniform(name, rnd, Math.sqrt(6.0 / (3.0 * in + 3.0 * out)), out, in, 3);
  }

  private static void lstm(Params p, SplittableRandom rnd, String name, int in, int h) {
    double limit = 1 / Math.sqrt(h);
    for (String dir : new String[] {"f", "r"}) {
      p.uniform(name + "." + dir + ".w_ih", rnd, limit, 4L * h, in);
      p.uniform(name + "." + dir + ".w_hh", rnd, limit, 4L * h, h);
      p.uniform(name + "." + dir + ".b_ih", rnd, limit, 4L * h);
      p.uniform(name + "." + dir + ".b_hh", rnd, limit, 4L * h);
    }
  }

  Output forward(BatchTensors b, boolean training) {
    NDManager m = b.passageWords.getManager();
    int d = config.width();
    float drop = training ? config.dropout() : 0f;

    Map<String, NDArray> gathered = new LinkedHashMap<>();
    NDArray wordTable = gather("emb.word", b.wordRows, training, gathered);
    NDArray bigramTable = gather("emb.bigram", b.bigramRows, training, gathered);
    NDArray idfTable = gather("emb.idf", b.wordRows, training, gathered);
    NDArray pEmb = dropout(rows(wordTable, b.passageWords).add(rows(bigramTable, b.passageBigrams)), drop, training);
    NDArray pIn = pEmb.concat(b.passageShape, 2).mul(b.passageMask.expandDims(2));
    NDArray hp = config.encoder().equals("cnn")
        ? cnn(pIn, new String[] {"cnn.p1", "cnn.p2"}, new int[] {1, 2}, b.passageMask, drop, training)
        : bilstm(pIn, "lstm.p", training); // [U,P,D]
    NDArray qEmb = dropout(rows(wordTable, b.questionWords).add(rows(bigramTable, b.questionBigrams)), drop, training);
    NDArray hq = config.encoder().equals("cnn")
        ? cnn(qEmb.mul(b.questionMask.expandDims(2)), new String[] {"cnn.q1"}, new int[] {1}, b.questionMask, drop, training)
        : bilstm(qEmb, "lstm.q", training); // [B,Q,D]

    NDArray qMaskAdd = b.questionMask.sub(1).mul(MASK);
    NDArray pool = hq.matMul(p("q.pool")).squeeze(2).add(qMaskAdd).softmax(1); // [B,Q]
    NDArray q0 = pool.expandDims(1).matMul(hq).squeeze(1).add(embed(b.questionType, "emb.type")); // [B,D]

    int n = b.pairs;
    int len = b.passageLength;
    int ql = b.questionLength;
    // Question-independent projections are computed once per passage row, then copied to pairs.
    NDArray hpProjected = hp.matMul(fused(m, 1, "align", "gate.passage")); // [U,P,2D]
    NDArray hpN;
    NDArray pa;
    NDArray hpGate;
    if (b.identityPairs) {
      hpN = hp;
      pa = Activation.relu(hpProjected.get(":, :, 0:" + d));
      hpGate = hpProjected.get(":, :, " + d + ":");
    } else {
      NDArray perPassage = NDArrays.concat(new NDList(hp, hpProjected), 2);
      NDArray perPair = rows(perPassage.reshape(b.passages, (long) len * 3 * d), b.pairPassage).reshape(n, len, 3L * d);
      hpN = perPair.get(":, :, 0:" + d);
      pa = Activation.relu(perPair.get(":, :, " + d + ":" + 2 * d));
      hpGate = perPair.get(":, :, " + 2 * d + ":");
    }
    NDArray qAlign = Activation.relu(hq.matMul(p("align")));
    NDArray hqN = b.identityPairs ? hq : rows(hq.reshape(b.questions, (long) ql * d), b.pairQuestion).reshape(n, ql, d);
    NDArray qMaskN = (b.identityPairs ? qMaskAdd : rows(qMaskAdd, b.pairQuestion)).expandDims(1); // [N,1,Q]
    NDArray qa = b.identityPairs
        ? qAlign
        : rows(qAlign.reshape(b.questions, (long) ql * d), b.pairQuestion).reshape(n, ql, d);
    NDArray aligned = pa.matMul(qa.transpose(0, 2, 1)).add(qMaskN).softmax(2).matMul(hqN); // [N,P,D]
    NDArray idf = Activation.softPlus(rows(idfTable, b.pairWords)); // [N,P,1]
    NDArray match = b.pairMatch.concat(b.pairMatch.get(":, :, 0:2").mul(idf), 2); // [N,P,5]
    NDArray gated =
        Activation.relu(
            NDArrays.concat(new NDList(aligned, hpN.mul(aligned), match), 2)
                .matMul(fused(m, 0, "gate.aligned", "gate.product", "gate.match"))
                .add(hpGate)
                .add(p("gate.b")));
    gated = dropout(gated, drop, training); // [N,P,D]

    // Project per token, then gather per slot: linear maps commute with picking and averaging,
    // and there are several times more slots than tokens.
    NDArray projected = gated.matMul(fused(m, 1, "value.start", "value.end", "key.window")); // [N,P,3D]
    NDArray tokenValues = projected.get(":, :, 0:" + 2 * d).reshape((long) n * len, 2L * d);
    NDArray value = rows(tokenValues.get(":, 0:" + d), b.slotStart)
        .add(rows(tokenValues.get(":, " + d + ":"), b.slotEnd))
        .add(rows(p("emb.len"), b.slotLength));
    NDArray keyIn = projected.get(":, :, " + 2 * d + ":").add(match.matMul(p("key.match"))); // [N,P,D]
    NDArray prefix = m.zeros(new Shape(n, 1, d)).concat(keyIn.cumSum(1), 1).reshape((long) n * (len + 1), d);
    NDArray window = rows(prefix, b.slotKeyLast).sub(rows(prefix, b.slotKeyFirst)).div(b.slotKeyLength);
    NDArray key = window.add(b.slotFeatures.matMul(p("key.feat")));
    NDArray slotMaskAdd = b.slotMask.sub(1).mul(MASK);

    NDArray q = q0.matMul(p("hop.q0"));
    List<NDArray> attention = new ArrayList<>(config.hops());
    NDArray logit = null;
    for (int h = 0; h < config.hops(); h++) {
      logit = key.matMul(q.expandDims(2)).squeeze(2); // [B,S]
      NDArray a = logit.add(slotMaskAdd).softmax(1);
      attention.add(a);
      NDArray o = a.expandDims(1).matMul(value).squeeze(1); // [B,D]
      q = q.add(o).matMul(p("hop.r" + h));
    }
    NDArray scores =
        value.matMul(q.expandDims(2)).squeeze(2)
            .add(logit)
            .add(b.slotFeatures.matMul(p("score.feat")).squeeze(2))
            .add(slotMaskAdd);
    return new Output(scores, attention, gathered);
  }

  /** Whether this network may read several segments packed into one row (see BatchTensors). */
  boolean packs() {
    return config.encoder().equals("cnn");
  }

  private final Map<String, NDArray> frozen = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean isFrozen;

  /**
   * Several weight matrices joined along {@code axis}, so that one matrix product serves them
   * all. Training joins them anew each step (the weights change; the join is part of the graph);
   * a frozen network joins them once.
   */
  private NDArray fused(NDManager batch, int axis, String... names) {
    String key = axis + ":" + String.join(",", names);
    NDArray f = frozen.get(key);
    if (f != null) {
      return f;
    }
    NDList parts = new NDList();
    for (String n : names) {
      parts.add(p(n));
    }
    NDArray joined = NDArrays.concat(parts, axis);
    if (isFrozen) {
      joined.attach(params.manager());
      NDArray raced = frozen.putIfAbsent(key, joined);
      if (raced != null) {
        joined.close();
        return raced;
      }
      return joined;
    }
    joined.attach(batch);
    return joined;
  }

  /** Marks the weights as final (inference only): joined matrices are built once and kept. */
  void freeze() {
    isFrozen = true;
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

  private NDArray embed(NDArray ids, String table) {
    return rows(p(table), ids);
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
   * Convolutions of width 3 (with the given dilations) and ReLU, the alternative to the BiLSTM:
   * cheaper on CPU.
   */
  private NDArray cnn(NDArray x, String[] layers, int[] dilations, NDArray mask, float drop, boolean training) {
    NDArray h = x.transpose(0, 2, 1); // [N,C,T]
    NDArray m = mask.expandDims(1);
    for (int i = 0; i < layers.length; i++) {
      NDArray y = ai.djl.nn.convolutional.Conv1d.conv1d(h, p(layers[i]), null, new Shape(1),
          new Shape(dilations[i]), new Shape(dilations[i])).singletonOrThrow();
      y = Activation.relu(y).mul(m);
      h = i == 0 ? y : y.add(h);
      if (i + 1 < layers.length) {
        h = dropout(h, drop, training);
      }
    }
    return h.transpose(0, 2, 1);
  }

  private NDArray bilstm(NDArray x, String name, boolean training) {
    NDManager m = x.getManager();
    long batch = x.getShape().get(0);
    int h = config.hidden();
    NDList weights = new NDList();
    for (String dir : new String[] {"f", "r"}) {
      weights.add(p(name + "." + dir + ".w_ih"));
      weights.add(p(name + "." + dir + ".w_hh"));
      weights.add(p(name + "." + dir + ".b_ih"));
      weights.add(p(name + "." + dir + ".b_hh"));
    }
    NDList state = new NDList(m.zeros(new Shape(2, batch, h)), m.zeros(new Shape(2, batch, h)));
    return x.getNDArrayInternal().lstm(x, state, weights, true, 1, 0, training, true, true).get(0);
  }

  @Override
  public void close() {
    params.close();
  }
}
