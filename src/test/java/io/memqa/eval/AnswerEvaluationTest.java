package io.memqa.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.data.Question;
import io.memqa.eval.AnswerEvaluation.Row;
import io.memqa.memory.MemoryBuilder;
import io.memqa.qa.Answers;
import io.memqa.qa.QaPipeline;
import io.memqa.reader.ReaderConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring one answer, and whole runs on the fixture model: outputs, resume, failures. */
class AnswerEvaluationTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final MemoryBuilder BUILDER = new MemoryBuilder(ReaderConfig.defaults().memory());
  @TempDir Path dir;
  static QaPipeline qa;
  static List<Question> questions;

  @BeforeAll
  static void open() throws IOException {
    qa = QaFixture.get().open();
    questions = QaFixture.get().readQuestions();
  }

  @AfterAll
  static void close() throws IOException {
    qa.close();
  }

  static Answers canned(String prediction, String... passageTexts) {
    List<Answers.PassageRef> passages = new java.util.ArrayList<>();
    for (int i = 0; i < passageTexts.length; i++) {
      passages.add(new Answers.PassageRef("p" + (i + 1), "p" + (i + 1), "T", passageTexts[i], i + 1, 5.0 - i));
    }
    List<Answers.Answer> answers = List.of(new Answers.Answer(prediction, 0.9, "p1", "p1", "T", 0, 1, ""));
    return new Answers("q", answers, true, passages, List.of(), new Answers.Timings(1, 1, 1, 3));
  }

  @Test
  void scoresTheTopAnswerAndFindsWhereTheReferenceWas() {
    Question q = Question.of("q1", "Who wrote Hamlet?", List.of("William Shakespeare", "Shakespeare"), "t");
    Answers a = canned("Shakespeare.", "Hamlet is a tragedy.", "It was written by William Shakespeare around 1600.");
    Row r = new AnswerEvaluation(x -> a, BUILDER, 1).evaluate(q);
    assertThat(r.prediction()).isEqualTo("Shakespeare.");
    assertThat(r.em()).isEqualTo(1.0);
    assertThat(r.hit()).isTrue();
    assertThat(r.f1()).isEqualTo(1.0);
    assertThat(r.answerRank()).isEqualTo(2);
    assertThat(r.retrieved()).isTrue();
    assertThat(r.candidate()).isTrue();
    assertThat(r.type()).isEqualTo("who");
    assertThat(r.answerLength()).isEqualTo("2");
    assertThat(r.passages()).extracting(AnswerEvaluation.UsedPassage::id).containsExactly("p1", "p2");
    assertThat(r.error()).isNull();

    Answers wrong = canned("a tragedy", "Hamlet is a tragedy.");
    Row w = new AnswerEvaluation(x -> wrong, null, 1).evaluate(q);
    assertThat(w.em()).isZero();
    assertThat(w.hit()).isFalse();
    assertThat(w.answerRank()).isZero();
    assertThat(w.retrieved()).isFalse();
    assertThat(w.candidate()).isNull();
  }

  @Test
  void theTopScoreIsConfidentFromTheThresholdOn() {
    Question q = Question.of("q1", "Who wrote Hamlet?", List.of("Shakespeare"), "t");
    Answers a = canned("Shakespeare", "by Shakespeare");  // score 0.9
    assertThat(new AnswerEvaluation(x -> a, null, 1).evaluate(q).confident()).isTrue();
    Row strict = new AnswerEvaluation(x -> a, null, 1, new EvalConfig(0.95)).evaluate(q);
    assertThat(strict.score()).isEqualTo(0.9);
    assertThat(strict.confident()).isFalse();
    assertThat(new AnswerEvaluation(x -> a, null, 1, new EvalConfig(0.9)).evaluate(q).confident()).isTrue();
    Answers none = new Answers("q", List.of(), false, List.of(), List.of(), new Answers.Timings(1, 1, 1, 3));
    assertThat(new AnswerEvaluation(x -> none, null, 1, new EvalConfig(0)).evaluate(q).confident()).isFalse();
    assertThatThrownBy(() -> new EvalConfig(1.5)).hasMessageContaining("--confidence-threshold must be between 0 and 1");
    assertThatThrownBy(() -> new EvalConfig(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void regexReferencesMatchTheWholePrediction() {
    Question q = new Question("t1", "Who wrote Hamlet?", List.of("(William )?Shakespeare"), Question.AnswerKind.REGEX,
        null, List.of(), "t");
    Row r = new AnswerEvaluation(x -> canned("william shakespeare", "by William Shakespeare"), BUILDER, 1).evaluate(q);
    assertThat(r.hit()).isTrue();
    assertThat(r.regex()).isTrue();
    assertThat(r.f1()).isEqualTo(1.0);
    assertThat(r.answerRank()).isEqualTo(1);
    assertThat(r.answerLength()).isEqualTo("regex");
    Row partial = new AnswerEvaluation(x -> canned("William Shakespeare wrote", "x"), BUILDER, 1).evaluate(q);
    assertThat(partial.hit()).isFalse();
    assertThat(partial.f1()).isZero();
  }

  @Test
  void aFailureBecomesARowWithItsReason() {
    Question q = Question.of("q1", "Who?", List.of("x"), "t");
    Row r = new AnswerEvaluation(x -> {
      throw new IOException("server answered 500: boom");
    }, BUILDER, 1).evaluate(q);
    assertThat(r.error()).isEqualTo("server answered 500: boom");
    assertThat(r.em()).isZero();
    assertThat(r.candidate()).isFalse();
  }

  @Test
  void aRunWritesPredictionsSummaryReportAndCharts() throws IOException {
    Path out = dir.resolve("closed");
    Summary s = new AnswerEvaluation(new PipelineAnswerer(qa, 5, true), qa.reader().memoryBuilder(), 2)
        .run(questions.iterator(), 0, out, Map.of("mode", "closed", "dataset", "syn-dev"));
    List<Row> rows = PredictionsFile.read(out.resolve(AnswerEvaluation.PREDICTIONS));
    assertThat(rows).extracting(Row::id).containsExactlyElementsOf(questions.stream().map(Question::id).toList());
    assertThat(s.questions()).isEqualTo(QaFixture.QUESTIONS);
    // The fixture model learned to read these biographies: far above chance.
    assertThat(s.metrics().get("em")).isGreaterThan(60.0);
    assertThat(s.metrics().get("em")).isEqualTo(Summary.pct(rows.stream().mapToDouble(Row::em).sum(), rows.size()));
    assertThat(s.metrics()).containsEntry("retrieval_recall", 100.0).containsEntry("answer_recall@1", 100.0);

    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.at("/metrics/em").asDouble()).isEqualTo(s.metrics().get("em"));
    assertThat(summary.at("/metrics/f1").isNumber()).isTrue();
    assertThat(summary.at("/metrics/hits@1").isNumber()).isTrue();
    assertThat(summary.path("questions").asInt()).isEqualTo(QaFixture.QUESTIONS);
    assertThat(summary.path("mode").asText()).isEqualTo("closed");
    assertThat(summary.path("by_type").has("where")).isTrue();
    assertThat(summary.path("by_answer_length").has("1")).isTrue();

    assertThat(summary.path("reliability")).hasSize(Calibration.BINS);
    assertThat(summary.path("coverage")).hasSize(Calibration.COVERAGES.size());
    assertThat(summary.at("/metrics/ece").isNumber()).isTrue();
    JsonNode firstRow = JSON.readTree(Files.readAllLines(out.resolve(AnswerEvaluation.PREDICTIONS)).get(0));
    assertThat(firstRow.get("score").isNumber()).isTrue();
    assertThat(firstRow.get("confident").isBoolean()).isTrue();

    String report = Files.readString(out.resolve("report.md"));
    assertThat(report).contains("# memqa answers: syn-dev (closed)", "## By question type", "| where |",
        "![recall@k](recall-at-k.png)", "## By answer length", "## Confidence", "![reliability diagram](reliability.png)",
        "![coverage curve](coverage.png)").doesNotContain("## Unanswerable questions");
    for (String png : List.of(Charts.RECALL, Charts.LATENCY, Charts.BY_TYPE, Charts.RELIABILITY, Charts.COVERAGE)) {
      BufferedImage image = ImageIO.read(out.resolve(png).toFile());
      assertThat(image).as(png).isNotNull();
      assertThat(image.getWidth()).isEqualTo(800);
    }
  }

  @Test
  void concurrencyKeepsQuestionOrderAndAnswers() throws IOException {
    Summary one = openRun(1, dir.resolve("one"), 0);
    Summary four = openRun(4, dir.resolve("four"), 0);
    List<Row> a = PredictionsFile.read(dir.resolve("one").resolve(AnswerEvaluation.PREDICTIONS));
    List<Row> b = PredictionsFile.read(dir.resolve("four").resolve(AnswerEvaluation.PREDICTIONS));
    assertThat(b).extracting(Row::id, Row::prediction, Row::answerRank)
        .containsExactlyElementsOf(a.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.id(), r.prediction(), r.answerRank())).toList());
    assertThat(quality(four)).isEqualTo(quality(one));
    assertThat(one.depth()).isEqualTo(3);
  }

  private Summary openRun(int threads, Path out, int limit) throws IOException {
    return new AnswerEvaluation(new PipelineAnswerer(qa, 3, false), qa.reader().memoryBuilder(), threads)
        .run(questions.iterator(), limit, out, Map.of());
  }

  /** The metrics that must not depend on how or how fast the questions were answered. */
  static Map<String, Double> quality(Summary s) {
    Map<String, Double> m = new java.util.TreeMap<>(s.metrics());
    m.keySet().removeIf(k -> k.startsWith("latency") || k.equals("questions_per_second"));
    return m;
  }

  /** Counts the questions actually answered. */
  static final class Counting implements Answerer {
    final Answerer inner;
    final AtomicInteger calls = new AtomicInteger();

    Counting(Answerer inner) {
      this.inner = inner;
    }

    @Override
    public Answers answer(Question q) throws IOException {
      calls.incrementAndGet();
      return inner.answer(q);
    }
  }

  private Summary resume(Counting answerer, Path out, int limit) throws IOException {
    return new AnswerEvaluation(answerer, qa.reader().memoryBuilder(), 2)
        .run(questions.iterator(), limit, out, Map.of(), true);
  }

  @Test
  void resumeSkipsAnsweredQuestionsAndScoresAllRows() throws IOException {
    Path out = dir.resolve("resumed");
    Counting first = new Counting(new PipelineAnswerer(qa, 3, false));
    resume(first, out, 10);
    assertThat(first.calls).hasValue(10);
    Counting second = new Counting(new PipelineAnswerer(qa, 3, false));
    Summary resumed = resume(second, out, 25);
    assertThat(second.calls).hasValue(15);
    assertThat(resumed.questions()).isEqualTo(25);
    assertThat(resumed.answered()).isEqualTo(15);
    Summary straight = openRun(1, dir.resolve("straight"), 25);
    assertThat(quality(resumed)).isEqualTo(quality(straight));
  }

  @Test
  void resumeAnswersAgainALineCutByAKill() throws IOException {
    Path out = dir.resolve("killed");
    resume(new Counting(new PipelineAnswerer(qa, 3, false)), out, 6);
    Path file = out.resolve(AnswerEvaluation.PREDICTIONS);
    String text = Files.readString(file);
    int lastLine = text.lastIndexOf('\n', text.length() - 2) + 1;
    Files.writeString(file, text.substring(0, lastLine + 40));
    Counting again = new Counting(new PipelineAnswerer(qa, 3, false));
    Summary s = resume(again, out, 6);
    assertThat(again.calls).hasValue(1);
    assertThat(s.questions()).isEqualTo(6);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(6);
    for (String line : lines) {
      assertThat(JSON.readTree(line).path("id").asText()).isNotEmpty();
    }
  }

  @Test
  void failedQuestionsAreRecordedThenRetriedOnResume() throws IOException {
    Path out = dir.resolve("flaky");
    String unlucky = questions.get(2).id();
    Answerer pipeline = new PipelineAnswerer(qa, 3, false);
    Answerer flaky = q -> {
      if (q.id().equals(unlucky)) {
        throw new IOException("server answered 503 after 5 tries: busy");
      }
      return pipeline.answer(q);
    };
    Summary s = resume(new Counting(flaky), out, 5);
    assertThat(s.questions()).isEqualTo(5);
    assertThat(s.errors()).isEqualTo(1);
    assertThat(Files.readString(out.resolve("report.md"))).contains("## Errors", "| " + unlucky + " | server answered 503");
    Counting healthy = new Counting(pipeline);
    Summary fixed = resume(healthy, out, 5);
    assertThat(healthy.calls).hasValue(1);
    assertThat(fixed.errors()).isZero();
    assertThat(PredictionsFile.read(out.resolve(AnswerEvaluation.PREDICTIONS))).extracting(Row::id).containsOnlyOnce(unlucky);
  }

  @Test
  void aBrokenAnswererStopsTheRunInsteadOfFailingEveryQuestion() throws IOException {
    Path out = dir.resolve("broken");
    Answerer broken = q -> {
      throw new IOException("cannot connect to http://127.0.0.1:9/v1/answer after 5 tries");
    };
    assertThatThrownBy(() -> new AnswerEvaluation(broken, null, 2).run(questions.iterator(), 0, out, Map.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the last " + AnswerEvaluation.MAX_FAILURES_IN_A_ROW + " questions all failed")
        .hasMessageContaining("--resume");
    assertThat(Files.readAllLines(out.resolve(AnswerEvaluation.PREDICTIONS))).hasSize(AnswerEvaluation.MAX_FAILURES_IN_A_ROW);
  }
}
