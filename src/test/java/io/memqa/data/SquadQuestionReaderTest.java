package io.memqa.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquadQuestionReaderTest {
  @TempDir Path dir;

  private static List<Question> readAll(QuestionReader r) {
    List<Question> all = new ArrayList<>();
    r.forEachRemaining(all::add);
    return all;
  }

  @Test
  void questionsKnowTheirParagraphAndAnswers() throws IOException {
    Path f = Fixtures.resource(Fixtures.SQUAD_DEV);
    try (QuestionReader r = new SquadQuestionReader(f)) {
      List<Question> all = readAll(r);
      assertThat(all).extracting(Question::id)
          .containsExactly("q-broncos", "q-score", "q-mvp", "q-stop", "q-river", "q-palace", "q-country");
      Question first = all.get(0);
      assertThat(first.text()).isEqualTo("Which NFL team won Super Bowl 50?");
      assertThat(first.answers()).containsExactly("Denver Broncos", "Broncos");
      assertThat(first.answerStarts()).containsExactly(177, 184);
      assertThat(first.passageId()).isEqualTo("dev-0-0");
      assertThat(first.kind()).isEqualTo(Question.AnswerKind.TEXT);
      assertThat(first.source()).startsWith(f + ":7 (dev-0-0 question 0)");
      assertThat(all.get(6).passageId()).isEqualTo("dev-1-1");
      assertThat(r.skipped()).isZero();
    }
  }

  @Test
  void malformedQuestionsAndParagraphsAreSkippedAndCounted() throws IOException {
    Path f = Fixtures.write(dir.resolve("dev.json"), """
        {"data": [{"title": "T", "paragraphs": [
          {"context": "Paris is in France.", "qas": [
            {"id": "ok", "question": "Where is Paris?", "answers": [{"text": "France", "answer_start": 12}]},
            {"id": "no-answers", "question": "Why?"},
            {"id": "blank", "question": "  ", "answers": [{"text": "x"}]},
            {"id": "no-text", "question": "What?", "answers": [{"answer_start": 0}]},
            {"question": "Which country?", "answers": [{"text": "France"}]}
          ]},
          {"qas": [{"id": "lost", "question": "Lost?", "answers": [{"text": "x"}]}]},
          {"context": "No questions here."}
        ]}]}
        """);
    try (QuestionReader r = new SquadQuestionReader(f)) {
      List<Question> all = readAll(r);
      assertThat(all).extracting(Question::id).containsExactly("ok", "dev-0-0-q4");
      assertThat(all.get(1).answerStarts()).containsExactly(-1);
      assertThat(r.skipped()).isEqualTo(4);
    }
  }
}
