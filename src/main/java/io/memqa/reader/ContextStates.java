package io.memqa.reader;

import io.memqa.corpus.Passage;
import io.memqa.encoder.ContextEncoder;
import io.memqa.encoder.ContextStatesFile;
import io.memqa.encoder.QuantizedRows;
import io.memqa.encoder.StateReduction;
import io.memqa.memory.MemoryBuilder;
import io.memqa.memory.MemoryPassage;
import io.memqa.text.Tokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contextual word states the featurizer appends to each word's input: the encoder's states,
 * reduced by a {@link StateReduction} fitted once per model. A passage's states come from the
 * table saved with the model when it holds that passage's exact text, else they are computed and
 * kept (all of them while training, so that the saved table covers the corpus; a bounded number,
 * least recently used out first, in a loaded reader). A question's states are computed each time.
 * Thread-safe.
 */
final class ContextStates {
  /** Passages whose states fit the reduction: enough rows for a stable fit, a few seconds' work. */
  static final int FIT_PASSAGES = 200;
  /** States kept beyond the saved table in a loaded reader: about 10,000 passages of 150 words. */
  static final long READER_CACHE_BYTES = 200L << 20;

  private final ContextEncoder encoder;
  private final StateReduction reduction;
  /** The saved table, plus, while training, every passage read since. */
  private final Map<String, QuantizedRows> table;
  /** In a loaded reader, the passages the table lacks; null while training. */
  private final WeightedCache<String, QuantizedRows> misses;

  private ContextStates(ContextEncoder encoder, StateReduction reduction, Map<String, QuantizedRows> table,
      boolean training) {
    if (reduction.inputWidth() != encoder.dimension()) {
      throw new IllegalArgumentException("the reduction takes states " + reduction.inputWidth()
          + " wide; the encoder gives " + encoder.dimension());
    }
    this.encoder = encoder;
    this.reduction = reduction;
    this.table = table;
    this.misses = training ? null : new WeightedCache<>(READER_CACHE_BYTES, QuantizedRows::bytes);
  }

  /** For training: the reduction fitted to the states of (up to {@link #FIT_PASSAGES} of) {@code sample}. */
  static ContextStates fit(ContextEncoder encoder, List<Passage> sample, int width) {
    List<float[]> rows = new ArrayList<>();
    for (Passage p : sample.subList(0, Math.min(FIT_PASSAGES, sample.size()))) {
      MemoryPassage mp = MemoryBuilder.passage(p, 0f, 1);
      int len = readLength(mp);
      for (float[] row : encoder.states(words(mp.tokens(), len), Arrays.copyOf(mp.sentenceIds(), len))) {
        rows.add(row);
      }
    }
    return new ContextStates(encoder, StateReduction.fit(rows.toArray(new float[0][]), width),
        new ConcurrentHashMap<>(), true);
  }

  /** For training on from a saved model (fine-tuning): its reduction and table, kept growing. */
  static ContextStates forTraining(ContextEncoder encoder, Path file) throws IOException {
    ContextStatesFile.Table t = read(encoder, file);
    return new ContextStates(encoder, t.reduction(), new ConcurrentHashMap<>(t.passages()), true);
  }

  /** For a loaded reader: the model's table, read-only, and a bounded cache for other passages. */
  static ContextStates forReading(ContextEncoder encoder, Path file) throws IOException {
    ContextStatesFile.Table t = read(encoder, file);
    return new ContextStates(encoder, t.reduction(), Map.copyOf(t.passages()), false);
  }

  private static ContextStatesFile.Table read(ContextEncoder encoder, Path file) throws IOException {
    ContextStatesFile.Table t = ContextStatesFile.load(file);
    List<String> diff = t.source().differences(encoder.identity());
    if (!diff.isEmpty()) {
      throw new IOException("the contextual states " + file + " come from encoder " + t.source().encoder()
          + " but " + encoder.identity().encoder() + " is loaded; they differ in " + String.join(", ", diff)
          + ": retrain the model with ./memqa train");
    }
    return t;
  }

  /** Saves the reduction and every passage's states held now. */
  void save(Path file) throws IOException {
    ContextStatesFile.save(new ContextStatesFile.Table(encoder.identity(), reduction, Map.copyOf(table)), file);
  }

  int dimension() {
    return reduction.width();
  }

  /** Computes and keeps the states of {@code passages} not held yet (training: before the epochs). */
  void precompute(Collection<Passage> passages, Runnable step) {
    for (Passage p : passages) {
      MemoryPassage mp = MemoryBuilder.passage(p, 0f, 1);
      int len = readLength(mp);
      passage(p.id(), p.text(), words(mp.tokens(), len), Arrays.copyOf(mp.sentenceIds(), len));
      step.run();
    }
  }

  /** How much of a passage the featurizer reads: the states must cover exactly that. */
  static int readLength(MemoryPassage mp) {
    return Math.min(mp.tokens().size(), Featurizer.MAX_PASSAGE_TOKENS);
  }

  /** The states of a passage's words, flat ({@code words.size() × dimension()}). */
  float[] passage(String id, String text, List<String> words, int[] sentenceIds) {
    long hash = QuantizedRows.hash(text);
    QuantizedRows rows = table.get(id);
    if (!fits(rows, hash, words.size()) && misses != null) {
      rows = misses.get(id);
    }
    if (!fits(rows, hash, words.size())) {
      rows = QuantizedRows.of(hash, reduce(encoder.states(words, sentenceIds)), dimension());
      if (misses == null) {
        table.put(id, rows);
      } else {
        misses.put(id, rows);
      }
    }
    return rows.floats();
  }

  /** The states of a question's words, one row each. */
  float[][] question(List<String> words) {
    return reduce(encoder.states(words, null));
  }

  private static boolean fits(QuantizedRows rows, long hash, int words) {
    return rows != null && rows.textHash() == hash && rows.words() == words;
  }

  private float[][] reduce(float[][] states) {
    float[][] out = new float[states.length][];
    for (int i = 0; i < states.length; i++) {
      out[i] = reduction.reduce(states[i]);
    }
    return out;
  }

  /** The first {@code len} words of {@code t}. */
  static List<String> words(Tokens t, int len) {
    List<String> out = new ArrayList<>(len);
    for (int i = 0; i < len; i++) {
      out.add(t.word(i));
    }
    return out;
  }
}
