import io.memqa.data.Question;
import io.memqa.data.SquadQuestionReader;
import io.memqa.qa.AnswerOptions;
import io.memqa.qa.QaPipeline;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers N questions in one process (cycling through SQuAD dev) and prints heap-after-GC and
 * resident memory every N/10 questions: both must stay flat if nothing leaks.
 * Usage: java -cp ... bench/reader/Soak.java INDEX MODEL QUESTIONS_FILE N
 */
public class Soak {
  public static void main(String[] args) throws Exception {
    Path index = Path.of(args[0]);
    Path model = Path.of(args[1]);
    int n = Integer.parseInt(args[3]);
    List<Question> qs = new ArrayList<>();
    try (SquadQuestionReader r = new SquadQuestionReader(Path.of(args[2]))) {
      r.forEachRemaining(qs::add);
    }
    AnswerOptions options = new AnswerOptions(5, 3, 5);
    System.out.printf("%10s %14s %12s %14s%n", "questions", "heap MB (GC)", "RSS MB", "ms/question");
    try (QaPipeline qa = QaPipeline.open(index, model)) {
      long t0 = System.nanoTime();
      for (int i = 1; i <= n; i++) {
        qa.answer(qs.get(i % qs.size()).text(), options);
        if (i % Math.max(1, n / 10) == 0) {
          System.gc();
          long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
          System.out.printf("%10d %14d %12d %14.2f%n", i, heap, rssMb(), (System.nanoTime() - t0) / 1e6 / i);
        }
      }
    }
  }

  private static long rssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
      }
    }
    return -1;
  }
}
