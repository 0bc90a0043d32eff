package io.memqa.cli;

import io.memqa.data.QuestionReader;
import io.memqa.eval.AnswerEvaluation;
import io.memqa.eval.ClosedModeQuestions;
import io.memqa.eval.EvalConfig;
import io.memqa.eval.PipelineAnswerer;
import io.memqa.eval.ResultsTable;
import io.memqa.eval.RetrievalEvaluation;
import io.memqa.eval.RunComparison;
import io.memqa.eval.RunOutputs;
import io.memqa.eval.RunSettings;
import io.memqa.eval.ServerAnswerer;
import io.memqa.eval.Summary;
import io.memqa.memory.MemoryBuilder;
import io.memqa.qa.AnswerOptions;
import io.memqa.qa.QaPipeline;
import io.memqa.reader.ModelFiles;
import io.memqa.reader.SegmentSelection;
import io.memqa.retrieve.Bm25Retriever;
import io.memqa.retrieve.Retriever;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.util.AtomicFiles;
import io.memqa.util.BadInputException;
import io.memqa.util.MemqaHome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Evaluation commands. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate retrieval or answers on a question set, and compare runs.",
    subcommands = {EvalCommand.Retrieval.class, EvalCommand.AnswersCommand.class, EvalCommand.CompareCommand.class,
      EvalCommand.TableCommand.class})
final class EvalCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  @Command(
      name = "retrieval",
      mixinStandardHelpOptions = true,
      description = {
        "Answer recall@k and gold-paragraph recall@k of the retriever (bm25, dense, hybrid or opensearch).",
        "Writes DIR/summary.json and DIR/questions.jsonl and prints a table."
      })
  static final class Retrieval implements Callable<Integer> {
    @Mixin RetrieverOptions retrieval;

    @Mixin QuestionSet questionSet;

    @Option(names = "--k", paramLabel = "K,K,...", split = ",", defaultValue = "1,5,10,20,100", description = "cut-offs (default: ${DEFAULT-VALUE})")
    int[] ks;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
    Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "search threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--k1", defaultValue = "0.9", description = "BM25 k1 (default: ${DEFAULT-VALUE})")
    float k1;

    @Option(names = "--b", defaultValue = "0.4", description = "BM25 b (default: ${DEFAULT-VALUE})")
    float b;

    @Option(names = "--title-weight", defaultValue = "0.25", description = "title field weight (default: ${DEFAULT-VALUE})")
    float titleWeight;

    @Override
    public Integer call() throws Exception {
      RetrievalEvaluation eval;
      try (Retriever r = retrieval.source().open(new Bm25Retriever.Options(k1, b, titleWeight));
          QuestionReader questions = questionSet.open()) {
        System.out.println("retriever: " + r.defaultKind().id() + " over " + retrieval.source());
        eval = new RetrievalEvaluation(r, ks, threads);
        RetrievalEvaluation.Summary s = eval.run(questions, questionSet.limit, out);
        eval.print(s, System.out);
        if (questions.skipped() > 0) {
          System.out.printf("skipped %d malformed questions%n", questions.skipped());
        }
      }
      System.out.println("wrote " + out.resolve("summary.json") + " and " + out.resolve("questions.jsonl") + " (k = " + Arrays.toString(ks) + ")");
      return 0;
    }
  }

  @Command(
      name = "answers",
      mixinStandardHelpOptions = true,
      description = {
        "Answer a question set and score the answers, their recall and speed.",
        "Scores: EM and F1 (official SQuAD normalisation), hits@1, regex match,",
        "candidate recall, retrieval answer recall@k, latency p50/p95/p99 and",
        "questions/s, with EM/F1 by question type and by answer length; calibration",
        "of the top answer's score (ECE, reliability diagram, EM at 50%% and 80%%",
        "coverage) and, for unanswerable questions (no answers), how many got a",
        "confident answer.",
        "--mode open reads retrieved passages; --mode closed reads each question's",
        "gold paragraph. Answers in this process, or through a running service with",
        "--server (same metrics).",
        "Writes DIR/predictions.jsonl (row by row), summary.json, report.md, run.json",
        "and the charts recall-at-k.png, latency.png, em-by-type.png, reliability.png",
        "and coverage.png.",
        "A stopped run continues with --resume: answered questions are skipped,",
        "failed ones retried."
      })
  static final class AnswersCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin RetrieverOptions retrieval;

    @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: models/squad); with --server only its configuration is read, for candidate recall")
    Path model;

    @Option(names = "--server", paramLabel = "URL", description = "answer through the memqa service at URL (e.g. http://127.0.0.1:8080) instead of in this process")
    URI server;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "with --server: longest wait for one answer (default: ${DEFAULT-VALUE})")
    int timeout;

    @Mixin QuestionSet questionSet;

    @Option(names = "--mode", paramLabel = "open|closed", defaultValue = "open", description = "open: retrieved passages; closed: the gold paragraph (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = {"--passages", "-k"}, paramLabel = "K", defaultValue = "5", description = "passages in memory in open mode (default: ${DEFAULT-VALUE})")
    int passages;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
    Path out;

    @Option(names = {"--concurrency", "--threads"}, paramLabel = "N", defaultValue = "1", description = "questions answered at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--resume", description = "continue the run in --out: skip the questions it answered, retry the ones that failed")
    boolean resume;

    @Option(names = "--overwrite", description = "start again even though --out holds a run")
    boolean overwrite;

    @Option(names = "--confidence-threshold", paramLabel = "P", defaultValue = "" + EvalConfig.DEFAULT_CONFIDENCE_THRESHOLD,
        description = "a top answer with at least this score counts as given confidently (default: ${DEFAULT-VALUE})")
    double confidenceThreshold;

    @Option(names = "--compare", paramLabel = "RUN", description = "afterwards, compare with the run in directory RUN (as eval compare RUN --out)")
    Path compare;

    @Override
    public Integer call() throws Exception {
      boolean closed = switch (mode) {
        case "open" -> false;
        case "closed" -> true;
        default -> throw new BadInputException("--mode must be open or closed, got " + mode);
      };
      if (concurrency < 1 || concurrency > 256) {
        throw new BadInputException("--concurrency must be between 1 and 256, got " + concurrency);
      }
      if (timeout < 1) {
        throw new BadInputException("--timeout must be at least 1 second");
      }
      new AnswerOptions(passages, 1, 0); // checks K against the pipeline's limits before any work
      EvalConfig config = new EvalConfig(confidenceThreshold);
      Path modelDir = MemqaHome.model(model);
      RetrieverSource source = retrieval.source();
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("mode", mode);
      settings.put("passages", closed ? 1 : passages);
      settings.put("dataset", questionSet.dataset);
      settings.put("format", questionSet.format);
      settings.put("confidence_threshold", config.confidenceThreshold());
      if (server != null) {
        settings.put("server", server.toString());
        ServerAnswerer.checkReachable(server);
      } else {
        settings.put("index", source.kind() == RetrieverSource.Kind.OPENSEARCH
            ? source.toString() : source.index().toAbsolutePath().normalize().toString());
        settings.put("model", modelDir.toAbsolutePath().normalize().toString());
      }
      if (source.kind() != null) {
        settings.put("retriever", source.kind().id());
      }
      QuestionReader opened = questionSet.open();
      try (QuestionReader questions = closed ? new ClosedModeQuestions(opened) : opened) {
        boolean resuming = RunSettings.prepare(out, settings, resume, overwrite);
        Map<String, Object> about = new LinkedHashMap<>(settings);
        about.put("concurrency", concurrency);
        about.put("command", commandLine());
        Summary s = server != null ? viaServer(questions, closed, source.kind(), modelDir, config, about, resuming)
            : inProcess(questions, closed, source, modelDir, config, about, resuming);
        AnswerEvaluation.print(s, config, System.out);
        if (questions.skipped() > 0) {
          System.out.printf("skipped %d malformed questions (see the warnings above for file and line)%n", questions.skipped());
        }
        if (questions instanceof ClosedModeQuestions c && c.unanswerable() > 0) {
          System.out.printf("left out %d unanswerable questions: closed mode reads a question's own paragraph and they have none%n",
              c.unanswerable());
        }
      }
      System.out.println("wrote " + out.resolve(AnswerEvaluation.PREDICTIONS) + ", " + RunOutputs.SUMMARY + ", "
          + RunOutputs.REPORT + " and charts in " + out);
      if (compare != null) {
        System.out.println();
        System.out.print(RunComparison.of(compare, out).markdown(CompareCommand.DEFAULT_SHOW));
      }
      return 0;
    }

    private Summary inProcess(QuestionReader questions, boolean closed, RetrieverSource source, Path modelDir,
        EvalConfig config, Map<String, Object> about, boolean resuming) throws IOException {
      try (QaPipeline qa = QaPipeline.open(source, modelDir)) {
        about.put("retriever", qa.retriever().defaultKind().id());
        SegmentSelection read = qa.reader().selection();
        about.put("segments", read.readsAll() ? "all" : "at most " + read.segments() + " per memory");
        AnswerEvaluation eval = new AnswerEvaluation(new PipelineAnswerer(qa, passages, closed),
            qa.reader().memoryBuilder(), concurrency, config);
        return eval.run(questions, questionSet.limit, out, about, resuming);
      }
    }

    private Summary viaServer(QuestionReader questions, boolean closed, RetrieverSource.Kind retriever, Path modelDir,
        EvalConfig config, Map<String, Object> about, boolean resuming) throws IOException {
      MemoryBuilder candidates = null;
      if (model != null || Files.isDirectory(modelDir)) {
        candidates = new MemoryBuilder(ModelFiles.readConfig(modelDir).memory());
      } else {
        System.err.println("memqa: note: no model at " + modelDir + ", so candidate recall is left out (give --model DIR)");
      }
      ServerAnswerer.Options options = new ServerAnswerer.Options(Duration.ofSeconds(timeout),
          ServerAnswerer.Options.defaults().retries(), ServerAnswerer.Options.defaults().backoff());
      try (ServerAnswerer answerer = new ServerAnswerer(server, passages, closed, options, retriever)) {
        return new AnswerEvaluation(answerer, candidates, concurrency, config)
            .run(questions, questionSet.limit, out, about, resuming);
      }
    }

    /** The command as typed, for the report: how to reproduce the run. */
    private String commandLine() {
      StringBuilder b = new StringBuilder("./memqa");
      for (String a : spec.commandLine().getParseResult().originalArgs()) {
        b.append(' ').append(a.matches("[\\w@%+=:,./-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
      }
      return b.toString();
    }
  }

  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description = {
        "Compare two eval answers runs.",
        "Shows each metric's change (B - A) and the questions that flipped between",
        "right and wrong (hits@1), matched by id, as Markdown."
      })
  static final class CompareCommand implements Callable<Integer> {
    static final int DEFAULT_SHOW = 20;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "RUN_A", description = "the baseline run directory")
    Path a;

    @picocli.CommandLine.Parameters(index = "1", paramLabel = "RUN_B", description = "the run directory to compare with it")
    Path b;

    @Option(names = "--show", paramLabel = "N", defaultValue = "" + DEFAULT_SHOW, description = "flipped questions listed each way (default: ${DEFAULT-VALUE})")
    int show;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the Markdown to FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
      if (show < 0) {
        throw new BadInputException("--show must be 0 or more");
      }
      if (file != null) {
        RunComparison.checkOutput(file);
      }
      String md = RunComparison.of(a, b).markdown(show);
      System.out.print(md);
      if (file != null) {
        AtomicFiles.writeString(file, md);
      }
      return 0;
    }
  }

  @Command(
      name = "table",
      mixinStandardHelpOptions = true,
      description = {
        "Print a Markdown table of finished runs next to published results.",
        "For a README, e.g.: eval table runs/closed --anchor 'Logistic regression=40.4/51.0'"
      })
  static final class TableCommand implements Callable<Integer> {
    @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "RUN", description = "run directories")
    List<Path> runs;

    @Option(names = "--anchor", paramLabel = "NAME=EM[/F1]", description = "a published result to list below the runs (repeatable)")
    List<String> anchors = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      System.out.print(ResultsTable.markdown(runs, anchors.stream().map(ResultsTable.Anchor::parse).toList()));
      return 0;
    }
  }
}
