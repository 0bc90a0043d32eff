package io.memqa.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memqa.data.Question;
import io.memqa.data.QuestionReader;
import io.memqa.data.SquadQuestionReader;
import io.memqa.eval.RetrievalEvaluation.Row;
import io.memqa.eval.RetrievalEvaluation.Summary;
import io.memqa.retrieve.Bm25Retriever;
import io.memqa.testing.Fixtures;
import io.memqa.testing.TestIndexes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over the mini SQuAD fixture, whose seven questions were written to land at known ranks. */
class RetrievalEvaluationTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Bm25Retriever retriever;

  @BeforeAll
  static void buildIndex() throws IOException {
    TestIndexes.build(Fixtures.resource(Fixtures.SQUAD_DEV), dir.resolve("index"));
    retriever = Bm25Retriever.open(dir.resolve("index"));
  }

  @AfterAll
  static void close() throws IOException {
    retriever.close();
  }

  private static Summary run(RetrievalEvaluation eval, int limit, Path out) throws IOException {
    try (QuestionReader q = new SquadQuestionReader(Fixtures.resource(Fixtures.SQUAD_DEV))) {
      return eval.run(q, limit, out);
    }
  }

  @Test
  void ranksOfTheFirstAnswerAndOfTheGoldParagraph() throws IOException {
    Path out = dir.resolve("run");
    run(new RetrievalEvaluation(retriever, new int[] {1, 5}, 2), 0, out);
    List<String> lines = Files.readAllLines(out.resolve("questions.jsonl"));
    assertThat(lines).hasSize(7);
    Map<String, int[]> ranks = new java.util.HashMap<>();
    for (String line : lines) {
      JsonNode row = JSON.readTree(line);
      ranks.put(row.get("id").asText(), new int[] {row.get("answerRank").asInt(), row.get("paragraphRank").asInt()});
    }
    assertThat(ranks.get("q-broncos")).containsExactly(1, 1);
    // "championship game" is in the MVP paragraph; the score is only in the gold one, ranked second.
    assertThat(ranks.get("q-score")).containsExactly(2, 2);
    assertThat(ranks.get("q-mvp")).containsExactly(1, 1);
    // Only stop words: nothing is retrieved.
    assertThat(ranks.get("q-stop")).containsExactly(0, 0);
    assertThat(ranks.get("q-river")).containsExactly(1, 1);
    assertThat(ranks.get("q-palace")).containsExactly(1, 1);
    // The gold paragraph says "Poland's", which does not contain the answer "Poland" as a token.
    assertThat(ranks.get("q-country")).containsExactly(2, 1);
  }

  @Test
  void summaryHoldsRecallPercentages() throws IOException {
    Path out = dir.resolve("summary");
    RetrievalEvaluation eval = new RetrievalEvaluation(retriever, new int[] {5, 1, 5}, 2);
    Summary s = run(eval, 0, out);
    assertThat(s.questions()).isEqualTo(7);
    assertThat(s.metrics())
        .containsExactly(
            Map.entry("answer_recall@1", 57.14),
            Map.entry("answer_recall@5", 85.71),
            Map.entry("paragraph_recall@1", 71.43),
            Map.entry("paragraph_recall@5", 85.71));

    JsonNode json = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(json.get("questions").asInt()).isEqualTo(7);
    assertThat(json.get("metrics").get("answer_recall@5").asDouble()).isEqualTo(85.71);
    assertThat(json.get("metrics").get("paragraph_recall@5").asDouble()).isEqualTo(85.71);
    assertThat(json.get("k").toString()).isEqualTo("[1,5]");
    assertThat(json.get("threads").asInt()).isEqualTo(2);
    assertThat(json.has("seconds")).isTrue();
    assertThat(TestIndexes.siblings(out.resolve("summary.json"))).containsExactly("questions.jsonl");

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    eval.print(s, new PrintStream(table, true, StandardCharsets.UTF_8));
    assertThat(table.toString(StandardCharsets.UTF_8))
        .contains("questions: 7")
        .containsPattern("1 +57\\.14 +71\\.43")
        .containsPattern("5 +85\\.71 +85\\.71");
  }

  @Test
  void aLimitStopsEarly() throws IOException {
    Summary s = run(new RetrievalEvaluation(retriever, new int[] {1}, 1), 3, dir.resolve("limited"));
    assertThat(s.questions()).isEqualTo(3);
    assertThat(Files.readAllLines(dir.resolve("limited/questions.jsonl"))).hasSize(3);
  }

  @Test
  void questionsWithoutGoldParagraphsAndRegexAnswers() throws IOException {
    Question regex = new Question("r", "Which NFL team won Super Bowl 50?", List.of("Denver\\s+Bronc\\w+"),
        Question.AnswerKind.REGEX, null, List.of(), "test");
    Question text = Question.of("t", "Who was named the Most Valuable Player?", List.of("Cam Newton"), "test");
    Question none = Question.of("n", "Who was named the Most Valuable Player?", List.of("Newt"), "test");
    RetrievalEvaluation eval = new RetrievalEvaluation(retriever, new int[] {1, 3}, 1);
    assertThat(eval.evaluate(regex)).isEqualTo(new Row("r", regex.text(), 1, 0, List.of("dev-0-0", "dev-0-1")));
    assertThat(eval.evaluate(text).answerRank()).isEqualTo(1);
    assertThat(eval.evaluate(none).answerRank()).isZero();
    Summary s = eval.run(List.of(regex, text, none).iterator(), 0, dir.resolve("no-gold"));
    assertThat(s.metrics()).containsOnlyKeys("answer_recall@1", "answer_recall@3").containsEntry("answer_recall@3", 66.67);
  }

  @Test
  void unanswerableQuestionsAreLeftOutOfRecallAndCounted() throws IOException {
    Question text = Question.of("t", "Who was named the Most Valuable Player?", List.of("Cam Newton"), "test");
    Question none = Question.of("u", "How do you get rid of hiccups?", List.of(), "test");
    RetrievalEvaluation eval = new RetrievalEvaluation(retriever, new int[] {1}, 1);
    Path out = dir.resolve("unanswerable");
    Summary s = eval.run(List.of(none, text, none).iterator(), 0, out);
    assertThat(s.questions()).isEqualTo(1);
    assertThat(s.unanswerable()).isEqualTo(2);
    assertThat(s.metrics()).containsEntry("answer_recall@1", 100.0);
    assertThat(JSON.readTree(out.resolve("summary.json").toFile()).get("unanswerable_left_out").asInt()).isEqualTo(2);
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    eval.print(s, new PrintStream(table, true, StandardCharsets.UTF_8));
    assertThat(table.toString(StandardCharsets.UTF_8)).contains("left out 2 unanswerable questions");
  }

  @Test
  void noQuestionsGiveZeroRecall() throws IOException {
    Summary s = new RetrievalEvaluation(retriever, new int[] {1}, 1).run(List.<Question>of().iterator(), 0, dir.resolve("empty"));
    assertThat(s.questions()).isZero();
    assertThat(s.metrics()).containsExactly(Map.entry("answer_recall@1", 0.0));
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> new RetrievalEvaluation(retriever, new int[0], 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetrievalEvaluation(retriever, new int[] {0, 5}, 1)).hasMessageContaining("got 0");
    assertThatThrownBy(() -> new RetrievalEvaluation(retriever, new int[] {1001}, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetrievalEvaluation(retriever, new int[] {5}, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
