package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.index.NDIndex;

/**
 * Adam with global-norm gradient clipping, written by hand: DJL's built-in optimizers trip over
 * PyTorch's gradient types. It also zeroes the gradients after each step, since PyTorch
 * accumulates them.
 */
final class Adam implements AutoCloseable {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPS = 1e-8f;

  private final List<NDArray> params;
  private final Map<String, NDArray> tables = new LinkedHashMap<>();
  private final Map<String, NDArray[]> tableMoments = new LinkedHashMap<>();
  private final NDManager manager;
  private final List<NDArray> first = new ArrayList<>();
  private final List<NDArray> second = new ArrayList<>();
  private final float clip;
  private long steps;

  /** Dense Adam for every parameter except {@code sparse}, which get lazy (row-wise) Adam. */
  Adam(Params params, List<String> sparse, float clip) {
    this.params = new ArrayList<>();
    this.manager = params.manager().newSubManager();
    this.clip = clip;
    for (Map.Entry<String, NDArray> e : params.named().entrySet()) {
      NDArray p = e.getValue();
      if (sparse.contains(e.getKey())) {
        tables.put(e.getKey(), p);
        tableMoments.put(e.getKey(), new NDArray[] {manager.zeros(p.getShape()), manager.zeros(p.getShape())});
      } else {
        this.params.add(p);
        first.add(manager.zeros(p.getShape()));
        second.add(manager.zeros(p.getShape()));
      }
    }
  }

  /** The dense parameters, which need gradients recorded. */
  List<NDArray> denseParameters() {
    return params;
  }

  long steps() {
    return steps;
  }

  /**
   * Applies one update with learning rate {@code lr} to the dense parameters and {@code tableLr}
   * to the sparse tables (0 leaves the tables and their moments as they are). {@code gathered}
   * holds, per sparse table, the rows the batch used ({@code rows}) and the leaf they were read
   * into. Returns the gradient norm before clipping. A gradient that is not finite (NaN or
   * infinite anywhere) changes nothing: the step is skipped, the gradients are cleared and NaN is
   * returned, so that one bad batch cannot turn every weight into NaN.
   */
  float step(float lr, float tableLr, Map<String, NDArray> gathered, Map<String, NDArray> rows) {
    steps++;
    try (NDManager tmp = manager.newSubManager()) {
      List<NDArray> grads = new ArrayList<>(params.size());
      double sq = 0;
      for (NDArray p : params) {
        NDArray g = p.getGradient();
        g.attach(tmp);
        grads.add(g);
        sq += g.square().sum().getFloat();
      }
      Map<String, NDArray> sparseGrads = new LinkedHashMap<>();
      for (String t : tables.keySet()) {
        NDArray g = gathered.get(t).getGradient();
        g.attach(tmp);
        sparseGrads.put(t, g);
        sq += g.square().sum().getFloat();
      }
      float norm = (float) Math.sqrt(sq);
      if (!Float.isFinite(norm)) {
        steps--;
        for (NDArray g : grads) {
          g.set(new NDIndex("..."), 0f); // multiplying by 0 would keep NaN, and PyTorch accumulates
        }
        return Float.NaN;
      }
      float scale = norm > clip ? clip / norm : 1f;
      float c1 = (float) (1 - Math.pow(BETA1, steps));
      float c2 = (float) (1 - Math.pow(BETA2, steps));
      for (int i = 0; i < params.size(); i++) {
        NDArray g = grads.get(i);
        if (scale != 1f) {
          g.muli(scale);
        }
        NDArray m = first.get(i);
        NDArray v = second.get(i);
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.square().muli(1 - BETA2));
        NDArray mHat = m.div(c1);
        mHat.attach(tmp);
        NDArray vHat = v.div(c2);
        vHat.attach(tmp);
        NDArray update = mHat.div(vHat.sqrt().addi(EPS)).muli(lr);
        params.get(i).subi(update);
        g.muli(0);
      }
      for (Map.Entry<String, NDArray> e : sparseGrads.entrySet()) {
        if (tableLr > 0) {
          lazyUpdate(e.getKey(), rows.get(e.getKey()), e.getValue().muli(scale), tableLr, c1, c2, tmp);
        }
      }
      return norm;
    }
  }

  /** Adam on the used rows only; duplicate ids never occur since batches gather unique rows. */
  private void lazyUpdate(String table, NDArray ids, NDArray g, float lr, float c1, float c2, NDManager tmp) {
    NDIndex at = new NDIndex("{}", ids);
    NDArray[] mv = tableMoments.get(table);
    NDArray m = mv[0].get(tmp, at).muli(BETA1).addi(g.mul(1 - BETA1));
    NDArray v = mv[1].get(tmp, at).muli(BETA2).addi(g.square().muli(1 - BETA2));
    mv[0].set(at, m);
    mv[1].set(at, v);
    NDArray update = m.div(c1).div(v.div(c2).sqrt().addi(EPS)).muli(lr);
    NDArray param = tables.get(table);
    param.set(at, param.get(tmp, at).subi(update));
  }

  void save(OutputStream out) throws IOException {
    NDList all = new NDList();
    all.addAll(first);
    all.addAll(second);
    for (NDArray[] mv : tableMoments.values()) {
      all.add(mv[0]);
      all.add(mv[1]);
    }
    new java.io.DataOutputStream(out).writeLong(steps);
    all.encode(out);
  }

  void load(InputStream in) throws IOException {
    steps = new java.io.DataInputStream(in).readLong();
    try (NDManager tmp = manager.newSubManager()) {
      NDList all = NDList.decode(tmp, in);
      if (all.size() != 2 * params.size() + 2 * tableMoments.size()) {
        throw new IOException("optimizer state does not match the model");
      }
      for (int i = 0; i < params.size(); i++) {
        first.get(i).set(all.get(i).toByteBuffer());
        second.get(i).set(all.get(params.size() + i).toByteBuffer());
      }
      int k = 2 * params.size();
      for (NDArray[] mv : tableMoments.values()) {
        mv[0].set(all.get(k++).toByteBuffer());
        mv[1].set(all.get(k++).toByteBuffer());
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
