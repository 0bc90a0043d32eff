package io.memqa.eval;

import io.memqa.eval.AnswerEvaluation.Row;
import java.util.List;
import java.util.Map;

/** The Markdown report of one run: settings, scores, recall curve, speed and breakdowns. */
public final class Report {
  private static final int ERRORS_LISTED = 10;

  private Report() {}

  public static String markdown(Summary s, List<Row> rows, Map<String, Object> about, long skipped,
      long unanswerableLeftOut) {
    Map<String, Double> m = s.metrics();
    StringBuilder md = new StringBuilder();
    md.append("# memqa answers: ").append(about.getOrDefault("dataset", "?"))
        .append(" (").append(about.getOrDefault("mode", "?")).append(")\n\n");
    if (about.containsKey("command")) {
      md.append("```\n").append(about.get("command")).append("\n```\n\n");
    }
    md.append("| setting | value |\n|---|---|\n");
    about.forEach((k, v) -> {
      if (!k.equals("command") && v != null) {
        md.append("| ").append(k).append(" | ").append(cell(String.valueOf(v))).append(" |\n");
      }
    });
    int k = s.depth();
    md.append("\n## Answers\n\n")
        .append("| questions | errors | skipped records | EM | F1 | hits@1 | candidate recall | retrieval recall@")
        .append(k).append(" |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n")
        .append(String.format("| %d | %d | %d | %s | %s | %s | %s | %s |%n", s.questions(), s.errors(), skipped,
            n(m, "em"), n(m, "f1"), n(m, "hits@1"), n(m, "candidate_recall"), n(m, "retrieval_recall")));
    if (unanswerableLeftOut > 0) {
      md.append("\n").append(unanswerableLeftOut).append(" unanswerable questions were left out: closed mode reads ")
          .append("each question's own paragraph and they have none.\n");
    }
    if (m.containsKey("regex_match")) {
      md.append("\nRegex match (questions whose answers are patterns): ").append(n(m, "regex_match")).append("\n");
    }
    md.append("\nEM and F1 use the official SQuAD normalisation, best over the references; hits@1 counts the top ")
        .append("prediction when it matches any reference.");
    if (s.answerable() < s.questions()) {
      md.append(" They are over the ").append(s.answerable()).append(" answerable questions; the ")
          .append(s.questions() - s.answerable()).append(" unanswerable ones are scored below.");
    }
    md.append("\n");
    confidence(md, s, about.get("confidence_threshold"));
    md.append("\n## Retrieval answer recall@k\n\nShare of questions with a reference answer in the top k passages ")
        .append("in memory.\n\n| k |");
    for (int i = 1; i <= k; i++) {
      md.append(' ').append(i).append(" |");
    }
    md.append("\n|---|").append("---:|".repeat(k)).append("\n| recall % |");
    for (int i = 1; i <= k; i++) {
      md.append(' ').append(n(m, "answer_recall@" + i)).append(" |");
    }
    md.append("\n\n![recall@k](").append(Charts.RECALL).append(")\n");
    md.append("\n## Speed\n\n| latency p50 ms | p95 ms | p99 ms | questions/s |\n|---:|---:|---:|---:|\n")
        .append(String.format("| %s | %s | %s | %s |%n", n(m, "latency_ms_p50"), n(m, "latency_ms_p95"),
            n(m, "latency_ms_p99"), n(m, "questions_per_second")))
        .append("\nLatency is measured around each question by the evaluator (over HTTP in server mode).\n\n")
        .append("![latency](").append(Charts.LATENCY).append(")\n");
    md.append("\n## By question type\n\n");
    groups(md, "type", s.byType());
    md.append("\n![EM by question type](").append(Charts.BY_TYPE).append(")\n");
    md.append("\n## By answer length (words in the first reference)\n\n");
    groups(md, "words", s.byAnswerLength());
    errors(md, rows, s.errors());
    return md.toString();
  }

  /** Calibration, coverage, confident answers and unanswerable questions. */
  private static void confidence(StringBuilder md, Summary s, Object threshold) {
    Map<String, Double> m = s.metrics();
    String t = threshold == null ? "the threshold" : String.valueOf(threshold);
    md.append("\n## Confidence\n\nHow honest the top answer's score is: is an answer given with score p right ")
        .append("p of the time? An answer is right when it matches a reference (EM); an answer to an unanswerable ")
        .append("question is wrong. ECE is the expected calibration error over ").append(Calibration.BINS)
        .append(" equal-width score bins (percentage points, 0 = calibrated); EM at coverage c answers only the ")
        .append("c% most confident questions.\n\n")
        .append("| ECE | EM at 50% coverage | EM at 80% coverage | answerable answered confidently (score >= ")
        .append(t).append(") % | EM of those |\n|---:|---:|---:|---:|---:|\n")
        .append(String.format("| %s | %s | %s | %s | %s |%n", n(m, "ece"), n(m, "em_coverage@50"),
            n(m, "em_coverage@80"), n(m, "answered_confidently"), n(m, "confident_em")));
    md.append("\n![reliability diagram](").append(Charts.RELIABILITY).append(")\n\n")
        .append("| top score % | answered questions | mean score % | right % |\n|---|---:|---:|---:|\n");
    for (Calibration.Bin b : s.reliability()) {
      md.append(String.format("| %.0f-%.0f | %d | %.2f | %.2f |%n", b.low(), b.high(), b.questions(), b.meanScore(),
          b.accuracy()));
    }
    md.append("\n| coverage % | questions answered | EM | lowest score % taken |\n|---:|---:|---:|---:|\n");
    for (Calibration.Point p : s.coverage()) {
      md.append(String.format("| %d | %d | %.2f | %.2f |%n", p.coverage(), p.questions(), p.accuracy(), p.lowestScore()));
    }
    md.append("\n![coverage curve](").append(Charts.COVERAGE).append(")\n");
    if (m.containsKey("unanswerable")) {
      md.append("\n## Unanswerable questions\n\nQuestions whose answer is not in the corpus: the honest reply is ")
          .append("no answer, or one with a low score.\n\n")
          .append("| questions | answered confidently (score >= ").append(t).append(") | mean top score % |\n")
          .append("|---:|---:|---:|\n")
          .append(String.format("| %.0f | %.0f | %s |%n", m.get("unanswerable"), m.get("unanswerable_confident"),
              n(m, "unanswerable_mean_score")));
    }
  }

  private static void groups(StringBuilder md, String what, Map<String, Summary.Group> groups) {
    md.append("| ").append(what).append(" | questions | EM | F1 |\n|---|---:|---:|---:|\n");
    groups.forEach((name, g) -> md.append(String.format("| %s | %d | %.2f | %.2f |%n", name, g.questions(), g.em(), g.f1())));
  }

  private static void errors(StringBuilder md, List<Row> rows, int count) {
    if (count == 0) {
      return;
    }
    md.append("\n## Errors\n\n").append(count).append(" questions failed and score 0")
        .append(count > ERRORS_LISTED ? "; the first " + ERRORS_LISTED + ":" : ":").append("\n\n| id | error |\n|---|---|\n");
    rows.stream().filter(r -> r.error() != null).limit(ERRORS_LISTED)
        .forEach(r -> md.append("| ").append(cell(r.id())).append(" | ").append(cell(r.error())).append(" |\n"));
  }

  private static String n(Map<String, Double> m, String key) {
    return RunOutputs.number(m.get(key));
  }

  /** Text safe inside a Markdown table cell. */
  static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
