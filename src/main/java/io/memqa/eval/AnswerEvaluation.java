package io.memqa.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.data.QuestionReader;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.memory.MemoryPassage;
import io.memqa.memory.Slot;
import io.memqa.qa.Answers;
import io.memqa.text.AnswerMetrics;
import io.memqa.text.AnswerNormalizer;
import io.memqa.text.Tokenizer;
import io.memqa.util.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Answer quality and speed: EM and F1 (official SQuAD normalisation, best over the references),
 * hits@1, regex match for regex answers, candidate recall (a reference is one of the memory's
 * candidates), retrieval answer recall@k over the passages in memory, latency percentiles and
 * questions/s. A run writes {@code predictions.jsonl} row by row, then {@code summary.json},
 * {@code report.md} and the charts; a resumed run skips the questions already answered.
 */
public final class AnswerEvaluation {
  static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  public static final String PREDICTIONS = "predictions.jsonl";
  /** So many failures in a row mean the answerer is broken, not the questions: stop. */
  static final int MAX_FAILURES_IN_A_ROW = 25;

  /** A passage that was in memory, in memory order. */
  public record UsedPassage(String id, String title, int rank, double score) {}

  /**
   * One question's outcome, as written to predictions.jsonl. {@code hit} is hits@1 (the top
   * prediction matches any reference); {@code answerRank} is the 1-based memory position of the
   * first passage containing a reference, 0 if none does; {@code candidate} is null when no
   * memory builder was available to measure it.
   */
  public record Row(
      String id, String question, String type, String answerLength, List<String> references,
      boolean regex, String prediction, double score, double em, double f1, boolean hit,
      int answerRank, Boolean candidate, boolean retrieved, double latencyMs,
      Answers.Timings timings, List<UsedPassage> passages, String error) {}

  private final Answerer answerer;
  private final MemoryBuilder candidates;
  private final int threads;

  /**
   * {@code candidates} rebuilds memories from returned passages to measure candidate recall; null
   * leaves candidate recall out (a remote model whose configuration is not at hand).
   */
  public AnswerEvaluation(Answerer answerer, MemoryBuilder candidates, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.answerer = answerer;
    this.candidates = candidates;
    this.threads = threads;
  }

  public Row evaluate(Question q) {
    boolean regex = q.kind() == Question.AnswerKind.REGEX;
    String type = QuestionCategories.type(q.text());
    String length = QuestionCategories.answerLength(q.answers(), regex);
    long t0 = System.nanoTime();
    Answers a;
    try {
      a = answerer.answer(q);
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      return new Row(q.id(), q.text(), type, length, q.answers(), regex, "", 0, 0, 0, false, 0,
          candidates == null ? null : false, false, (System.nanoTime() - t0) / 1e6, null, List.of(), why);
    }
    double wall = (System.nanoTime() - t0) / 1e6;
    String prediction = a.answers().isEmpty() ? "" : a.answers().get(0).text();
    double score = a.answers().isEmpty() ? 0 : a.answers().get(0).score();
    boolean hit = regex
        ? AnswerMetrics.regexMatch(prediction, q.answers())
        : AnswerMetrics.maxExactMatch(prediction, q.answers()) == 1.0;
    double em = hit ? 1 : 0;
    double f1 = regex ? em : AnswerMetrics.maxF1(prediction, q.answers());
    int rank = answerRank(q, a);
    List<UsedPassage> used = a.passages().stream()
        .map(p -> new UsedPassage(p.id(), p.title(), p.rank(), p.score())).toList();
    return new Row(q.id(), q.text(), type, length, q.answers(), regex, prediction, score, em, f1, hit,
        rank, candidates == null ? null : isCandidate(q, a), rank > 0, wall, a.timings(), used, null);
  }

  private static int answerRank(Question q, Answers a) {
    for (int i = 0; i < a.passages().size(); i++) {
      String text = a.passages().get(i).text();
      boolean found = q.kind() == Question.AnswerKind.REGEX
          ? AnswerMetrics.containsRegex(text, q.answers())
          : AnswerMetrics.containsAnswer(AnswerNormalizer.normalizedTokens(text), q.answers());
      if (found) {
        return i + 1;
      }
    }
    return 0;
  }

  private boolean isCandidate(Question q, Answers a) {
    List<MemoryPassage> passages = new ArrayList<>();
    for (Answers.PassageRef p : a.passages()) {
      passages.add(MemoryBuilder.passage(new Passage(p.id(), p.title(), p.text()), (float) p.score(), p.rank()));
    }
    Memory m = candidates.build(q.text(), Tokenizer.tokenize(q.text()), passages);
    if (q.kind() == Question.AnswerKind.REGEX) {
      return m.slots().stream().anyMatch(s -> AnswerMetrics.regexMatch(m.valueText(s), q.answers()));
    }
    Set<String> golds = new HashSet<>();
    for (String g : q.answers()) {
      golds.add(AnswerNormalizer.normalize(g));
    }
    for (Slot s : m.slots()) {
      if (golds.contains(AnswerNormalizer.normalize(m.valueText(s)))) {
        return true;
      }
    }
    return false;
  }

  /** Evaluates up to {@code limit} questions (0 = all) into a fresh {@code outDir}. */
  public Summary run(Iterator<Question> questions, int limit, Path outDir, Map<String, Object> about)
      throws IOException {
    return run(questions, limit, outDir, about, false);
  }

  /**
   * Evaluates the first {@code limit} questions (0 = all). With {@code resume}, rows already in
   * {@code outDir}'s predictions.jsonl are kept and their questions skipped (rows that failed are
   * answered again); the summary covers all rows.
   */
  public Summary run(Iterator<Question> questions, int limit, Path outDir, Map<String, Object> about,
      boolean resume) throws IOException {
    Files.createDirectories(outDir);
    Path file = outDir.resolve(PREDICTIONS);
    List<Row> rows = resume ? PredictionsFile.keepAnswered(file) : new ArrayList<>();
    Set<String> done = new HashSet<>();
    rows.forEach(r -> done.add(r.id()));
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Sink sink;
    try (Progress progress = Progress.start("eval answers (questions)", limit > 0 ? limit : -1);
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      sink = new Sink(rows, out, progress);
      Deque<Future<Row>> window = new ArrayDeque<>();
      int taken = 0;
      while ((limit <= 0 || taken < limit) && questions.hasNext()) {
        Question q = questions.next();
        taken++;
        if (done.contains(q.id())) {
          progress.step();
          continue;
        }
        window.add(pool.submit(() -> evaluate(q)));
        // Rows are written in question order; the window keeps every thread busy meanwhile.
        if (window.size() >= 2 * threads) {
          sink.accept(window.poll());
        }
      }
      while (!window.isEmpty()) {
        sink.accept(window.poll());
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long skipped = questions instanceof QuestionReader r ? r.skipped() : 0;
    long unanswerable = questions instanceof ClosedModeQuestions c ? c.unanswerable() : 0;
    Summary s = Summary.of(rows, sink.answered, seconds);
    RunOutputs.write(outDir, s, rows, about, skipped, unanswerable);
    return s;
  }

  /** Writes finished rows in order, flushing each so that a killed run loses at most one line. */
  private static final class Sink {
    private final List<Row> rows;
    private final BufferedWriter out;
    private final Progress progress;
    private int answered;
    private int hits;
    private int failuresInRow;

    Sink(List<Row> rows, BufferedWriter out, Progress progress) {
      this.rows = rows;
      this.out = out;
      this.progress = progress;
    }

    void accept(Future<Row> f) throws IOException {
      Row r = Results.await(f);
      rows.add(r);
      out.write(JSON.writeValueAsString(r));
      out.write('\n');
      out.flush();
      answered++;
      hits += r.hit() ? 1 : 0;
      progress.step();
      progress.message(String.format(" EM %.1f", 100.0 * hits / answered));
      failuresInRow = r.error() == null ? 0 : failuresInRow + 1;
      if (failuresInRow >= MAX_FAILURES_IN_A_ROW) {
        throw new IOException("stopped: the last " + failuresInRow + " questions all failed (" + r.error()
            + "); fix the cause and run again with --resume");
      }
    }
  }

  public static void print(Summary s, PrintStream out) {
    Map<String, Double> m = s.metrics();
    out.printf("questions: %d%s   answered now: %d in %.1f s   %s questions/s%n", s.questions(),
        s.errors() > 0 ? " (" + s.errors() + " errors)" : "", s.answered(), s.seconds(),
        RunOutputs.number(m.get("questions_per_second")));
    out.printf("EM %.2f   F1 %.2f   hits@1 %.2f   candidate recall %s   retrieval recall@%d %.2f%n",
        m.get("em"), m.get("f1"), m.get("hits@1"), RunOutputs.number(m.get("candidate_recall")), s.depth(),
        m.get("retrieval_recall"));
    out.printf("latency ms: p50 %.2f   p95 %.2f   p99 %.2f%n",
        m.get("latency_ms_p50"), m.get("latency_ms_p95"), m.get("latency_ms_p99"));
    StringBuilder types = new StringBuilder("EM by type:");
    s.byType().forEach((t, g) -> types.append(String.format("   %s %.1f (%d)", t, g.em(), g.questions())));
    out.println(types);
  }
}
