package io.memqa.cli;

import io.memqa.corpus.Passage;
import io.memqa.corpus.SquadFile;
import io.memqa.data.Datasets;
import io.memqa.data.Question;
import io.memqa.data.QuestionReader;
import io.memqa.index.IndexStats;
import io.memqa.reader.ModelFiles;
import io.memqa.reader.ReaderConfig;
import io.memqa.reader.TrainOptions;
import io.memqa.reader.Trainer;
import io.memqa.reader.TrainingSet;
import io.memqa.retrieve.Retriever;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.util.BadInputException;
import io.memqa.util.Checksums;
import io.memqa.util.MemqaHome;
import io.memqa.util.OutputLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

  @Option(names = "--epochs", defaultValue = "1", description = "most epochs (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--patience", defaultValue = "1", description = "epochs without held-out gain before stopping (default: ${DEFAULT-VALUE})")
  int patience;

  @Option(names = "--batch", defaultValue = "32", description = "questions per batch (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--lr", defaultValue = "0.002", description = "learning rate (default: ${DEFAULT-VALUE})")
  float lr;

  @Option(names = "--lr-decay", defaultValue = "0.5", description = "learning-rate factor per epoch (default: ${DEFAULT-VALUE})")
  float lrDecay;

  @Option(names = "--dropout", defaultValue = "0.3", description = "dropout rate (default: ${DEFAULT-VALUE})")
  float dropout;

  @Option(names = "--open-fraction", defaultValue = "0.3", description = "share of questions read from retrieved passages (default: ${DEFAULT-VALUE})")
  float openFraction;

  @Option(names = "--passages", defaultValue = "5", description = "retrieved passages per memory, K (default: ${DEFAULT-VALUE})")
  int passages;

  @Option(names = "--train-passages", defaultValue = "5", description = "retrieved passages per open-setting training memory (default: ${DEFAULT-VALUE}, as read at answer time)")
  int trainPassages;

  @Option(names = "--limit", defaultValue = "0", description = "use only the first N questions (0 = all)")
  int limit;

  @Option(names = "--held-out", defaultValue = "0.05", description = "share of training articles held out for early stopping (default: ${DEFAULT-VALUE})")
  double heldOut;

  @Option(names = "--seed", defaultValue = "17", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--threads", defaultValue = "2", description = "batch preparation threads (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--hidden", defaultValue = "32", description = "encoder width is twice this (default: ${DEFAULT-VALUE})")
  int hidden;

  @Option(names = "--embed", defaultValue = "64", description = "word embedding size (default: ${DEFAULT-VALUE})")
  int embed;

  @Option(names = "--encoder", defaultValue = "cnn", description = "passage encoder: bilstm or cnn (default: ${DEFAULT-VALUE})")
  String encoder;

  @Option(names = "--hops", defaultValue = "2", description = "memory hops H (default: ${DEFAULT-VALUE})")
  int hops;

  @Option(names = "--buckets", defaultValue = "131072", description = "hashed embedding rows (default: ${DEFAULT-VALUE})")
  int buckets;

  @Option(names = "--resume", description = "continue from the checkpoint of an interrupted run")
  boolean resume;

  @Override
  public Integer call() throws Exception {
    ReaderConfig config;
    TrainOptions options;
    try { // values from the command line, checked by the reader's own records
      ReaderConfig d = ReaderConfig.defaults();
      config = new ReaderConfig(ReaderConfig.FORMAT_VERSION, buckets, embed, hidden, encoder, hops,
          d.maxSpanWords(), d.windowRadius(), passages, d.segmentTokens(), dropout, d.features());
      options = new TrainOptions(epochs, patience, batch, lr, lrDecay, openFraction, heldOut,
          TrainOptions.defaults().heldOutLimit(), limit, seed, threads);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
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
    Datasets datasets = Datasets.local();
    Path file = datasets.questionFile(dataset);
    List<Question> questions = new ArrayList<>();
    try (QuestionReader r = datasets.openQuestions(dataset, null)) {
      r.forEachRemaining(questions::add);
    }
    if (questions.isEmpty() || questions.get(0).passageId() == null) {
      throw new BadInputException("training needs SQuAD-format questions tied to their paragraphs: " + dataset);
    }
    Map<String, Passage> paragraphs = new HashMap<>();
    try (SquadFile squad = new SquadFile(file, true)) {
      squad.forEachRemaining(p -> paragraphs.put(p.passageId(), p.passage()));
    }
    try (Retriever retriever = openFraction > 0 ? source.open() : null) {
      if (trainPassages < 1 || trainPassages > 50) {
        throw new BadInputException("--train-passages must be 1..50");
      }
      TrainingSet data = TrainingSet.build(questions, paragraphs, retriever, trainPassages, options);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("dataset", dataset);
      meta.put("datasetSha256", Checksums.sha256(file));
      meta.put("index", retriever == null ? null : source.kind() == RetrieverSource.Kind.OPENSEARCH
          ? source.toString() : source.index().toAbsolutePath().toString());
      meta.put("retriever", retriever == null ? null : retriever.defaultKind().id());
      meta.put("indexCorpusSha256", retriever == null ? null
          : RetrieverSource.stats(retriever).map(IndexStats::corpusSha256).orElse(null));
      meta.put("trainQuestions", data.trainQuestions());
      meta.put("heldOutQuestions", data.heldOut().size());
      meta.put("trainPassages", retriever == null ? 0 : trainPassages);
      System.out.printf("training on %,d questions (%,d paragraphs), %,d held out; model -> %s%n",
          data.trainQuestions(), data.train().size(), data.heldOut().size(), modelDir);
      Trainer.Result r = new Trainer(config, options).train(data, modelDir, resume, meta);
      Trainer.EpochResult best = r.history().get(r.bestEpoch() - 1);
      System.out.printf("done in %.0f s: best epoch %d, held-out closed EM %.2f F1 %.2f, open EM %.2f F1 %.2f; %.0f examples/s%n",
          r.seconds(), r.bestEpoch(), best.heldOutClosedEm(), best.heldOutClosedF1(), best.heldOutOpenEm(),
          best.heldOutOpenF1(), best.examplesPerSecond());
    }
  }
}
