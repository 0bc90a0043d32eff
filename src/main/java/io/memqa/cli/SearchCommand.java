package io.memqa.cli;

import io.memqa.retrieve.Hit;
import io.memqa.retrieve.RankSignals;
import io.memqa.retrieve.Retriever;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints the passages ranked highest for a question. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Retrieve passages for a question (BM25, dense or hybrid from the Lucene index, or BM25 from OpenSearch).")
final class SearchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "QUESTION", description = "the question, as plain text")
  String question;

  @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "5", description = "passages to show (default: ${DEFAULT-VALUE})")
  int k;

  @Mixin RetrieverOptions retrieval;

  @Option(names = "--full", description = "print whole passages instead of the first 300 characters")
  boolean full;

  @Override
  public Integer call() throws Exception {
    Retriever.checkQuestion(question, Retriever.MAX_QUESTION_CHARS); // the service's limit too
    try (Retriever r = retrieval.source().open()) {
      List<Hit> hits = r.search(question, k);
      boolean ranked = r.defaultKind().needsVectors();
      if (hits.isEmpty()) {
        System.out.println("no passages match (the question has no searchable words)");
      }
      for (Hit h : hits) {
        String text = h.passage().text();
        if (!full && text.length() > 300) {
          text = text.substring(0, 300) + "...";
        }
        System.out.printf("%2d. %7.3f  [%s] %s%s%n    %s%n", h.rank(), h.score(), h.passage().id(), h.passage().title(),
            ranked ? ranks(h.signals()) : "", text);
      }
    }
    return 0;
  }

  /** Where a dense or fused hit stood in each ranking, e.g. " (bm25 #3, dense #1)". */
  private static String ranks(RankSignals s) {
    return " (bm25 " + (s.bm25Rank() > 0 ? "#" + s.bm25Rank() : "-") + ", dense " + (s.denseRank() > 0 ? "#" + s.denseRank() : "-") + ")";
  }
}
