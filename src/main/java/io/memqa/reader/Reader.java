package io.memqa.reader;

import ai.djl.ndarray.NDManager;
import io.memqa.encoder.ContextEncoder;
import io.memqa.encoder.EncoderException;
import io.memqa.encoder.KnownEncoder;
import io.memqa.encoder.PretrainedEncoder;
import io.memqa.encoder.WordVectors;
import io.memqa.encoder.WordVectorsFile;
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
  private final Calibration calibration;
  private final SlotReader slotReader;
  /** The per-token network in plain Java; null for a model it cannot read (then PyTorch does). */
  private final TokenNetwork tokenNetwork;
  private final PassageStateCache passageStates = new PassageStateCache(PassageStateCache.DEFAULT_FLOATS);

  /** The encoder of contextual word states, when the model has them: closed with the reader. */
  private final PretrainedEncoder contextEncoder;

  Reader(NDManager root, KvMemNet net, WordVectors vectors, Calibration calibration) {
    this(root, net, vectors, calibration, null, null);
  }

  Reader(NDManager root, KvMemNet net, WordVectors vectors, Calibration calibration, PretrainedEncoder contextEncoder,
      ContextStates context) {
    this.root = root;
    this.contextEncoder = contextEncoder;
    this.net = net;
    this.calibration = calibration;
    this.slotReader = new SlotReader(net);
    this.tokenNetwork = TokenNetwork.of(net);
    this.featurizer = new Featurizer(net.config.buckets(), net.config.segmentTokens(), vectors, context);
    this.memoryBuilder = new MemoryBuilder(net.config.memory());
  }

  /**
   * Loads the model saved in {@code dir}, with a clear error for a missing or broken one: its
   * files are checked against the manifest saved with them before anything is read.
   */
  public static Reader load(Path dir) throws IOException {
    return load(dir, true);
  }

  /**
   * Loads the model; without {@code calibrated}, its calibration is not read (it may be missing
   * or stale: the {@link Calibrator} is about to replace it) and probabilities are the network's.
   */
  static Reader load(Path dir, boolean calibrated) throws IOException {
    ModelFiles.verify(dir);
    ReaderConfig config = ModelFiles.readConfig(dir);
    WordVectors vectors = config.hasVectors() ? vectors(dir, config) : null;
    Calibration calibration = calibrated ? ModelFiles.readCalibration(dir) : Calibration.none();
    NDManager root = NDManager.newBaseManager();
    try {
      KvMemNet net = KvMemNet.create(config, root, 0);
      try (InputStream in = Files.newInputStream(dir.resolve(ModelFiles.WEIGHTS))) {
        net.params.load(in);
      } catch (IOException | RuntimeException e) {
        throw new IOException("model at " + dir + " has corrupt or truncated weights: " + ModelFiles.firstLine(e), e);
      }
      if (!config.hasContext()) {
        return new Reader(root, net, vectors, calibration);
      }
      PretrainedEncoder encoder = contextEncoder(dir, config);
      try {
        ContextStates context = ContextStates.forReading(new ContextEncoder(encoder), dir.resolve(ModelFiles.CONTEXT_STATES));
        if (context.dimension() != config.contextDim()) {
          throw new IOException("model at " + dir + " has contextual states " + context.dimension() + " wide but was "
              + "trained with " + config.contextDim() + ": retrain it with ./memqa train");
        }
        return new Reader(root, net, vectors, calibration, encoder, context);
      } catch (IOException | RuntimeException e) {
        encoder.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private static PretrainedEncoder contextEncoder(Path dir, ReaderConfig config) throws IOException {
    try {
      return PretrainedEncoder.open(KnownEncoder.parse(config.context()), 1);
    } catch (EncoderException | IllegalArgumentException e) {
      throw new IOException("model at " + dir + " needs encoder " + config.context() + ": " + e.getMessage(), e);
    }
  }

  private static WordVectors vectors(Path dir, ReaderConfig config) throws IOException {
    WordVectors v = WordVectorsFile.load(dir.resolve(ModelFiles.VECTORS));
    if (v.dimension() != config.vectorDim() || !v.source().encoder().equals(config.vectors())) {
      throw new IOException("model at " + dir + " has word vectors from " + v.source().encoder() + ", "
          + v.dimension() + " wide, but was trained with " + config.vectors() + ", " + config.vectorDim()
          + " wide: retrain it with ./memqa train");
    }
    return v;
  }

  /** The memory size K the model in {@code dir} was made for. */
  public static int passagesOf(Path dir) throws IOException {
    return ModelFiles.readConfig(dir).passages();
  }

  Featurizer featurizer() {
    return featurizer;
  }

  KvMemNet net() {
    return net;
  }

  public ReaderConfig config() {
    return net.config;
  }

  /** Which of a memory's passage segments this reader reads: as its calibration was fitted. */
  public SegmentSelection selection() {
    return calibration.selection();
  }

  /** Builds memories the way this reader was trained to read them. */
  public MemoryBuilder memoryBuilder() {
    return memoryBuilder;
  }

  /**
   * Reads {@code memory} and returns up to {@code answers} distinct answers and, per hop, the
   * attention on each passage and on the {@code attended} most attended sentences and slots.
   */
  public Reading read(Memory memory, int answers, int attended) {
    if (answers < 1) {
      throw new IllegalArgumentException("answers must be at least 1");
    }
    if (memory.slots().isEmpty()) {
      return new Reading(List.of(), List.of());
    }
    Example example = featurizer.encode(memory, calibration.selection());
    Predictions.Batch out = Predictions.runOne(net, slotReader, tokenNetwork, passageStates, example, root);
    List<float[]> hops = new ArrayList<>();
    for (float[][] hop : attended > 0 ? out.attention() : List.<float[][]>of()) {
      hops.add(hop[0]);
    }
    return new Reading(
        Predictions.rank(memory, example, out.probabilities()[0], answers, calibration),
        Predictions.attended(memory, Predictions.slots(memory, example), hops, attended));
  }

  @Override
  public void close() {
    try {
      net.close();
      root.close();
    } finally {
      if (contextEncoder != null) {
        contextEncoder.close();
      }
    }
  }
}
