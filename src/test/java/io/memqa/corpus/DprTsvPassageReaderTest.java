package io.memqa.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DprTsvPassageReaderTest {
  private static final String HEADER = "id\ttext\ttitle\n";
  @TempDir Path dir;

  @Test
  void readsTheFixtureAndUnquotesFields() throws Exception {
    ReadAll all = ReadAll.of(CorpusFormat.DPR_TSV, Fixtures.resource(Fixtures.DPR_TSV), false);
    assertThat(all.passages())
        .containsExactly(
            new Passage("1", "Aaron", "Aaron is a prophet, high priest, and the brother of Moses."),
            new Passage("2", "Plain", "The plain text field has no quotes."),
            new Passage("3", "Quotes", "He said \"hello\" twice."));
  }

  @Test
  void wrongFieldCountNamesFileAndLine() {
    Path f = Fixtures.write(dir.resolve("p.tsv"), HEADER + "1\ttext\ttitle\n2\tonly two\n");
    assertThatThrownBy(() -> ReadAll.of(CorpusFormat.DPR_TSV, f, false))
        .isInstanceOfSatisfying(CorpusException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.getMessage()).startsWith(f + ":3: ").contains("expected 3 tab-separated fields").contains("found 2");
        });
  }

  @Test
  void aMissingHeaderIsAnErrorOnLineOne() {
    Path f = Fixtures.write(dir.resolve("p.tsv"), "1\ttext\ttitle\n");
    assertThatThrownBy(() -> ReadAll.of(CorpusFormat.DPR_TSV, f, false))
        .isInstanceOfSatisfying(CorpusException.class, e -> {
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.getMessage()).contains("header");
        });
  }

  @Test
  void emptyIdIsAnError() {
    Path f = Fixtures.write(dir.resolve("p.tsv"), HEADER + "\"\"\ttext\ttitle\n");
    assertThatThrownBy(() -> ReadAll.of(CorpusFormat.DPR_TSV, f, false))
        .isInstanceOf(CorpusException.class)
        .hasMessageContaining(":2: empty id");
  }

  @Test
  void badRowsAreSkippedAndCountedWhenAsked() throws Exception {
    Path f = Fixtures.write(dir.resolve("p.tsv"), HEADER + "1\ta\tA\n2\tb\n3\tc\tC\textra\n4\td\tD\n");
    ReadAll all = ReadAll.of(CorpusFormat.DPR_TSV, f, true);
    assertThat(all.ids()).containsExactly("1", "4");
    assertThat(all.skipped()).isEqualTo(2);
  }
}
