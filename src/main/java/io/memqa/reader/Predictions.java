package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.memqa.memory.Memory;
import io.memqa.memory.Slot;
import io.memqa.text.AnswerNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turning network scores into ranked answers; shared by answering and validation. */
final class Predictions {
  private Predictions() {}

  /** Slot probabilities and hop attention for each example, cut to its own slots. */
  record Batch(float[][] probabilities, List<float[][]> attention) {}

  static float[][] probabilities(KvMemNet net, List<Example> examples, NDManager root) {
    return run(net, examples, root, false).probabilities();
  }

  static Batch run(KvMemNet net, List<Example> examples, NDManager root, boolean withAttention) {
    try (NDManager m = root.newSubManager()) {
      BatchTensors batch = new BatchTensors(m, examples, net.config, true);
      KvMemNet.Output out = net.forward(batch, false);
      float[][] probs = split(out.scores().softmax(1), examples);
      List<float[][]> hops = new ArrayList<>();
      if (withAttention) {
        for (NDArray a : out.attention()) {
          hops.add(split(a, examples));
        }
      }
      return new Batch(probs, hops);
    }
  }

  private static float[][] split(NDArray rows, List<Example> examples) {
    float[] all = rows.toFloatArray();
    int width = (int) rows.getShape().get(1);
    float[][] out = new float[examples.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = java.util.Arrays.copyOfRange(all, i * width, i * width + examples.get(i).slots());
    }
    return out;
  }

  /** The memory slots an example kept, in example order. */
  static List<Slot> slots(Memory memory, Example example) {
    if (example.slots() == memory.slots().size()) {
      return memory.slots();
    }
    List<Slot> kept = new ArrayList<>(example.slots());
    for (int i : example.slotIndex()) {
      kept.add(memory.slots().get(i));
    }
    return kept;
  }

  /**
   * The {@code k} best distinct answers: slots with the same normalised text pool their
   * probability, and each answer is shown by its most probable slot.
   */
  static List<Reading.Candidate> rank(Memory memory, Example example, float[] probs, int k) {
    List<Slot> slots = slots(memory, example);
    Map<String, double[]> total = new HashMap<>();
    Map<String, Integer> bestSlot = new HashMap<>();
    for (int i : top(probs, POOLED)) {
      if (probs[i] < 1e-5f) {
        continue;
      }
      String key = AnswerNormalizer.normalize(memory.valueText(slots.get(i)));
      total.computeIfAbsent(key, x -> new double[1])[0] += probs[i];
      Integer b = bestSlot.get(key);
      if (b == null || probs[i] > probs[b]) {
        bestSlot.put(key, i);
      }
    }
    return total.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0])
            .thenComparing(Map.Entry::getKey))
        .limit(k)
        .map(e -> {
          Slot s = slots.get(bestSlot.get(e.getKey()));
          return new Reading.Candidate(s, memory.valueText(s), e.getValue()[0]);
        })
        .toList();
  }

  /** How many of the most probable slots are pooled into answers; the rest hardly matter. */
  private static final int POOLED = 64;

  /** Indices of the {@code n} largest values, largest first (ties by lower index). */
  static int[] top(float[] values, int n) {
    int k = Math.min(n, values.length);
    int[] best = new int[k];
    int size = 0;
    for (int i = 0; i < values.length; i++) {
      if (size == k && values[i] <= values[best[k - 1]]) {
        continue;
      }
      int j = size < k ? size++ : k - 1;
      while (j > 0 && values[best[j - 1]] < values[i]) {
        best[j] = best[j - 1];
        j--;
      }
      best[j] = i;
    }
    return best;
  }

  /** The {@code k} most attended slots of each hop. */
  static List<List<Reading.Attention>> attended(List<Slot> slots, List<float[]> hops, int k) {
    List<List<Reading.Attention>> out = new ArrayList<>();
    for (float[] weights : hops) {
      List<Reading.Attention> best = new ArrayList<>();
      for (int i : top(weights, k)) {
        best.add(new Reading.Attention(slots.get(i), weights[i]));
      }
      out.add(best);
    }
    return out;
  }
}
