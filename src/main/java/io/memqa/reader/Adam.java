package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

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
  private final NDManager manager;
  private final List<NDArray> first = new ArrayList<>();
  private final List<NDArray> second = new ArrayList<>();
  private final float clip;
  private long steps;

  Adam(Params params, float clip) {
    this.params = new ArrayList<>(params.all());
    this.manager = params.manager().newSubManager();
    this.clip = clip;
    for (NDArray p : this.params) {
      first.add(manager.zeros(p.getShape()));
      second.add(manager.zeros(p.getShape()));
    }
  }

  long steps() {
    return steps;
  }

  /** Applies one update with learning rate {@code lr}; returns the gradient norm before clipping. */
  float step(float lr) {
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
      float norm = (float) Math.sqrt(sq);
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
      return norm;
    }
  }

  void save(OutputStream out) throws IOException {
    NDList all = new NDList();
    all.addAll(first);
    all.addAll(second);
    new java.io.DataOutputStream(out).writeLong(steps);
    all.encode(out);
  }

  void load(InputStream in) throws IOException {
    steps = new java.io.DataInputStream(in).readLong();
    try (NDManager tmp = manager.newSubManager()) {
      NDList all = NDList.decode(tmp, in);
      if (all.size() != 2 * params.size()) {
        throw new IOException("optimizer state does not match the model");
      }
      for (int i = 0; i < params.size(); i++) {
        first.get(i).set(all.get(i).toByteBuffer());
        second.get(i).set(all.get(params.size() + i).toByteBuffer());
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
