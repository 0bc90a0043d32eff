package io.memqa.reader;

import ai.djl.ndarray.NDManager;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    this.featurizer = new Featurizer(net.config.buckets(), net.config.segmentTokens());
    this.memoryBuilder = new MemoryBuilder(net.config.memory());
  }

  /**
   * Loads the model saved in {@code dir}, with a clear error for a missing or broken one: its
   * files are checked against the manifest saved with them before anything is read.
   */
  public static Reader load(Path dir) throws IOException {
    ModelFiles.verify(dir);
    ReaderConfig config = ModelFiles.readConfig(dir);
    NDManager root = NDManager.newBaseManager();
    try {
      KvMemNet net = KvMemNet.create(config, root, 0);
      try (InputStream in = Files.newInputStream(dir.resolve(ModelFiles.WEIGHTS))) {
        net.params.load(in);
      } catch (IOException | RuntimeException e) {
        throw new IOException("model at " + dir + " has corrupt or truncated weights: " + ModelFiles.firstLine(e), e);
      }
      net.freeze();
      return new Reader(root, net);
    } catch (IOException | RuntimeException e) {
      root.close();
      throw e;
    }
  }

  KvMemNet net() {
    return net;
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
    Predictions.Batch out = Predictions.run(net, List.of(example), root, attended > 0);
    List<float[]> hops = new ArrayList<>();
    for (float[][] hop : out.attention()) {
      hops.add(hop[0]);
    }
    return new Reading(
        Predictions.rank(memory, example, out.probabilities()[0], answers),
        Predictions.attended(Predictions.slots(memory, example), hops, attended));
  }

  @Override
  public void close() {
    net.close();
    root.close();
  }
}
