package io.memqa.reader;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.memqa.corpus.Passage;
import io.memqa.encoder.ContextEncoder;
import io.memqa.encoder.WordVectors;
import io.memqa.encoder.WordVectorsFile;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.util.AtomicFiles;
import io.memqa.util.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the memory network on a {@link TrainingSet}: cross-entropy over each memory's slots
 * with every slot holding a gold answer as target. Batches are prepared on worker threads while
 * the network trains; after each epoch the held-out slice is scored, the best model so far is
 * saved (atomically), a checkpoint is written, and training stops once the held-out score has
 * not improved for {@code patience} epochs. With {@link TrainOptions#averagesWeights()} the
 * scored and saved weights are the {@link WeightAverage} (the last ones are scored too, for the
 * record) and training goes on from the last ones.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final float CLIP = 10f;
  private static final int GROUPS_PER_BUCKET = 64;
  /** Batches an epoch may skip for a loss or gradient that is not finite before the run stops (or 1%). */
  static final int MAX_SKIPPED_STEPS = 10;

  /**
   * One finished epoch: its loss and speed, and the held-out scores of the weights it saves (or
   * would save); the {@code lastWeights} scores are those of the last weights when the saved ones
   * are their average, and the same as the held-out ones otherwise.
   */
  public record EpochResult(
      int epoch, double loss, int examples, int skipped, double seconds, double examplesPerSecond,
      double heldOutClosedEm, double heldOutClosedF1, double heldOutOpenEm, double heldOutOpenF1,
      double heldOutOpenEce, double heldOutCalibratedOpenEm, double heldOutUnanswerableConfident,
      double lastWeightsClosedEm, double lastWeightsClosedF1, double lastWeightsOpenEm, double lastWeightsOpenF1) {}

  /** The outcome of a run. */
  public record Result(List<EpochResult> history, int bestEpoch, double bestMetric, double seconds) {}

  private final ReaderConfig config;
  private final TrainOptions options;
  private final MemoryBuilder builder;
  /** Without contextual states, the one featurizer; with them, replaced once their reduction is known. */
  private Featurizer featurizer;
  private final WordVectors vectors;
  private final ContextEncoder context;
  private ContextStates contextStates;
  private Collection<Passage> corpus = List.of();

  /** A trainer for a reader without pretrained word vectors. */
  public Trainer(ReaderConfig config, TrainOptions options) {
    this(config, options, null);
  }

  /**
   * @param vectors the pretrained word vectors the config names (saved with the model), or null
   *     when it names none
   */
  public Trainer(ReaderConfig config, TrainOptions options, WordVectors vectors) {
    this(config, options, vectors, null);
  }

  /**
   * @param context the encoder of the contextual word states the config names (kept open by the
   *     caller until training ends), or null when it names none
   */
  public Trainer(ReaderConfig config, TrainOptions options, WordVectors vectors, ContextEncoder context) {
    if (config.hasVectors() != (vectors != null)
        || (vectors != null && (vectors.dimension() != config.vectorDim()
            || !vectors.source().encoder().equals(config.vectors())))) {
      throw new IllegalArgumentException("the word vectors do not match the reader config (" + config.vectors()
          + ", " + config.vectorDim() + " wide)");
    }
    this.config = config;
    this.options = options;
    this.builder = new MemoryBuilder(config.memory());
    this.vectors = vectors;
    if (config.hasContext() != (context != null)
        || (context != null && !context.identity().encoder().equals(config.context()))) {
      throw new IllegalArgumentException("the contextual encoder does not match the reader config (" + config.context() + ")");
    }
    this.context = context;
    this.featurizer = new Featurizer(config.buckets(), config.segmentTokens(), vectors);
  }

  /**
   * Passages whose contextual states the saved model should hold besides those training reads
   * (the rest of the index it will answer from), so that a reader does not compute them per question.
   */
  public Trainer storingStatesOf(Collection<Passage> passages) {
    this.corpus = List.copyOf(passages);
    return this;
  }

  /**
   * Trains and saves the best model to {@code out}. {@code metadata} (data checksums and the
   * like) is stored in the model's training.json.
   */
  public Result train(TrainingSet data, Path out, boolean resume, Map<String, Object> metadata)
      throws IOException, InterruptedException {
    return train(data, out, resume, null, metadata);
  }

  /**
   * Trains as {@link #train(TrainingSet, Path, boolean, Map)} does, but a fresh run starts from
   * the weights of the trained model in {@code init} (fine-tuning) instead of random ones.
   *
   * @param init a trained model of this trainer's configuration, or null
   * @throws IOException when {@code init} is not a sound model of the same configuration
   */
  public Result train(TrainingSet data, Path out, boolean resume, Path init, Map<String, Object> metadata)
      throws IOException, InterruptedException {
    if (data.trainQuestions() == 0) {
      throw new IllegalArgumentException("no training questions");
    }
    long t0 = System.nanoTime();
    if (init != null) {
      checkInit(init); // before minutes of work on the passages
    }
    if (context != null) {
      // The reduction is fixed for a run: a resumed run takes it from the model its first epoch saved.
      Path saved = resume && Files.isRegularFile(out.resolve(ModelFiles.CONTEXT_STATES)) ? out : null;
      prepareContext(data, init != null ? init : saved);
    }
    Engine.getInstance().setRandomSeed((int) options.seed());
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "memqa-batches");
      t.setDaemon(true);
      return t;
    });
    try (NDManager root = NDManager.newBaseManager();
        KvMemNet net = KvMemNet.create(config, root, options.seed());
        Adam adam = new Adam(net.params, KvMemNet.SPARSE, CLIP);
        WeightAverage average = options.averagesWeights() ? new WeightAverage(net.params, options.averageDecay()) : null) {
      for (NDArray p : adam.denseParameters()) {
        p.setRequiresGradient(true);
      }
      Checkpoint.State state = resume ? Checkpoint.load(out, config, net, adam, average) : null;
      if (state == null) {
        if (resume) {
          LOG.info("no checkpoint next to {}: starting from scratch", out);
        }
        state = Checkpoint.State.fresh(config);
        if (init != null) {
          startFrom(init, net);
        }
      } else {
        LOG.info("resuming after epoch {} (best held-out {} at epoch {})", state.epochsDone(),
            String.format("%.2f", state.bestMetric()), state.bestEpoch());
      }
      Validation validation = new Validation(net, featurizer, builder, SegmentSelection.DEFAULT);
      for (int epoch = state.epochsDone() + 1; epoch <= options.maxEpochs(); epoch++) {
        if (state.badEpochs() >= options.patience()) {
          break;
        }
        Steps steps = epoch(epoch, data, net, adam, average, root, pool);
        Validation.Scores last = average == null ? null : validation.run(data.heldOut(), root).scores();
        NDList lastWeights = average == null ? null : average.swapIn();
        try {
          Calibration[] calibration = new Calibration[1];
          state = record(epoch, steps, last, validation, data, root, state, calibration);
          if (state.bestEpoch() == epoch) {
            saveModel(out, net, calibration[0], state, metadata, (System.nanoTime() - t0) / 1e9);
          }
        } finally {
          if (lastWeights != null) {
            average.restore(lastWeights);
          }
        }
        Checkpoint.save(out, state, net, adam, average);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      writeTraining(out, state, metadata, seconds);
      return new Result(state.history(), state.bestEpoch(), state.bestMetric(), seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  /** What an epoch's steps did: mean loss, questions trained on and skipped, and seconds. */
  private record Steps(double loss, int examples, int skipped, double seconds) {}

  /**
   * Scores the weights in place on the held-out questions, fits their calibration into
   * {@code calibration[0]} and logs; returns the state after the epoch (its best epoch is this one
   * when these weights are the best so far).
   */
  private Checkpoint.State record(int epoch, Steps steps, Validation.Scores last, Validation validation,
      TrainingSet data, NDManager root, Checkpoint.State state, Calibration[] calibration) {
    EpochResult r = result(epoch, steps, last, validation, data, root, calibration);
    state.history().add(r);
    double metric = target(r);
    // Without held-out questions nothing can choose an epoch: the latest is kept.
    boolean better = data.heldOut().isEmpty() || metric > state.bestMetric();
    Checkpoint.State next = new Checkpoint.State(config, epoch, better ? epoch : state.bestEpoch(),
        better ? metric : state.bestMetric(), better ? 0 : state.badEpochs() + 1, state.history());
    if (data.heldOut().isEmpty()) {
      LOG.info("epoch {}: loss {}, {} examples/s; no held-out questions: nothing measured, scores not calibrated{}",
          epoch, f(r.loss()), f(r.examplesPerSecond()), better ? " (saved)" : "");
      return next;
    }
    LOG.info("epoch {}: loss {}, {} examples/s, held-out closed EM/F1 {}/{}, open EM/F1 {}/{}; calibrated: "
        + "open EM {}, ECE {}, answer-less memories answered confidently {}%{}",
        epoch, f(r.loss()), f(r.examplesPerSecond()), f(r.heldOutClosedEm()), f(r.heldOutClosedF1()),
        f(r.heldOutOpenEm()), f(r.heldOutOpenF1()), f(r.heldOutCalibratedOpenEm()),
        String.format("%.3f", r.heldOutOpenEce()), f(r.heldOutUnanswerableConfident()),
        better ? " (best so far: saved)" : "");
    if (last != null) {
      LOG.info("epoch {}: those were the averaged weights; the last ones: held-out closed EM/F1 {}/{}, open EM/F1 {}/{}",
          epoch, f(last.closedEm()), f(last.closedF1()), f(last.openEm()), f(last.openF1()));
    }
    return next;
  }

  private static double target(EpochResult r) {
    return r.heldOutOpenF1() >= 0 ? r.heldOutOpenF1() : r.heldOutClosedF1();
  }

  private Steps epoch(int epoch, TrainingSet data, KvMemNet net, Adam adam, WeightAverage average, NDManager root,
      ExecutorService pool) throws InterruptedException, IOException {
    List<List<Planned>> batches = plan(data, epoch);
    long start = System.nanoTime();
    double lossSum = 0;
    int steps = 0;
    int examples = 0;
    int skipped = 0;
    int skippedSteps = 0;
    Deque<Future<List<Example>>> ahead = new ArrayDeque<>();
    int next = 0;
    int polled = 0;
    try (Progress progress =
        Progress.start("epoch " + epoch + "/" + options.maxEpochs() + " (questions)", data.trainQuestions())) {
      while (next < batches.size() || !ahead.isEmpty()) {
        while (next < batches.size() && ahead.size() < 2 * options.threads()) {
          List<Planned> batch = batches.get(next++);
          ahead.add(pool.submit(() -> examples(batch)));
        }
        List<Example> exs = await(ahead.poll());
        int batchNo = polled++;
        int planned = exs.size();
        List<Example> usable = exs.stream().filter(Example::hasGold).toList();
        skipped += planned - usable.size();
        progress.stepBy(planned);
        if (usable.isEmpty()) {
          continue;
        }
        float loss = step(net, adam, usable, root, options.learningRate(epoch, batchNo, batches.size()));
        if (Float.isNaN(loss)) {
          skippedSteps++;
          checkDivergence(skippedSteps, batches.size());
          continue;
        }
        if (average != null) {
          average.update();
        }
        lossSum += loss;
        steps++;
        examples += usable.size();
        if (steps % 20 == 0) {
          progress.message(String.format(" loss %.3f", lossSum / steps));
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (skippedSteps > 0) {
      LOG.warn("epoch {}: {} of {} batches skipped: their loss or gradient was not finite", epoch, skippedSteps,
          batches.size());
    }
    return new Steps(steps == 0 ? 0 : lossSum / steps, examples, skipped, seconds);
  }

  private EpochResult result(int epoch, Steps steps, Validation.Scores last, Validation validation, TrainingSet data,
      NDManager root, Calibration[] calibration) {
    Validation.Result v = validation.run(data.heldOut(), root);
    calibration[0] = v.calibration();
    Validation.Calibrated c = v.evaluate(calibration[0]);
    if (!data.heldOut().isEmpty()) {
      LOG.info("calibration on held-out articles: open ECE {} in sample, {} across halves", String.format("%.3f", c.openEce()),
          String.format("%.3f", v.crossValidatedOpenEce()));
    }
    Validation.Scores s = v.scores();
    Validation.Scores l = last == null ? s : last;
    return new EpochResult(epoch, steps.loss(), steps.examples(), steps.skipped(), round(steps.seconds()),
        round(steps.examples() / Math.max(steps.seconds(), 1e-9)), round(s.closedEm()), round(s.closedF1()),
        round(s.openEm()), round(s.openF1()), Math.round(c.openEce() * 10000) / 10000.0, round(c.openEm()),
        round(c.unanswerableConfident()), round(l.closedEm()), round(l.closedF1()), round(l.openEm()),
        round(l.openF1()));
  }

  /** Stops a run whose updates keep failing: skipping a few bad batches is fine, a diverged model is not. */
  static void checkDivergence(int skippedSteps, int batches) throws IOException {
    if (skippedSteps > Math.max(MAX_SKIPPED_STEPS, batches / 100)) {
      throw new IOException("training diverged: " + skippedSteps + " batches had a loss or gradient that was not "
          + "finite, so the run stopped (the model of an earlier epoch, if any, is kept). Try a lower --lr");
    }
  }

  /**
   * The loss of one batch after its update; NaN when the loss or the gradient is not finite (Adam
   * makes no update for a gradient that is not; a loss that is not finite has such a gradient).
   */
  private float step(KvMemNet net, Adam adam, List<Example> batch, NDManager root, float lr) {
    try (NDManager m = root.newSubManager()) {
      BatchTensors b = new BatchTensors(m, batch, config, false);
      KvMemNet.Output out;
      float loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        out = net.forward(b, true);
        NDArray l = KvMemNet.loss(out.scores(), b.slotTensors().gold());
        gc.backward(l);
        loss = l.getFloat();
      }
      float norm = adam.step(lr, lr * options.tableRate(), out.gathered(),
          Map.of(KvMemNet.Layer.WORDS, b.wordRows, KvMemNet.Layer.BIGRAMS, b.bigramRows, KvMemNet.Layer.IDF, b.wordRows));
      return Float.isFinite(loss) && Float.isFinite(norm) ? loss : Float.NaN;
    }
  }

  /** A question of a batch and whether it is read from retrieved passages (open) or its paragraph. */
  private record Planned(TrainingSet.Item item, boolean open) {}

  /**
   * The epoch's batches: paragraphs in a seeded random order, sorted by length within buckets to
   * limit padding, cut into batches of about {@code batchSize} questions, batches shuffled.
   */
  private List<List<Planned>> plan(TrainingSet data, int epoch) {
    Random rnd = new Random(options.seed() * 1_000_003L + epoch);
    List<List<TrainingSet.Item>> groups = new ArrayList<>(data.train());
    Collections.shuffle(groups, rnd);
    for (int i = 0; i < groups.size(); i += GROUPS_PER_BUCKET) {
      groups.subList(i, Math.min(groups.size(), i + GROUPS_PER_BUCKET))
          .sort(Comparator.comparingInt(g -> g.get(0).gold().text().length()));
    }
    List<List<Planned>> batches = new ArrayList<>();
    List<Planned> current = new ArrayList<>();
    for (List<TrainingSet.Item> g : groups) {
      for (TrainingSet.Item item : g) {
        boolean open = !item.retrieved().isEmpty() && rnd.nextFloat() < options.openFraction();
        current.add(new Planned(item, open));
      }
      if (current.size() >= options.batchSize()) {
        batches.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    Collections.shuffle(batches, rnd);
    return batches;
  }

  private List<Example> examples(List<Planned> batch) {
    List<Example> out = new ArrayList<>(batch.size());
    for (Planned p : batch) {
      var q = p.item().question();
      Memory m = p.open() ? builder.build(q.text(), p.item().retrieved()) : builder.build(q.text(), p.item().gold());
      out.add(featurizer.encode(m, q.answers()));
    }
    return out;
  }

  private static List<Example> await(Future<List<Example>> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("batch preparation failed: " + e.getCause(), e.getCause());
    }
  }

  private void checkInit(Path init) throws IOException {
    ModelFiles.verify(init);
    if (!config.equals(ModelFiles.readConfig(init))) {
      throw new IOException("model " + init + " was trained with another reader configuration: it cannot be fine-tuned "
          + "with these options (see its " + ModelFiles.CONFIG + ")");
    }
  }

  private void startFrom(Path init, KvMemNet net) throws IOException {
    checkInit(init);
    try (java.io.InputStream in = Files.newInputStream(init.resolve(ModelFiles.WEIGHTS))) {
      net.params.load(in);
    }
    LOG.info("starting from the weights of {}", init);
  }

  /**
   * Fits the reduction of contextual states (or takes that of {@code from}, a saved model: the
   * one fine-tuned, or this run's own when resumed) and computes the states of every passage
   * training and the saved table need, on the training threads.
   */
  private void prepareContext(TrainingSet data, Path from) throws IOException, InterruptedException {
    Map<String, Passage> passages = new LinkedHashMap<>();
    for (List<TrainingSet.Item> group : data.train()) {
      for (TrainingSet.Item item : group) {
        addAll(passages, item);
      }
    }
    data.heldOut().forEach(item -> addAll(passages, item));
    corpus.forEach(p -> passages.putIfAbsent(p.id(), p));
    List<Passage> all = new ArrayList<>(passages.values());
    contextStates = from != null ? ContextStates.forTraining(context, from.resolve(ModelFiles.CONTEXT_STATES))
        : ContextStates.fit(context, all, config.contextDim());
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    try (Progress progress = Progress.start("contextual states (passages)", all.size())) {
      int parts = options.threads();
      List<Future<?>> done = new ArrayList<>();
      for (int k = 0; k < parts; k++) {
        List<Passage> share = new ArrayList<>();
        for (int i = k; i < all.size(); i += parts) {
          share.add(all.get(i));
        }
        done.add(pool.submit(() -> contextStates.precompute(share, progress::step)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("computing contextual states failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    featurizer = new Featurizer(config.buckets(), config.segmentTokens(), vectors, contextStates);
  }

  private static void addAll(Map<String, Passage> passages, TrainingSet.Item item) {
    passages.putIfAbsent(item.gold().id(), item.gold());
    for (io.memqa.retrieve.Hit h : item.retrieved()) {
      passages.putIfAbsent(h.passage().id(), h.passage());
    }
  }

  private void saveModel(Path out, KvMemNet net, Calibration calibration, Checkpoint.State state,
      Map<String, Object> metadata, double seconds) throws IOException {
    Path tmp = AtomicFiles.tempSibling(out);
    try {
      ModelFiles.JSON.writeValue(tmp.resolve(ModelFiles.CONFIG).toFile(), config);
      try (OutputStream o = Files.newOutputStream(tmp.resolve(ModelFiles.WEIGHTS))) {
        net.params.save(o);
      }
      if (vectors != null) {
        WordVectorsFile.save(vectors, tmp.resolve(ModelFiles.VECTORS));
      }
      if (contextStates != null) {
        contextStates.save(tmp.resolve(ModelFiles.CONTEXT_STATES));
      }
      ModelFiles.JSON.writeValue(tmp.resolve(ModelFiles.CALIBRATION).toFile(), calibration);
      ModelFiles.JSON.writeValue(tmp.resolve(ModelFiles.TRAINING).toFile(), training(state, metadata, seconds));
      ModelFiles.writeManifest(tmp);
      ModelFiles.OUTPUT.check(out);
      AtomicFiles.replaceDirectory(tmp, out);
    } finally {
      AtomicFiles.deleteRecursively(tmp);
    }
  }

  /** Rewrites training.json of the saved best model with the complete history, and its manifest. */
  private void writeTraining(Path out, Checkpoint.State state, Map<String, Object> metadata, double seconds)
      throws IOException {
    if (Files.isRegularFile(out.resolve(ModelFiles.TRAINING))) {
      AtomicFiles.writeString(out.resolve(ModelFiles.TRAINING),
          ModelFiles.JSON.writeValueAsString(training(state, metadata, seconds)));
      ModelFiles.writeManifest(out);
    }
  }

  private Map<String, Object> training(Checkpoint.State state, Map<String, Object> metadata, double seconds) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("date", Instant.now().toString());
    t.put("data", metadata);
    t.put("options", options);
    t.put("bestEpoch", state.bestEpoch());
    t.put("bestHeldOutF1", state.bestMetric());
    t.put("seconds", round(seconds));
    t.put("epochs", state.history());
    return t;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String f(double v) {
    return String.format("%.2f", v);
  }
}
