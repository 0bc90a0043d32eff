package io.memqa.reader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.memqa.memory.Memory;
import io.memqa.memory.Slot;
import io.memqa.text.AnswerNormalizer;
import java.nio.FloatBuffer;
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

  /**
   * One question: the per-token part in plain Java ({@link TokenNetwork}) when {@code tokens} is
   * given, else on PyTorch, and the slots and hops in plain Java ({@link SlotReader}). Passage
   * states come from {@code cache} when given; only the segments it does not hold go through the
   * passage encoder.
   */
  static Batch runOne(KvMemNet net, SlotReader slots, TokenNetwork tokens, PassageStateCache cache, Example example,
      NDManager root) {
    try (NDManager m = root.newSubManager()) {
      List<Example> one = List.of(example);
      // With the passage states from the cache, the passage encoder's inputs are not needed.
      BatchArrays arrays = new BatchArrays(one, net.config, true, cache == null);
      float[] held = cache == null ? null : passageStates(net, tokens, cache, example, arrays, m);
      if (held == null && cache != null) {
        arrays = new BatchArrays(one, net.config, true, true);
      }
      float[] inputs;
      float[] q0;
      if (tokens != null) {
        float[] states = held != null ? held : tokens.passageStates(arrays);
        TokenNetwork.SlotInputs x = tokens.read(arrays, states);
        inputs = x.inputs();
        q0 = x.q0();
      } else {
        BatchTensors batch = new BatchTensors(m, arrays, net.config);
        NDArray states = held == null ? null
            : m.create(held, new Shape(arrays.passages, arrays.passageLength, net.passageStateWidth()));
        NDList out = net.slotInputs(batch, states);
        inputs = floats(out.get(0));
        q0 = floats(out.get(1));
      }
      SlotReader.Result r = slots.read(inputs, q0, arrays.slotIndex, example.slots(), arrays.passageLength);
      List<float[][]> hops = new ArrayList<>();
      for (float[] a : r.attention()) {
        hops.add(new float[][] {a});
      }
      return new Batch(new float[][] {SlotReader.softmax(r.scores())}, hops);
    }
  }

  /**
   * The passage states of the example's segments from the cache, encoding (and keeping) only the
   * segments it does not hold; null when they cannot all be held at once (a tiny cache).
   */
  private static float[] passageStates(KvMemNet net, TokenNetwork tokens, PassageStateCache cache, Example example,
      BatchArrays layout, NDManager m) {
    int width = net.passageStateWidth();
    List<Example.EncodedPassage> missing = cache.missing(example);
    if (!missing.isEmpty()) {
      Example segments = example.segmentsOnly(missing);
      BatchArrays b = new BatchArrays(List.of(segments), net.config, true, true);
      float[] states = tokens != null ? tokens.passageStates(b)
          : floats(net.passageStates(new BatchTensors(m, b, net.config)));
      cache.store(b.placed, b.passageLength, segments, states, width);
    }
    return cache.assemble(layout.placed, layout.passages, layout.passageLength, example, width);
  }

  /** A contiguous array's values, read straight from native memory (toFloatArray copies them twice). */
  private static float[] floats(NDArray a) {
    FloatBuffer values = a.toByteBuffer(true).asFloatBuffer();
    float[] out = new float[values.remaining()];
    values.get(out);
    return out;
  }

  private static float[][] split(NDArray rows, List<Example> examples) {
    float[] all = floats(rows);
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
   * A distinct candidate answer before calibration: its best slot (index in the example), its
   * text, and the network's probability with every slot of the same normalised text pooled.
   */
  record Pooled(Slot slot, int exampleSlot, String text, double probability) {}

  /**
   * The {@code k} best distinct answers by network probability: slots with the same normalised
   * text pool their probability, and each answer is shown by its most probable slot.
   */
  static List<Pooled> pooled(Memory memory, Example example, float[] probs, int k) {
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
          int i = bestSlot.get(e.getKey());
          Slot s = slots.get(i);
          return new Pooled(s, i, memory.valueText(s), e.getValue()[0]);
        })
        .toList();
  }

  /** The calibration signals of each candidate (see {@link Calibration.Signal}). */
  static double[][] signals(Memory memory, Example example, List<Pooled> candidates) {
    double[][] out = new double[candidates.size()][];
    for (int c = 0; c < out.length; c++) {
      Pooled p = candidates.get(c);
      // The strongest rival: the runner-up for the best answer, the best answer for the others.
      double rival = c > 0 ? candidates.get(0).probability() : candidates.size() > 1 ? candidates.get(1).probability() : 0;
      out[c] = Calibration.signals(p.probability(), rival, example.slotFeatures(p.exampleSlot()),
          memory.passages().size() == 1, QuestionType.values()[example.questionType()]);
    }
    return out;
  }

  /**
   * The network's most probable distinct answers in {@link AnswerChoice} order (at least its
   * {@link AnswerChoice#CANDIDATES} and {@code k}).
   */
  static List<Pooled> chosen(Memory memory, Example example, float[] probs, int k) {
    return AnswerChoice.order(pooled(memory, example, probs, Math.max(k, AnswerChoice.CANDIDATES)));
  }

  /**
   * The {@code k} best answers in {@link AnswerChoice} order, each with its calibrated probability
   * of being right.
   */
  static List<Reading.Candidate> rank(Memory memory, Example example, float[] probs, int k, Calibration calibration) {
    List<Pooled> pooled = chosen(memory, example, probs, k);
    double[][] signals = signals(memory, example, pooled);
    List<Reading.Candidate> out = new ArrayList<>(k);
    for (int c = 0; c < Math.min(k, pooled.size()); c++) {
      Pooled p = pooled.get(c);
      out.add(new Reading.Candidate(p.slot(), p.text(), calibration.probability(signals[c]), p.probability()));
    }
    return out;
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

  /**
   * Each hop's attention summed per passage and per sentence (the {@code k} largest sentences),
   * and its {@code k} most attended slots.
   */
  static List<Reading.Hop> attended(Memory memory, List<Slot> slots, List<float[]> hops, int k) {
    List<Reading.Hop> out = new ArrayList<>();
    for (float[] weights : hops) {
      double[] perPassage = new double[memory.passages().size()];
      Map<Long, double[]> perSentence = new HashMap<>();
      for (int i = 0; i < slots.size(); i++) {
        Slot s = slots.get(i);
        perPassage[s.passage()] += weights[i];
        long sentence = ((long) s.passage() << 32) | memory.passageOf(s).sentenceIds()[s.first()];
        perSentence.computeIfAbsent(sentence, x -> new double[1])[0] += weights[i];
      }
      List<Reading.Share> passages = new ArrayList<>();
      for (int p = 0; p < perPassage.length; p++) {
        passages.add(new Reading.Share(p, perPassage[p]));
      }
      List<Reading.SentenceShare> sentences = perSentence.entrySet().stream()
          .sorted(Comparator.comparingDouble((Map.Entry<Long, double[]> e) -> -e.getValue()[0])
              .thenComparing(Map.Entry::getKey))
          .limit(k)
          .map(e -> new Reading.SentenceShare((int) (e.getKey() >>> 32), (int) (long) e.getKey(), e.getValue()[0]))
          .toList();
      List<Reading.Attention> best = new ArrayList<>();
      for (int i : top(weights, k)) {
        best.add(new Reading.Attention(slots.get(i), weights[i]));
      }
      out.add(new Reading.Hop(passages, sentences, best));
    }
    return out;
  }
}
