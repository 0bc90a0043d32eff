package io.memqa.cli;

import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import io.memqa.qa.QaPipeline;
import io.memqa.util.MemqaHome;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Answers one question from the command line, with evidence and attention. */
@Command(name = "ask", mixinStandardHelpOptions = true,
    description = "Answer a question: the answer, its score, its passage and offsets, and the most attended memory slots per hop.")
final class AskCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "QUESTION", description = "the question, as plain text")
  String question;

  @Mixin RetrieverOptions retrieval;

  @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: models/squad)")
  Path model;

  @Option(names = {"-k", "--passages"}, paramLabel = "K", defaultValue = "5", description = "passages in memory (default: ${DEFAULT-VALUE})")
  int passages;

  @Option(names = "--answers", paramLabel = "N", defaultValue = "3", description = "answers to show (default: ${DEFAULT-VALUE})")
  int answers;

  @Option(names = "--explain", paramLabel = "N", defaultValue = "5", description = "attended slots to show per hop, 0 for none (default: ${DEFAULT-VALUE})")
  int explain;

  @Override
  public Integer call() throws Exception {
    AnswerOptions options = new AnswerOptions(passages, answers, explain);
    Path modelDir = MemqaHome.model(model);
    try (QaPipeline qa = QaPipeline.open(retrieval.source(), modelDir)) {
      print(qa.answer(question, options));
    }
    return 0;
  }

  private static void print(Answers a) {
    if (a.answers().isEmpty()) {
      System.out.println("no answer: no passage matched the question");
      return;
    }
    int rank = 1;
    for (Answers.Answer x : a.answers()) {
      System.out.printf("%d. %s   (score %.3f)%n   from [%s] %s, characters %d-%d%n   \"%s\"%n",
          rank++, x.text(), x.score(), x.passageId(), x.title(), x.start(), x.end(), x.evidence());
    }
    List<List<Answers.AttendedSlot>> hops = a.hops();
    for (int h = 0; h < hops.size(); h++) {
      System.out.printf("hop %d attention:%n", h + 1);
      for (Answers.AttendedSlot s : hops.get(h)) {
        System.out.printf("   %.3f  %-30s key: \"%s\" [%s]%n", s.weight(), s.value(), s.key(), s.passageId());
      }
    }
    Answers.Timings t = a.timings();
    System.out.printf("time: retrieve %.1f ms, memory %.1f ms, read %.1f ms, total %.1f ms%n",
        t.retrieveMs(), t.memoryMs(), t.readMs(), t.totalMs());
  }
}
