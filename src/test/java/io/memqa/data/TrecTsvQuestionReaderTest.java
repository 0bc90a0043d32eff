package io.memqa.data;

import static io.memqa.data.QuestionFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.data.Question.AnswerKind;
import org.junit.jupiter.api.Test;

class TrecTsvQuestionReaderTest {
  @Test
  void readsIdQuestionAndRegex() throws Exception {
    var read = read(QuestionFormat.TREC_TSV, "trec.tsv");

    assertThat(read.questions()).extracting(Question::id).containsExactly("1669", "2388", "462");
    Question first = read.questions().get(0);
    assertThat(first.text()).isEqualTo("How tall is Mount McKinley?");
    assertThat(first.kind()).isEqualTo(AnswerKind.REGEX);
    // the fixture has CRLF line ends: the \r must not end up in the regex
    assertThat(first.answers()).containsExactly("20\\s?,?\\s?(32|40)0\\s?-?\\s?f(ee|oo)t|6,194-meter");
    assertThat(read.questions().get(1).answers()).containsExactly("After the Fall|Finishing the Play");
    assertThat(read.questions().get(2).answers()).containsExactly("radiation|Sievert\t1 Sv");
  }

  @Test
  void skipsBadLines() throws Exception {
    var read = read(QuestionFormat.TREC_TSV, "trec.tsv");

    assertThat(read.skipped()).isEqualTo(3);
    assertThat(read.log())
        .contains("trec.tsv:3: expected 4 tab-separated fields")
        .contains("trec.tsv:4: answer is not a valid regular expression")
        .contains("trec.tsv:6: empty id");
  }
}
