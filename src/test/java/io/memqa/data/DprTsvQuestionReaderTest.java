package io.memqa.data;

import static io.memqa.data.QuestionFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DprTsvQuestionReaderTest {
  @Test
  void parsesPythonListLiteralsAndCsvQuoting() throws Exception {
    var q = read(QuestionFormat.DPR_TSV, "dpr-topics.txt").questions();

    assertThat(q).extracting(Question::id)
        .containsExactly("dpr-topics-1", "dpr-topics-2", "dpr-topics-3", "dpr-topics-4", "dpr-topics-5",
            "dpr-topics-12");
    assertThat(q.get(0).text()).isEqualTo("who sings does he love me with reba");
    assertThat(q.get(0).answers()).containsExactly("Linda Davis");
    assertThat(q.get(1).answers()).containsExactly("it's", "say \"hi\"", "a, b", "Röntgen");
    assertThat(q.get(2).answers()).containsExactly("Economy", "It's the economy, stupid");
    assertThat(q.get(3).text()).isEqualTo("\"Who said, \"\"a man we can do business with?\"\"\"");
    assertThat(q.get(4).answers()).containsExactly("-Â\u00a0 Mirage", "Angola \u200e");
    assertThat(q.get(5).answers()).containsExactly("the end");
  }

  @Test
  void skipsBadLinesIncludingInvalidUtf8() throws Exception {
    var read = read(QuestionFormat.DPR_TSV, "dpr-topics.txt");

    assertThat(read.skipped()).isEqualTo(5);
    assertThat(read.log())
        .contains("dpr-topics.txt:6: answer list is not a Python list of strings")
        .contains("dpr-topics.txt:7: answer list is not a Python list of strings: unterminated string")
        .contains("dpr-topics.txt:9: expected 2 tab-separated fields")
        .contains("dpr-topics.txt:10: no answers")
        .contains("dpr-topics.txt:11: not valid UTF-8")
        .doesNotContain("dpr-topics.txt:8:");
  }

  @Test
  void splitsCsvFields() {
    assertThat(DprTsvQuestionReader.csvFields("a\tb")).containsExactly("a", "b");
    assertThat(DprTsvQuestionReader.csvFields("\"x\ty\"\t\"say \"\"hi\"\"\"")).containsExactly("x\ty", "say \"hi\"");
    assertThat(DprTsvQuestionReader.csvFields("a\t")).containsExactly("a", "");
    assertThatThrownBy(() -> DprTsvQuestionReader.csvFields("\"open\tb"))
        .hasMessageContaining("unterminated quoted field");
    assertThatThrownBy(() -> DprTsvQuestionReader.csvFields("\"closed\"early\tb"))
        .hasMessageContaining("text after the closing quote");
  }
}
