package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An exponential moving average of every weight over the training steps of a run, as BiDAF and
 * QANet evaluate with: it averages out the noise of single updates (for memqa's one- and
 * two-epoch readers it did not score better than the last weights; README, Training). It
 * starts at zero and is divided by {@code 1 - decay^steps} when read (as Adam corrects its
 * moments), so early random weights do not linger in it. Not thread-safe: updated between steps.
 */
final class WeightAverage implements AutoCloseable {
  private final float decay;
  private final List<NDArray> weights = new ArrayList<>();
  private final List<NDArray> averages = new ArrayList<>();
  private final NDManager manager;
  private long steps;

  /** @param decay the share of the average kept at each step, in (0, 1) */
  WeightAverage(Params params, float decay) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("average decay must be in (0,1): " + decay);
    }
    this.decay = decay;
    this.manager = params.manager().newSubManager();
    for (Map.Entry<String, NDArray> e : params.named().entrySet()) {
      weights.add(e.getValue());
      averages.add(manager.zeros(e.getValue().getShape()));
    }
  }

  long steps() {
    return steps;
  }

  /** Takes the current weights into the average (after an update). */
  void update() {
    steps++;
    try (NDManager tmp = manager.newSubManager()) {
      for (int i = 0; i < weights.size(); i++) {
        NDArray w = weights.get(i).mul(1 - decay);
        w.attach(tmp);
        averages.get(i).muli(decay).addi(w);
      }
    }
  }

  /**
   * Puts the averaged weights in place of the current ones and returns the current ones, to be
   * given back to {@link #restore}; with no step taken yet, nothing changes.
   */
  NDList swapIn() {
    NDList current = new NDList();
    float correction = (float) (1 - Math.pow(decay, steps));
    for (int i = 0; i < weights.size(); i++) {
      NDArray w = weights.get(i);
      current.add(w.duplicate());
      if (steps > 0) {
        try (NDArray avg = averages.get(i).div(correction)) {
          w.set(avg.toByteBuffer());
        }
      }
    }
    current.attach(manager);
    return current;
  }

  /** Puts back the weights {@link #swapIn} returned, and frees them. */
  void restore(NDList current) {
    for (int i = 0; i < weights.size(); i++) {
      weights.get(i).set(current.get(i).toByteBuffer());
    }
    current.close();
  }

  void save(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeFloat(decay);
    data.writeLong(steps);
    new NDList(averages).encode(out);
  }

  /**
   * Loads a saved average.
   *
   * @throws IOException when it was saved with another decay or for other weights
   */
  void load(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    float saved = data.readFloat();
    if (saved != decay) {
      throw new IOException("the checkpoint averages its weights with decay " + saved + ", not " + decay);
    }
    long savedSteps = data.readLong();
    try (NDManager tmp = manager.newSubManager()) {
      NDList all = NDList.decode(tmp, in);
      if (all.size() != averages.size()) {
        throw new IOException("the weight average does not match the model");
      }
      for (int i = 0; i < averages.size(); i++) {
        if (!all.get(i).getShape().equals(averages.get(i).getShape())) {
          throw new IOException("the weight average does not match the model");
        }
        averages.get(i).set(all.get(i).toByteBuffer());
      }
    }
    steps = savedSteps;
  }

  @Override
  public void close() {
    manager.close();
  }
}
