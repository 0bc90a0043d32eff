package io.memqa.cli;

import io.memqa.data.Datasets;
import io.memqa.data.Manifest;
import io.memqa.data.QuestionReader;
import io.memqa.corpus.Passage;
import io.memqa.eval.AnswerEvaluation;
import io.memqa.eval.Answerer;
import io.memqa.eval.RetrievalEvaluation;
import io.memqa.qa.AnswerOptions;
import io.memqa.qa.QaPipeline;
import java.util.LinkedHashMap;
import java.util.Map;
import io.memqa.retrieve.Bm25Retriever;
import io.memqa.util.MemqaHome;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Evaluation commands. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate retrieval or answers on a question set.",
    subcommands = {EvalCommand.Retrieval.class, EvalCommand.AnswersCommand.class})
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
        "Answer recall@k and gold-paragraph recall@k of the BM25 retriever.",
        "Writes DIR/summary.json and DIR/questions.jsonl and prints a table."
      })
  static final class Retrieval implements Callable<Integer> {
    @Option(names = "--index", paramLabel = "DIR", description = "index directory (default: index/squad)")
    Path index;

    @Option(names = "--dataset", paramLabel = "NAME|FILE", defaultValue = "squad-dev", description = "question set name or file (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--format", paramLabel = "FORMAT", description = "question file format: squad, nq-jsonl, nq-jsonl-regex, dpr-tsv, trec-tsv or wikimovies (default: the set's, or detected from a file's content)")
    String format;

    @Option(names = "--k", paramLabel = "K,K,...", split = ",", defaultValue = "1,5,10,20,100", description = "cut-offs (default: ${DEFAULT-VALUE})")
    int[] ks;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
    Path out;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "only the first N questions (0 = all)")
    int limit;

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
      if (limit < 0) {
        throw new IllegalArgumentException("--limit must be 0 or more");
      }
      Path dir = index == null ? MemqaHome.indexes().resolve("squad") : index;
      Datasets datasets = new Datasets(Manifest.bundled(), MemqaHome.data());
      RetrievalEvaluation eval;
      try (Bm25Retriever r = Bm25Retriever.open(dir, new Bm25Retriever.Options(k1, b, titleWeight));
          QuestionReader questions = datasets.openQuestions(dataset, format)) {
        eval = new RetrievalEvaluation(r, ks, threads);
        RetrievalEvaluation.Summary s = eval.run(questions, limit, out);
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
        "Answer a question set and score it: EM and F1 (official SQuAD normalisation), candidate",
        "recall, retrieval recall, latency p50/p95/p99 and questions/s.",
        "--mode open reads retrieved passages; --mode closed reads each question's gold paragraph.",
        "Writes DIR/summary.json and DIR/predictions.jsonl and prints a table."
      })
  static final class AnswersCommand implements Callable<Integer> {
    @Option(names = "--index", paramLabel = "DIR", description = "index directory (default: index/squad)")
    Path index;

    @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: models/squad)")
    Path model;

    @Option(names = "--dataset", paramLabel = "NAME|FILE", defaultValue = "squad-dev", description = "question set name or file (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--format", paramLabel = "FORMAT", description = "question file format (default: detected)")
    String format;

    @Option(names = "--mode", paramLabel = "open|closed", defaultValue = "open", description = "open: retrieved passages; closed: the gold paragraph (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = {"--passages", "-k"}, paramLabel = "K", defaultValue = "5", description = "passages in memory in open mode (default: ${DEFAULT-VALUE})")
    int passages;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory")
    Path out;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "only the first N questions (0 = all)")
    int limit;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "questions answered in parallel (default: ${DEFAULT-VALUE})")
    int threads;

    @Override
    public Integer call() throws Exception {
      boolean closed = switch (mode) {
        case "open" -> false;
        case "closed" -> true;
        default -> throw new IllegalArgumentException("--mode must be open or closed, got " + mode);
      };
      if (limit < 0) {
        throw new IllegalArgumentException("--limit must be 0 or more");
      }
      AnswerOptions options = new AnswerOptions(passages, 1, 0);
      Path indexDir = index == null ? MemqaHome.indexes().resolve("squad") : index;
      Path modelDir = model == null ? MemqaHome.models().resolve("squad") : model;
      Datasets datasets = new Datasets(Manifest.bundled(), MemqaHome.data());
      try (QaPipeline qa = QaPipeline.open(indexDir, modelDir);
          QuestionReader questions = datasets.openQuestions(dataset, format)) {
        Answerer answerer = q -> {
          if (!closed) {
            return qa.answer(q.text(), options);
          }
          Passage gold = q.passageId() == null ? null : qa.retriever().passage(q.passageId()).orElse(null);
          if (gold == null) {
            throw new IllegalArgumentException("closed mode needs the question's paragraph in the index: " + q.passageId());
          }
          return qa.answer(q.text(), gold, options);
        };
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("mode", mode);
        about.put("passages", closed ? 1 : passages);
        about.put("dataset", dataset);
        about.put("index", indexDir.toAbsolutePath().toString());
        about.put("model", modelDir.toAbsolutePath().toString());
        about.put("threads", threads);
        AnswerEvaluation eval = new AnswerEvaluation(answerer, qa.reader().memoryBuilder(), threads);
        AnswerEvaluation.Summary s = eval.run(questions, limit, out, about);
        AnswerEvaluation.print(s, System.out);
      }
      System.out.println("wrote " + out.resolve("summary.json") + " and " + out.resolve("predictions.jsonl"));
      return 0;
    }
  }
}
