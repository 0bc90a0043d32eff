package io.memqa.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.data.Question;
import io.memqa.data.QuestionFormat;
import io.memqa.data.QuestionReader;
import io.memqa.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosedModeQuestionsTest {
  @TempDir Path dir;

  @Test
  void leavesOutAndCountsUnanswerableQuestions() throws IOException {
    Path file = Fixtures.write(dir.resolve("q.jsonl"), """
        {"id": "u1", "question": "unanswerable?", "answers": [], "passageId": null}
        {"id": "a1", "question": "who?", "answers": ["Ada"], "passageId": "dev-0-0"}
        {"id": "u2", "question": "also unanswerable?", "answers": [], "passageId": null}
        {"id": "a2", "question": "where?", "answers": ["London"], "passageId": "dev-0-1"}
        """);
    List<String> ids = new ArrayList<>();
    try (ClosedModeQuestions q = new ClosedModeQuestions(QuestionFormat.QA_JSONL.open(file))) {
      q.forEachRemaining(x -> ids.add(x.id()));
      assertThat(q.unanswerable()).isEqualTo(2);
      assertThat(q.skipped()).isZero();
    }
    assertThat(ids).containsExactly("a1", "a2");
  }

  @Test
  void anAnswerableQuestionWithoutAParagraphIsAWrongMode() throws IOException {
    Path file = Fixtures.write(dir.resolve("nq.jsonl"), "{\"question\": \"who?\", \"answer\": [\"Ada\"]}\n");
    try (QuestionReader q = new ClosedModeQuestions(QuestionFormat.NQ_JSONL.open(file))) {
      assertThatThrownBy(q::hasNext).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--mode closed needs questions tied to a paragraph").hasMessageContaining("use --mode open");
    }
  }
}
