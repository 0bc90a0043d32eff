package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.memory.Slot;
import io.memqa.text.AnswerNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained reader loaded for answering. Thread-safe: the weights are shared read-only and each
 * call works in its own NDManager, closed before it returns, so nothing leaks.
 */
public final class Reader implements AutoCloseable {
  private final NDManager root;
  private final KvMemNet net;
  private final Featurizer featurizer;
  private final MemoryBuilder memoryBuilder;

  Reader(NDManager root, KvMemNet net) {
    this.root = root;
    this.net = net;
    this.featurizer = new Featurizer(net.config.buckets(), net.config.maxPassageTokens());
    this.memoryBuilder = new MemoryBuilder(net.config.memory());
  }

  /** Loads the model saved in {@code dir}, with a clear error for a missing or broken one. */
  public static Reader load(Path dir) throws IOException {
    ReaderConfig config = ModelFiles.readConfig(dir);
    NDManager root = NDManager.newBaseManager();
    try {
      KvMemNet net = KvMemNet.create(config, root, 0);
      try (InputStream in = Files.newInputStream(dir.resolve(ModelFiles.WEIGHTS))) {
        net.params.load(in);
      } catch (IOException | RuntimeException e) {
        throw new IOException("model at " + dir + " has corrupt or truncated weights: " + ModelFiles.firstLine(e), e);
      }
      return new Reader(root, net);
    } catch (IOException | RuntimeException e) {
      root.close();
      throw e;
    }
  }

  public ReaderConfig config() {
    return net.config;
  }

  /** Builds memories the way this reader was trained to read them. */
  public MemoryBuilder memoryBuilder() {
    return memoryBuilder;
  }

  /**
   * Reads {@code memory} and returns up to {@code answers} distinct answers and the
   * {@code attended} most attended slots of each hop.
   */
  public Reading read(Memory memory, int answers, int attended) {
    if (answers < 1) {
      throw new IllegalArgumentException("answers must be at least 1");
    }
    if (memory.slots().isEmpty()) {
      return new Reading(List.of(), List.of());
    }
    Example example = featurizer.encode(memory);
    float[] scores;
    List<float[]> hops = new ArrayList<>();
    try (NDManager m = root.newSubManager()) {
      BatchTensors batch = new BatchTensors(m, List.of(example), net.config.maxSpanWords());
      KvMemNet.Output out = net.forward(batch, false);
      scores = out.scores().get(0).softmax(0).toFloatArray();
      for (NDArray a : out.attention()) {
        hops.add(a.get(0).toFloatArray());
      }
    }
    List<Slot> slots = usableSlots(memory, example);
    return new Reading(best(memory, slots, scores, answers), attention(slots, hops, attended));
  }

  /** The memory's slots that the featurizer kept, in example order. */
  private static List<Slot> usableSlots(Memory memory, Example example) {
    if (example.slots() == memory.slots().size()) {
      return memory.slots();
    }
    List<Slot> kept = new ArrayList<>(example.slots());
    for (int i = 0; i < example.slots(); i++) {
      kept.add(new Slot(example.slotPassage()[i], example.slotStart()[i], example.slotEnd()[i],
          example.slotKeyFirst()[i], example.slotKeyLast()[i]));
    }
    return kept;
  }

  private static List<Reading.Candidate> best(Memory memory, List<Slot> slots, float[] probs, int k) {
    Map<String, double[]> total = new LinkedHashMap<>();
    Map<String, Integer> bestSlot = new LinkedHashMap<>();
    for (int i = 0; i < slots.size(); i++) {
      if (probs[i] < 1e-6) {
        continue;
      }
      String key = AnswerNormalizer.normalize(memory.valueText(slots.get(i)));
      double[] sum = total.computeIfAbsent(key, x -> new double[1]);
      sum[0] += probs[i];
      Integer b = bestSlot.get(key);
      if (b == null || probs[i] > probs[b]) {
        bestSlot.put(key, i);
      }
    }
    return total.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0]))
        .limit(k)
        .map(e -> {
          Slot s = slots.get(bestSlot.get(e.getKey()));
          return new Reading.Candidate(s, memory.valueText(s), e.getValue()[0]);
        })
        .toList();
  }

  private static List<List<Reading.Attention>> attention(List<Slot> slots, List<float[]> hops, int k) {
    List<List<Reading.Attention>> out = new ArrayList<>();
    for (float[] weights : hops) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < slots.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingDouble(i -> -weights[i]));
      List<Reading.Attention> top = new ArrayList<>();
      for (int i = 0; i < Math.min(k, order.size()); i++) {
        top.add(new Reading.Attention(slots.get(order.get(i)), weights[order.get(i)]));
      }
      out.add(top);
    }
    return out;
  }

  @Override
  public void close() {
    net.close();
    root.close();
  }
}
