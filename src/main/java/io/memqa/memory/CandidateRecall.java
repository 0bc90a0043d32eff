package io.memqa.memory;

import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.retrieve.Hit;
import io.memqa.retrieve.Retriever;
import io.memqa.text.AnswerNormalizer;
import io.memqa.util.Progress;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How often the memory can hold the answer at all: the share of questions whose normalised gold
 * answer is exactly one of the memory's candidates, with the gold paragraph as memory (closed)
 * and with the top-K retrieved passages (open). Also times slot construction.
 */
public final class CandidateRecall {
  /** Percentages, average slots per memory, and slots built per second (construction only). */
  public record Result(int questions, double closed, double open, double closedSlots, double openSlots,
      double slotsPerSecond) {}

  private final MemoryBuilder builder;
  private final Retriever retriever;
  private final int k;

  public CandidateRecall(MemoryBuilder builder, Retriever retriever, int k) {
    this.builder = builder;
    this.retriever = retriever;
    this.k = k;
  }

  public Result run(Iterator<Question> questions, int limit) {
    int n = 0;
    int closedHits = 0;
    int openHits = 0;
    long closedSlots = 0;
    long openSlots = 0;
    long nanos = 0;
    try (Progress progress = Progress.start("candidate recall (questions)", -1)) {
      while (questions.hasNext() && (limit <= 0 || n < limit)) {
        Question q = questions.next();
        Set<String> golds = new HashSet<>();
        q.answers().forEach(a -> golds.add(AnswerNormalizer.normalize(a)));
        Optional<Passage> gold = q.passageId() == null ? Optional.empty() : retriever.passage(q.passageId());
        if (gold.isPresent()) {
          long t0 = System.nanoTime();
          Memory m = builder.build(q.text(), gold.get());
          nanos += System.nanoTime() - t0;
          closedSlots += m.slots().size();
          closedHits += holds(m, golds) ? 1 : 0;
        }
        List<Hit> hits = retriever.search(q.text(), k);
        long t0 = System.nanoTime();
        Memory m = builder.build(q.text(), hits);
        nanos += System.nanoTime() - t0;
        openSlots += m.slots().size();
        openHits += holds(m, golds) ? 1 : 0;
        n++;
        progress.step();
      }
    }
    return new Result(n, pct(closedHits, n), pct(openHits, n), n == 0 ? 0 : (double) closedSlots / n,
        n == 0 ? 0 : (double) openSlots / n, (closedSlots + openSlots) / Math.max(nanos / 1e9, 1e-9));
  }

  private static boolean holds(Memory m, Set<String> golds) {
    for (Slot s : m.slots()) {
      if (golds.contains(AnswerNormalizer.normalize(m.valueText(s)))) {
        return true;
      }
    }
    return false;
  }

  private static double pct(int hits, int n) {
    return n == 0 ? 0 : Math.round(10000.0 * hits / n) / 100.0;
  }
}
