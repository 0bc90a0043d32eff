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
        .append("prediction when it matches any reference.\n");
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
