package io.memqa.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.memqa.corpus.Passage;
import io.memqa.data.Question;
import io.memqa.memory.Memory;
import io.memqa.memory.MemoryBuilder;
import io.memqa.memory.MemoryPassage;
import io.memqa.memory.Slot;
import io.memqa.qa.Answers;
import io.memqa.text.AnswerMetrics;
import io.memqa.text.AnswerNormalizer;
import io.memqa.text.Tokenizer;
import io.memqa.util.AtomicFiles;
import io.memqa.util.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Answer quality and speed: EM and F1 (official SQuAD normalisation, best over the references),
 * regex match for regex answers, candidate recall (a reference is one of the memory's
 * candidates), retrieval recall (a reference occurs in a passage in memory), latency
 * percentiles and questions/s. Writes {@code predictions.jsonl} and {@code summary.json}.
 */
public final class AnswerEvaluation {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One question's outcome, as written to predictions.jsonl. */
  public record Row(
      String id, String question, List<String> references, String prediction, double score,
      double em, double f1, boolean candidate, boolean retrieved, double latencyMs,
      Answers.Timings timings, List<String> passages, String error) {}

  /** The averages in percent, latency in ms, and counts. */
  public record Summary(Map<String, Double> metrics, int questions, int errors, double seconds) {}

  private final Answerer answerer;
  private final MemoryBuilder candidates;
  private final int threads;

  /** {@code candidates} rebuilds memories from returned passages to measure candidate recall. */
  public AnswerEvaluation(Answerer answerer, MemoryBuilder candidates, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.answerer = answerer;
    this.candidates = candidates;
    this.threads = threads;
  }

  public Row evaluate(Question q) {
    long t0 = System.nanoTime();
    Answers a;
    try {
      a = answerer.answer(q);
    } catch (IOException | RuntimeException e) {
      return new Row(q.id(), q.text(), q.answers(), "", 0, 0, 0, false, false,
          (System.nanoTime() - t0) / 1e6, null, List.of(), e.getMessage() == null ? e.toString() : e.getMessage());
    }
    double wall = (System.nanoTime() - t0) / 1e6;
    String prediction = a.answers().isEmpty() ? "" : a.answers().get(0).text();
    double score = a.answers().isEmpty() ? 0 : a.answers().get(0).score();
    boolean regex = q.kind() == Question.AnswerKind.REGEX;
    double em = regex
        ? (AnswerMetrics.regexMatch(prediction, q.answers()) ? 1 : 0)
        : AnswerMetrics.maxExactMatch(prediction, q.answers());
    double f1 = regex ? em : AnswerMetrics.maxF1(prediction, q.answers());
    List<String> ids = a.passages().stream().map(Answers.PassageRef::id).toList();
    return new Row(q.id(), q.text(), q.answers(), prediction, score, em, f1, isCandidate(q, a),
        isRetrieved(q, a), wall, a.timings(), ids, null);
  }

  private boolean isRetrieved(Question q, Answers a) {
    for (Answers.PassageRef p : a.passages()) {
      boolean hit = q.kind() == Question.AnswerKind.REGEX
          ? AnswerMetrics.containsRegex(p.text(), q.answers())
          : AnswerMetrics.containsAnswer(AnswerNormalizer.normalizedTokens(p.text()), q.answers());
      if (hit) {
        return true;
      }
    }
    return false;
  }

  private boolean isCandidate(Question q, Answers a) {
    List<MemoryPassage> passages = new ArrayList<>();
    for (Answers.PassageRef p : a.passages()) {
      passages.add(MemoryBuilder.passage(new Passage(p.id(), p.title(), p.text()), (float) p.score(), p.rank()));
    }
    Memory m = candidates.build(q.text(), Tokenizer.tokenize(q.text()), passages);
    if (q.kind() == Question.AnswerKind.REGEX) {
      for (Slot s : m.slots()) {
        if (AnswerMetrics.regexMatch(m.valueText(s), q.answers())) {
          return true;
        }
      }
      return false;
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

  /** Evaluates up to {@code limit} questions (0 = all), writing results under {@code outDir}. */
  public Summary run(Iterator<Question> questions, int limit, Path outDir, Map<String, Object> about)
      throws IOException {
    Files.createDirectories(outDir);
    long t0 = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Progress progress = Progress.start("eval answers (questions)", -1);
        BufferedWriter out = Files.newBufferedWriter(outDir.resolve("predictions.jsonl"), StandardCharsets.UTF_8)) {
      List<Future<Row>> window = new ArrayList<>();
      int taken = 0;
      while (questions.hasNext() && (limit <= 0 || taken < limit)) {
        Question q = questions.next();
        taken++;
        window.add(pool.submit(() -> evaluate(q)));
        if (window.size() >= 4 * threads) {
          drain(window, rows, out, progress);
        }
      }
      drain(window, rows, out, progress);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Summary s = summarize(rows, seconds);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("metrics", s.metrics());
    json.put("questions", s.questions());
    json.put("errors", s.errors());
    json.put("seconds", Math.round(seconds * 100) / 100.0);
    json.putAll(about);
    AtomicFiles.writeString(outDir.resolve("summary.json"),
        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
    return s;
  }

  private static void drain(List<Future<Row>> window, List<Row> rows, BufferedWriter out, Progress p)
      throws IOException {
    for (Future<Row> f : window) {
      Row r;
      try {
        r = f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IOException("evaluation failed: " + e.getCause(), e.getCause());
      }
      rows.add(r);
      out.write(JSON.writeValueAsString(r));
      out.write('\n');
      p.step();
    }
    window.clear();
  }

  static Summary summarize(List<Row> rows, double seconds) {
    Map<String, Double> m = new LinkedHashMap<>();
    int n = rows.size();
    int errors = (int) rows.stream().filter(r -> r.error() != null).count();
    m.put("em", pct(rows.stream().mapToDouble(Row::em).sum(), n));
    m.put("f1", pct(rows.stream().mapToDouble(Row::f1).sum(), n));
    m.put("candidate_recall", pct(rows.stream().filter(Row::candidate).count(), n));
    m.put("retrieval_recall", pct(rows.stream().filter(Row::retrieved).count(), n));
    double[] latency = rows.stream().filter(r -> r.error() == null).mapToDouble(Row::latencyMs).toArray();
    m.put("latency_ms_p50", round(Percentiles.of(latency, 50)));
    m.put("latency_ms_p95", round(Percentiles.of(latency, 95)));
    m.put("latency_ms_p99", round(Percentiles.of(latency, 99)));
    m.put("questions_per_second", round(n / Math.max(seconds, 1e-9)));
    return new Summary(m, n, errors, seconds);
  }

  private static double pct(double hits, int n) {
    return n == 0 ? 0 : Math.round(10000.0 * hits / n) / 100.0;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  public static void print(Summary s, PrintStream out) {
    Map<String, Double> m = s.metrics();
    out.printf("questions: %d%s   time: %.1f s   %.1f questions/s%n", s.questions(),
        s.errors() > 0 ? " (" + s.errors() + " errors)" : "", s.seconds(), m.get("questions_per_second"));
    out.printf("EM %.2f   F1 %.2f   candidate recall %.2f   retrieval recall %.2f%n",
        m.get("em"), m.get("f1"), m.get("candidate_recall"), m.get("retrieval_recall"));
    out.printf("latency ms: p50 %.2f   p95 %.2f   p99 %.2f%n",
        m.get("latency_ms_p50"), m.get("latency_ms_p95"), m.get("latency_ms_p99"));
  }
}
