package io.memqa.eval;

import io.memqa.text.AnswerMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memqa.data.Question;
import io.memqa.retrieve.Hit;
import io.memqa.retrieve.Retriever;
import io.memqa.text.AnswerNormalizer;
import io.memqa.util.AtomicFiles;
import io.memqa.util.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Retrieval quality: for every question, the rank of the first passage containing a gold answer
 * (answer recall@k) and the rank of the gold paragraph when the question has one (paragraph
 * recall@k). Writes per-question JSON lines and {@code summary.json}.
 */
public final class RetrievalEvaluation {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One question's outcome: 1-based ranks, 0 when not found within the deepest k. */
  public record Row(String id, String question, int answerRank, int paragraphRank, List<String> top) {}

  /**
   * Recall at each k, question count and speed. Unanswerable questions (no reference answers) have
   * nothing to find: they are left out of recall and only counted.
   */
  public record Summary(Map<String, Double> metrics, int questions, double seconds, double questionsPerSecond,
      long unanswerable) {}

  private final Retriever retriever;
  private final int[] ks;
  private final int threads;
  private final Map<String, String[]> normalized = new ConcurrentHashMap<>();

  public RetrievalEvaluation(Retriever retriever, int[] ks, int threads) {
    if (ks.length == 0) {
      throw new IllegalArgumentException("give at least one k");
    }
    for (int k : ks) {
      if (k < 1 || k > Retriever.MAX_K) {
        throw new IllegalArgumentException("k must be between 1 and " + Retriever.MAX_K + ", got " + k);
      }
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.retriever = retriever;
    this.ks = Arrays.stream(ks).sorted().distinct().toArray();
    this.threads = threads;
  }

  public Row evaluate(Question q) {
    int depth = ks[ks.length - 1];
    List<Hit> hits = retriever.search(q.text(), depth);
    int answerRank = 0;
    int paragraphRank = 0;
    List<String> top = new ArrayList<>();
    for (Hit h : hits) {
      if (top.size() < 5) {
        top.add(h.passage().id());
      }
      if (answerRank == 0 && contains(h, q)) {
        answerRank = h.rank();
      }
      if (paragraphRank == 0 && h.passage().id().equals(q.passageId())) {
        paragraphRank = h.rank();
      }
    }
    return new Row(q.id(), q.text(), answerRank, paragraphRank, top);
  }

  private boolean contains(Hit h, Question q) {
    if (q.kind() == Question.AnswerKind.REGEX) {
      return AnswerMetrics.containsRegex(h.passage().text(), q.answers());
    }
    String[] tokens =
        normalized.computeIfAbsent(
            h.passage().id(), id -> AnswerNormalizer.normalizedTokens(h.passage().text()));
    return AnswerMetrics.containsAnswer(tokens, q.answers());
  }

  /** Evaluates up to {@code limit} questions (0 = all), writing results under {@code outDir}. */
  public Summary run(Iterator<Question> questions, int limit, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    long t0 = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Path perQuestion = outDir.resolve("questions.jsonl");
    long unanswerable = 0;
    try (Progress progress = Progress.start("eval retrieval (questions)", -1);
        BufferedWriter out = Files.newBufferedWriter(perQuestion, StandardCharsets.UTF_8)) {
      List<Future<Row>> window = new ArrayList<>();
      int taken = 0;
      while (questions.hasNext() && (limit <= 0 || taken < limit)) {
        Question q = questions.next();
        taken++;
        if (q.answers().isEmpty()) {
          unanswerable++;
          continue;
        }
        window.add(pool.submit(() -> evaluate(q)));
        if (window.size() >= 256) {
          drain(window, rows, out, progress);
        }
      }
      drain(window, rows, out, progress);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Summary s = summarize(rows, seconds, unanswerable);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("metrics", s.metrics());
    json.put("questions", s.questions());
    json.put("unanswerable_left_out", unanswerable);
    json.put("k", ks);
    json.put("seconds", Math.round(seconds * 1000) / 1000.0);
    json.put("questions_per_second", Math.round(s.questionsPerSecond() * 10) / 10.0);
    json.put("threads", threads);
    AtomicFiles.writeString(
        outDir.resolve("summary.json"),
        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
    return s;
  }

  private static void drain(List<Future<Row>> window, List<Row> rows, BufferedWriter out, Progress p)
      throws IOException {
    for (Future<Row> f : window) {
      Row r = Results.await(f);
      rows.add(r);
      out.write(JSON.writeValueAsString(r));
      out.write('\n');
      p.step();
    }
    window.clear();
  }

  Summary summarize(List<Row> rows, double seconds, long unanswerable) {
    Map<String, Double> m = new LinkedHashMap<>();
    boolean paragraphs = rows.stream().anyMatch(r -> r.paragraphRank() > 0);
    for (int k : ks) {
      m.put("answer_recall@" + k, recall(rows, k, true));
    }
    if (paragraphs) {
      for (int k : ks) {
        m.put("paragraph_recall@" + k, recall(rows, k, false));
      }
    }
    return new Summary(m, rows.size(), seconds, rows.size() / Math.max(seconds, 1e-9), unanswerable);
  }

  private static double recall(List<Row> rows, int k, boolean answer) {
    if (rows.isEmpty()) {
      return 0;
    }
    long hit =
        rows.stream()
            .mapToInt(r -> answer ? r.answerRank() : r.paragraphRank())
            .filter(rank -> rank > 0 && rank <= k)
            .count();
    return Math.round(10000.0 * hit / rows.size()) / 100.0;
  }

  /** Prints the summary as a small table. */
  public void print(Summary s, PrintStream out) {
    out.printf("questions: %d   time: %.1f s   %.0f questions/s%n", s.questions(), s.seconds(), s.questionsPerSecond());
    if (s.unanswerable() > 0) {
      out.printf("left out %d unanswerable questions (no answer to find)%n", s.unanswerable());
    }
    out.printf("%-8s %16s %19s%n", "k", "answer recall %", "paragraph recall %");
    for (int k : ks) {
      Double a = s.metrics().get("answer_recall@" + k);
      Double p = s.metrics().get("paragraph_recall@" + k);
      out.printf("%-8d %16.2f %19s%n", k, a, p == null ? "-" : String.format("%.2f", p));
    }
  }
}
