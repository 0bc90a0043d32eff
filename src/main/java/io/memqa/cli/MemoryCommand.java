package io.memqa.cli;

import io.memqa.data.QuestionReader;
import io.memqa.memory.CandidateRecall;
import io.memqa.memory.MemoryBuilder;
import io.memqa.memory.MemoryConfig;
import io.memqa.retrieve.Retriever;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Measures candidate recall of the memory and the speed of building it. */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = {
      "Candidate recall of the memory, and how fast its slots are built.",
      "Candidate recall is the share of questions whose normalised gold answer is one of the",
      "memory's candidates, closed (gold paragraph) and open (top-K retrieved)."
    })
final class MemoryCommand implements Callable<Integer> {
  @Mixin RetrieverOptions retrieval;

  @Mixin QuestionSet questionSet;

  @Option(names = {"--passages", "-k"}, paramLabel = "K", defaultValue = "5", description = "retrieved passages for the open setting (default: ${DEFAULT-VALUE})")
  int passages;

  @Option(names = "--max-span", paramLabel = "WORDS", description = "longest candidate in words (default: the memory default)")
  Integer maxSpan;

  @Override
  public Integer call() throws Exception {
    MemoryConfig d = MemoryConfig.defaults();
    MemoryConfig config = new MemoryConfig(maxSpan == null ? d.maxSpanWords() : maxSpan, d.windowRadius());
    try (Retriever r = retrieval.source().open(); QuestionReader questions = questionSet.open()) {
      CandidateRecall.Result res = new CandidateRecall(new MemoryBuilder(config), r, passages).run(questions, questionSet.limit);
      System.out.printf("questions: %d   max span: %d words   K: %d%n", res.questions(), config.maxSpanWords(), passages);
      System.out.printf("candidate recall: closed %.2f%%   open %.2f%%%n", res.closed(), res.open());
      System.out.printf("slots per memory: closed %.0f   open %.0f   slot construction: %,.0f slots/s%n",
          res.closedSlots(), res.openSlots(), res.slotsPerSecond());
    }
    return 0;
  }
}
