package io.memqa.data;

import static io.memqa.data.QuestionFixtures.fixture;
import static io.memqa.data.QuestionFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QaJsonlQuestionReaderTest {
  @Test
  void readsAnswerableAndUnanswerableQuestionsWithTheirParagraphs() throws Exception {
    var read = read(QuestionFormat.QA_JSONL, "qa.jsonl");

    assertThat(read.questions()).extracting(Question::id).containsExactly("e-1", "e-2", "qa-3", "e-8");
    Question first = read.questions().get(0);
    assertThat(first.answers()).containsExactly("Denver Broncos", "Broncos");
    assertThat(first.passageId()).isEqualTo("dev-0-0");
    assertThat(first.source()).isEqualTo(fixture("qa.jsonl") + ":1");
    Question unanswerable = read.questions().get(1);
    assertThat(unanswerable.answers()).isEmpty();
    assertThat(unanswerable.passageId()).isNull();
    assertThat(read.questions().get(3).answers()).containsExactly("Paris");
  }

  @Test
  void skipsAndCountsBadLinesWithTheirReasons() throws Exception {
    var read = read(QuestionFormat.QA_JSONL, "qa.jsonl");

    assertThat(read.skipped()).isEqualTo(4);
    assertThat(read.log())
        .contains("qa.jsonl:4: missing \"answers\" list of strings")
        .contains("qa.jsonl:5: an answer is empty")
        .contains("qa.jsonl:6: \"passageId\" must be a passage id")
        .contains("qa.jsonl:7: empty question");
  }

  @Test
  void isDetectedByItsPassageIdField() throws IOException {
    assertThat(QuestionFormat.detect(fixture("qa.jsonl"))).isEqualTo(QuestionFormat.QA_JSONL);
    assertThat(QuestionFormatDetector.classify("{\"question\": \"q\", \"answers\": [\"a\"]}"))
        .isEqualTo(QuestionFormat.NQ_JSONL);
  }

  @Test
  void readsFromAStreamNamingItInMessages() throws IOException {
    byte[] lines = "{\"question\": \"q?\", \"answers\": [], \"passageId\": null}\n".getBytes(StandardCharsets.UTF_8);
    List<Question> all = new ArrayList<>();
    try (QuestionReader r = QuestionFormat.QA_JSONL.open(new ByteArrayInputStream(lines), "memqa:questions/x.jsonl", "x.jsonl")) {
      r.forEachRemaining(all::add);
    }
    assertThat(all).singleElement().satisfies(q -> {
      assertThat(q.id()).isEqualTo("x-1");
      assertThat(q.source()).isEqualTo("memqa:questions/x.jsonl:1");
    });
    assertThatThrownBy(() -> QuestionFormat.SQUAD.open(new ByteArrayInputStream(lines), "memqa:x", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qa-jsonl");
  }
}
