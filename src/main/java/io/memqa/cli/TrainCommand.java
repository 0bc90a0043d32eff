package io.memqa.cli;

import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.encoder.ContextEncoder;
import io.memqa.encoder.KnownEncoder;
import io.memqa.encoder.PretrainedEncoder;
import io.memqa.encoder.VectorDistiller;
import io.memqa.encoder.WordVectors;
import io.memqa.encoder.WordVectorsFile;
import io.memqa.index.IndexStats;
import io.memqa.reader.ModelFiles;
import io.memqa.reader.ReaderConfig;
import io.memqa.reader.WordCounts;
import io.memqa.reader.TrainOptions;
import io.memqa.reader.Trainer;
import io.memqa.reader.TrainingSet;
import io.memqa.retrieve.Retriever;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.util.BadInputException;
import io.memqa.util.MemqaHome;
import io.memqa.util.OutputLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains the memory-network reader. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the key-value memory network reader on SQuAD-format questions.",
      "Memories come from the retriever (open setting) and from the gold paragraph (closed).",
      "Early stopping uses a held-out slice of the training questions; a checkpoint is written",
      "after every epoch (--resume continues from it) and the best model is saved atomically."
    })
final class TrainCommand implements Callable<Integer> {
  /** The retriever for open-setting memories (the one the model will answer with). */
  @Mixin RetrieverOptions retrieval;

  @Option(names = "--dataset", paramLabel = "NAME|FILE", defaultValue = "squad-train", description = "SQuAD-format training questions (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--out", paramLabel = "DIR", description = "model directory (default: models/squad)")
  Path out;

  private static final ReaderConfig MODEL = ReaderConfig.defaults();
  private static final TrainOptions TRAIN = TrainOptions.defaults();

  @Option(names = "--epochs", description = "most epochs (default: ${DEFAULT-VALUE})")
  int epochs = TRAIN.maxEpochs();

  @Option(names = "--patience", description = "epochs without held-out gain before stopping (default: ${DEFAULT-VALUE})")
  int patience = TRAIN.patience();

  @Option(names = "--batch", description = "questions per batch (default: ${DEFAULT-VALUE})")
  int batch = TRAIN.batchSize();

  @Option(names = "--lr", description = "learning rate (default: ${DEFAULT-VALUE})")
  float lr = TRAIN.learningRate();

  @Option(names = "--lr-decay", description = "learning-rate factor per epoch (default: ${DEFAULT-VALUE})")
  float lrDecay = TRAIN.learningRateDecay();

  @Option(names = "--anneal-to", description = "share of an epoch's learning rate left at its last batch, "
      + "falling linearly from its first (default: ${DEFAULT-VALUE}: constant within an epoch)")
  float annealTo = TRAIN.annealTo();

  @Option(names = "--table-rate", description = "share of the learning rate the embedding tables (hashed words, "
      + "bigrams, word weights) learn at; 0 freezes them (default: ${DEFAULT-VALUE})")
  float tableRate = TRAIN.tableRate();

  @Option(names = "--average-decay", description = "save and score the moving average of the weights over the "
      + "run's steps, keeping this share of it at each step (0.999: about the last thousand steps), rather than the "
      + "last weights; 0 saves the last weights (default: ${DEFAULT-VALUE})")
  float averageDecay = TRAIN.averageDecay();

  @Option(names = "--open-fraction", description = "share of questions read from retrieved passages (default: ${DEFAULT-VALUE})")
  float openFraction = TRAIN.openFraction();

  @Option(names = "--train-passages", description = "retrieved passages per open-setting training memory (default: ${DEFAULT-VALUE}, as read at answer time)")
  int trainPassages = MODEL.passages();

  @Option(names = "--limit", description = "use only the first N questions (0 = all)")
  int limit = TRAIN.limit();

  @Option(names = "--held-out", description = "share of training articles held out for early stopping and calibration (default: ${DEFAULT-VALUE})")
  double heldOut = TRAIN.heldOutFraction();

  @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed = TRAIN.seed();

  @Option(names = "--threads", description = "batch preparation threads (default: ${DEFAULT-VALUE})")
  int threads = TRAIN.threads();

  @Option(names = "--passages", description = "retrieved passages per memory, K (default: ${DEFAULT-VALUE})")
  int passages = MODEL.passages();

  @Option(names = "--width", description = "encoder width (default: ${DEFAULT-VALUE})")
  int width = MODEL.width();

  @Option(names = "--embed", description = "hashed word embedding size (default: ${DEFAULT-VALUE})")
  int embed = MODEL.embedDim();

  @Option(names = "--model-layers", description = "convolution layers after the question fusion (default: ${DEFAULT-VALUE})")
  int modelLayers = MODEL.modelLayers();

  @Option(names = "--self-attention", negatable = true, description = "a self-attention layer after the modelling "
      + "layer: every passage token reads the rest of its row (default: ${DEFAULT-VALUE})")
  boolean selfAttention = MODEL.selfAttention();

  @Option(names = "--hops", description = "memory hops H (default: ${DEFAULT-VALUE})")
  int hops = MODEL.hops();

  @Option(names = "--dropout", description = "dropout rate (default: ${DEFAULT-VALUE})")
  float dropout = MODEL.dropout();

  @Option(names = "--vectors", paramLabel = "ENCODER|none", completionCandidates = EncoderNames.class, description = "pretrained encoder to distil frozen word vectors from: ${COMPLETION-CANDIDATES} or none (default: ${DEFAULT-VALUE})")
  String vectors = MODEL.vectors();

  @Option(names = "--vector-dim", description = "width of the distilled word vectors (default: ${DEFAULT-VALUE})")
  int vectorDim = MODEL.hasVectors() ? MODEL.vectorDim() : ReaderConfig.VECTOR_DIM;

  @Option(names = "--context", paramLabel = "ENCODER|none", completionCandidates = EncoderNames.class, description = "pretrained encoder whose contextual word "
      + "states join each word's input: ${COMPLETION-CANDIDATES} or none (default: ${DEFAULT-VALUE})")
  String context = MODEL.context();

  /** The encoders' names, for the help of options that take a name as text (or "none"). */
  static final class EncoderNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(KnownEncoder.values()).map(KnownEncoder::id).iterator();
    }
  }

  /**
   * The most index passages whose contextual states are stored with the model: about 2.5 GB for
   * passages of 150 words (SQuAD's 20,963 paragraphs take about 400 MB).
   */
  static final int STORED_STATES_LIMIT = 100_000;

  @Option(names = "--buckets", description = "hashed embedding rows (default: ${DEFAULT-VALUE})")
  int buckets = MODEL.buckets();

  @Option(names = "--resume", description = "continue from the checkpoint of an interrupted run")
  boolean resume;

  @Option(names = "--init-from", paramLabel = "DIR", description = "start from a trained model's weights and word "
      + "vectors (fine-tuning; the reader options must be those it was trained with)")
  Path initFrom;

  @Override
  public Integer call() throws Exception {
    ReaderConfig config;
    TrainOptions options;
    try { // values from the command line, checked by the reader's own records
      config = new ReaderConfig(ReaderConfig.FORMAT_VERSION, buckets, embed, width, hops,
          MODEL.maxSpanWords(), MODEL.windowRadius(), passages, MODEL.segmentTokens(), dropout, modelLayers,
          vectors, ReaderConfig.NO_VECTORS.equals(vectors) ? 0 : vectorDim, MODEL.features(),
          context, ReaderConfig.NO_VECTORS.equals(context) ? 0 : ReaderConfig.CONTEXT_DIM, selfAttention);
      if (config.hasVectors()) {
        KnownEncoder.parse(config.vectors()); // a bad name fails before the long steps
      }
      if (config.hasContext()) {
        KnownEncoder.parse(config.context());
      }
      options = new TrainOptions(epochs, patience, batch, lr, lrDecay, annealTo, tableRate, averageDecay, openFraction, heldOut,
          TRAIN.heldOutLimit(), limit, seed, threads);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    if (initFrom != null && resume) {
      throw new BadInputException("--init-from starts a new run; --resume continues an interrupted one: give one");
    }
    if (initFrom != null) {
      checkInit(config);
    }
    RetrieverSource source = retrieval.source();
    Path modelDir = MemqaHome.model(out);
    ModelFiles.checkOutput(modelDir); // before any work: never train for minutes, then refuse
    try (OutputLock lock = OutputLock.acquire(modelDir)) {
      train(config, options, source, modelDir);
    }
    return 0;
  }

  private void train(ReaderConfig config, TrainOptions options, RetrieverSource source, Path modelDir) throws Exception {
    TrainingQuestions training = TrainingQuestions.load(dataset);
    List<Question> questions = training.questions();
    Map<String, Passage> paragraphs = training.paragraphs();
    try (Retriever retriever = openFraction > 0 ? source.open() : null) {
      if (trainPassages < 1 || trainPassages > 50) {
        throw new BadInputException("--train-passages must be 1..50");
      }
      TrainingSet data = TrainingSet.build(questions, paragraphs, retriever, trainPassages, options);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("dataset", dataset);
      meta.put("datasetSha256", training.sha256());
      meta.put("index", retriever == null ? null : source.kind() == RetrieverSource.Kind.OPENSEARCH
          ? source.toString() : source.index().toAbsolutePath().toString());
      meta.put("retriever", retriever == null ? null : retriever.defaultKind().id());
      meta.put("indexCorpusSha256", retriever == null ? null
          : RetrieverSource.stats(retriever).map(IndexStats::corpusSha256).orElse(null));
      meta.put("trainQuestions", data.trainQuestions());
      meta.put("heldOutQuestions", data.heldOut().size());
      meta.put("trainPassages", retriever == null ? 0 : trainPassages);
      meta.put("initFrom", initFrom == null ? null : initFrom.toAbsolutePath().toString());
      System.out.printf("training on %,d questions (%,d paragraphs), %,d held out; model -> %s%n",
          data.trainQuestions(), data.train().size(), data.heldOut().size(), modelDir);
      if (data.heldOut().isEmpty()) {
        System.out.println("none of these questions is held out (--held-out draws whole articles, and none of theirs was "
            + "drawn): the answer scores will not be calibrated and no held-out figures measured; "
            + "train on more questions (a larger --limit) or hold out more (--held-out) for both");
      }
      WordVectors wordVectors = !config.hasVectors() ? null
          : initFrom != null ? WordVectorsFile.load(initFrom.resolve(ModelFiles.VECTORS))
          : distil(config, paragraphs.values(), questions);
      if (wordVectors != null) {
        meta.put("vectors", wordVectors.source());
      }
      Trainer.Result r;
      try (PretrainedEncoder contextEncoder = config.hasContext()
          ? PretrainedEncoder.open(KnownEncoder.parse(config.context()), 1) : null) {
        Trainer trainer = new Trainer(config, options, wordVectors,
            contextEncoder == null ? null : new ContextEncoder(contextEncoder));
        if (contextEncoder != null) {
          meta.put("context", contextEncoder.identity());
          if (retriever != null && retriever.size() <= STORED_STATES_LIMIT) {
            trainer.storingStatesOf(retriever.allPassages());
          } else if (retriever != null) {
            System.out.printf("the index holds %,d passages, more than the %,d whose contextual states a model keeps: "
                + "the states of others are computed as questions need them (about 30 ms a passage)%n",
                retriever.size(), STORED_STATES_LIMIT);
          }
        }
        r = trainer.train(data, modelDir, resume, initFrom, meta);
      }
      Trainer.EpochResult best = r.history().get(r.bestEpoch() - 1);
      if (data.heldOut().isEmpty()) {
        System.out.printf("done in %.0f s: kept the last epoch, %d (no held-out questions to choose by); %.0f examples/s%n",
            r.seconds(), r.bestEpoch(), best.examplesPerSecond());
      } else {
        System.out.printf("done in %.0f s: best epoch %d, held-out closed EM %.2f F1 %.2f, open EM %.2f F1 %.2f; %.0f examples/s%n",
            r.seconds(), r.bestEpoch(), best.heldOutClosedEm(), best.heldOutClosedF1(), best.heldOutOpenEm(),
            best.heldOutOpenF1(), best.examplesPerSecond());
      }
    }
  }

  /** Refuses, before any work, a starting model that is unsound or of another configuration. */
  private void checkInit(ReaderConfig config) throws Exception {
    if (!ModelFiles.isComplete(initFrom)) {
      throw new BadInputException("--init-from " + initFrom + ": no trained model there");
    }
    try {
      ModelFiles.verify(initFrom);
      ReaderConfig theirs = ModelFiles.readConfig(initFrom);
      if (!theirs.equals(config)) {
        throw new BadInputException("--init-from " + initFrom + " was trained with other reader options (" + theirs
            + "); give the same ones to fine-tune it");
      }
    } catch (java.io.IOException e) {
      throw new BadInputException("--init-from " + initFrom + ": " + e.getMessage(), e);
    }
  }

  /**
   * Distils the word vectors from the training paragraphs' and questions' words, or takes them
   * from the cache when the same encoder, words and options made them before (the table is
   * deterministic, and a re-run of training should not pay for it again).
   */
  private WordVectors distil(ReaderConfig config, java.util.Collection<Passage> paragraphs, List<Question> questions)
      throws Exception {
    long t0 = System.nanoTime();
    List<String> texts = new ArrayList<>(paragraphs.size() + questions.size());
    paragraphs.forEach(p -> texts.add(p.text()));
    questions.forEach(q -> texts.add(q.text()));
    Map<String, Integer> counts = WordCounts.of(texts);
    VectorDistiller.Options options =
        new VectorDistiller.Options(config.vectorDim(), ReaderConfig.VECTOR_MIN_COUNT, threads);
    try (PretrainedEncoder encoder = PretrainedEncoder.open(KnownEncoder.parse(config.vectors()), 1)) {
      Path cached = MemqaHome.cache().resolve("vectors").resolve(VectorDistiller.key(encoder.identity(), counts, options) + ".bin");
      if (java.nio.file.Files.isRegularFile(cached)) {
        try {
          WordVectors v = WordVectorsFile.load(cached);
          System.out.printf("word vectors from %s: %,d rows, %d wide (cached)%n", config.vectors(), v.size(), v.dimension());
          return v;
        } catch (java.io.IOException e) {
          System.out.println("cached word vectors unusable (" + e.getMessage() + "): distilling again");
        }
      }
      WordVectors v = VectorDistiller.distil(encoder, counts, options);
      java.nio.file.Files.createDirectories(cached.getParent());
      WordVectorsFile.save(v, cached);
      System.out.printf("word vectors from %s: %,d rows, %d wide, in %.0f s%n", config.vectors(),
          v.size(), v.dimension(), (System.nanoTime() - t0) / 1e9);
      return v;
    }
  }
}
