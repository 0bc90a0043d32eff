package io.memqa.data;

import static io.memqa.data.QuestionFixtures.fixture;
import static io.memqa.data.QuestionFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.data.Question.AnswerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NqJsonlQuestionReaderTest {
  @Test
  void readsQuestionsAndAnswers() throws Exception {
    var read = read(QuestionFormat.NQ_JSONL, "nq.jsonl");

    assertThat(read.questions())
        .extracting(Question::id)
        .containsExactly("nq-1", "q-fr", "nq-6", "nq-10");
    Question first = read.questions().get(0);
    assertThat(first.text()).isEqualTo("who wrote hamlet");
    assertThat(first.answers()).containsExactly("William Shakespeare", "Shakespeare");
    assertThat(first.kind()).isEqualTo(AnswerKind.TEXT);
    assertThat(first.source()).isEqualTo(fixture("nq.jsonl") + ":1");
    assertThat(first.passageId()).isNull();
    assertThat(read.questions().get(2).answers()).containsExactly("Wilhelm Röntgen");
    assertThat(read.questions().get(3).answers()).containsExactly("Leonardo da Vinci");
  }

  @Test
  void skipsAndCountsBadLinesWithTheirLineNumbers() throws Exception {
    var read = read(QuestionFormat.NQ_JSONL, "nq.jsonl");

    assertThat(read.skipped()).isEqualTo(4);
    assertThat(read.log())
        .contains("nq.jsonl:4: malformed JSON")
        .contains("nq.jsonl:5: no answers")
        .contains("nq.jsonl:7: expected a JSON object")
        .contains("nq.jsonl:8: answers must be strings")
        .doesNotContain("nq.jsonl:2:")
        .doesNotContain("nq.jsonl:9:");
  }

  @Test
  void regexVariantMarksAnswersAsRegexesAndSkipsInvalidOnes() throws Exception {
    var read = read(QuestionFormat.NQ_JSONL_REGEX, "curated.jsonl");

    assertThat(read.questions()).extracting(Question::kind).containsOnly(AnswerKind.REGEX);
    assertThat(read.questions()).extracting(Question::id).containsExactly("curated-1", "curated-3");
    assertThat(read.questions().get(0).answers())
        .containsExactly("20\\s?,?\\s?(32|40)0\\s?-?\\s?f(ee|oo)t|6,194-meter");
    assertThat(read.skipped()).isEqualTo(1);
    assertThat(read.log()).contains("curated.jsonl:2: answer is not a valid regular expression");
  }

  @Test
  void textVariantTakesTheSameLinesLiterally() throws Exception {
    var read = read(QuestionFormat.NQ_JSONL, "curated.jsonl");

    assertThat(read.questions()).hasSize(3).extracting(Question::kind).containsOnly(AnswerKind.TEXT);
    assertThat(read.skipped()).isZero();
  }

  @Test
  void ignoresAByteOrderMark(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bom.jsonl"), "\uFEFF{\"question\": \"q?\", \"answer\": [\"a\"]}\n");

    assertThat(QuestionFormat.detect(file)).isEqualTo(QuestionFormat.NQ_JSONL);
    var read = read(QuestionFormat.NQ_JSONL, file);
    assertThat(read.questions()).extracting(Question::text).containsExactly("q?");
    assertThat(read.skipped()).isZero();
  }
}
