package io.memqa.eval;

import io.memqa.eval.AnswerEvaluation.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scores of a run, computed from its rows: averages in percent, latency in ms, the recall@k
 * curve, EM/F1 broken down by question type and by answer length, and how honest the top answer's
 * score is (calibration and coverage, see {@link Calibration}). Answer quality (EM, F1, recall) is
 * over the answerable questions; unanswerable ones (no references) are scored apart: how many got a
 * confident answer, and their mean top score.
 *
 * @param answered questions answered by this process (a resumed run counts only the new ones)
 * @param seconds this process's wall time
 */
public record Summary(
    Map<String, Double> metrics,
    Map<String, Group> byType,
    Map<String, Group> byAnswerLength,
    List<Calibration.Bin> reliability,
    List<Calibration.Point> coverage,
    int questions,
    int errors,
    int answered,
    double seconds) {

  /** The scores of one group of questions. */
  public record Group(int questions, double em, double f1) {}

  /** Summarises {@code rows}; questions/s is taken over the {@code answered} rows of this process. */
  public static Summary of(List<Row> all, int answered, double seconds) {
    Map<String, Double> m = new LinkedHashMap<>();
    List<Row> rows = all.stream().filter(Row::answerable).toList();
    int n = rows.size();
    m.put("em", pct(rows.stream().mapToDouble(Row::em).sum(), n));
    m.put("f1", pct(rows.stream().mapToDouble(Row::f1).sum(), n));
    m.put("hits@1", pct(rows.stream().filter(Row::hit).count(), n));
    List<Row> regex = rows.stream().filter(Row::regex).toList();
    if (!regex.isEmpty()) {
      m.put("regex_match", pct(regex.stream().filter(Row::hit).count(), regex.size()));
    }
    if (rows.stream().allMatch(r -> r.candidate() != null)) {
      m.put("candidate_recall", pct(rows.stream().filter(r -> r.candidate()).count(), n));
    }
    m.put("retrieval_recall", pct(rows.stream().filter(Row::retrieved).count(), n));
    int depth = rows.stream().mapToInt(r -> r.passages().size()).max().orElse(0);
    for (int k = 1; k <= depth; k++) {
      int kk = k;
      m.put("answer_recall@" + k, pct(rows.stream().filter(r -> r.answerRank() > 0 && r.answerRank() <= kk).count(), n));
    }
    List<Calibration.Outcome> outcomes = Calibration.outcomes(all);
    m.put("ece", Calibration.ece(outcomes));
    m.put("em_coverage@50", Calibration.accuracyAtCoverage(outcomes, 50));
    m.put("em_coverage@80", Calibration.accuracyAtCoverage(outcomes, 80));
    List<Row> confident = rows.stream().filter(Row::confident).toList();
    m.put("answered_confidently", pct(confident.size(), n));
    m.put("confident_em", pct(confident.stream().filter(Row::hit).count(), confident.size()));
    List<Row> unanswerable = all.stream().filter(r -> !r.answerable()).toList();
    if (!unanswerable.isEmpty()) {
      m.put("unanswerable", (double) unanswerable.size());
      m.put("unanswerable_confident", (double) unanswerable.stream().filter(Row::confident).count());
      m.put("unanswerable_mean_score", round(100 * unanswerable.stream().mapToDouble(Row::score).average().orElse(0)));
    }
    double[] latency = latencies(all);
    m.put("latency_ms_p50", round(Percentiles.of(latency, 50)));
    m.put("latency_ms_p95", round(Percentiles.of(latency, 95)));
    m.put("latency_ms_p99", round(Percentiles.of(latency, 99)));
    if (answered > 0) {
      m.put("questions_per_second", round(answered / Math.max(seconds, 1e-9)));
    }
    int errors = (int) all.stream().filter(r -> r.error() != null).count();
    return new Summary(m, groups(rows, QuestionCategories.TYPES, Row::type),
        groups(rows, QuestionCategories.LENGTHS, Row::answerLength), Calibration.reliability(outcomes),
        Calibration.coverageCurve(outcomes), all.size(), errors, answered, seconds);
  }

  /** The questions with an answer to find: those that EM, F1 and recall are over. */
  public int answerable() {
    return questions - metrics.getOrDefault("unanswerable", 0.0).intValue();
  }

  /** The latencies of the rows that were answered without error. */
  static double[] latencies(List<Row> rows) {
    return rows.stream().filter(r -> r.error() == null).mapToDouble(Row::latencyMs).toArray();
  }

  /** The deepest k of the recall curve (0 when no passages were used). */
  public int depth() {
    int k = 0;
    while (metrics.containsKey("answer_recall@" + (k + 1))) {
      k++;
    }
    return k;
  }

  private static Map<String, Group> groups(List<Row> rows, List<String> order, Function<Row, String> key) {
    Map<String, Group> out = new LinkedHashMap<>();
    for (String g : order) {
      List<Row> in = rows.stream().filter(r -> g.equals(key.apply(r))).toList();
      if (!in.isEmpty()) {
        out.put(g, new Group(in.size(), pct(in.stream().mapToDouble(Row::em).sum(), in.size()),
            pct(in.stream().mapToDouble(Row::f1).sum(), in.size())));
      }
    }
    return out;
  }

  static double pct(double hits, int n) {
    return n == 0 ? 0 : Math.round(10000.0 * hits / n) / 100.0;
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
