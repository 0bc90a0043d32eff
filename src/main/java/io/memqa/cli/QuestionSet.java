package io.memqa.cli;

import io.memqa.data.Datasets;
import io.memqa.data.QuestionReader;
import java.io.IOException;
import picocli.CommandLine.Option;

/** The question set a measuring command reads; a picocli mixin shared by the evaluations. */
final class QuestionSet {
  @Option(names = "--dataset", paramLabel = "NAME|FILE", defaultValue = "squad-dev", description = "question set name or file (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--format", paramLabel = "FORMAT", description = "question file format: squad, nq-jsonl, nq-jsonl-regex, dpr-tsv, trec-tsv, wikimovies or qa-jsonl (default: the set's, or detected from a file's content)")
  String format;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "only the first N questions (0 = all)")
  int limit;

  /** Checks the options and opens the questions. */
  QuestionReader open() throws IOException {
    if (limit < 0) {
      throw new IllegalArgumentException("--limit must be 0 or more");
    }
    return Datasets.local().openQuestions(dataset, format);
  }
}
