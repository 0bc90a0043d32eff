package io.memqa.cli;

import io.memqa.data.Datasets;
import io.memqa.data.Manifest;
import io.memqa.data.QuestionReader;
import io.memqa.eval.RetrievalEvaluation;
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
    subcommands = {EvalCommand.Retrieval.class})
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

    @Option(names = "--title-weight", defaultValue = "0.5", description = "title field weight (default: ${DEFAULT-VALUE})")
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
}
