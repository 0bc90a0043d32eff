package io.memqa.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquadFileTest {
  @TempDir Path dir;

  @Test
  void everyParagraphIsAPassageWithAPositionalId() throws Exception {
    ReadAll all = ReadAll.of(CorpusFormat.SQUAD, Fixtures.resource(Fixtures.SQUAD_DEV), false);
    assertThat(all.ids()).containsExactly("dev-0-0", "dev-0-1", "dev-1-0", "dev-1-1");
    assertThat(all.passages().get(0).title()).isEqualTo("Super Bowl 50");
    assertThat(all.passages().get(2).title()).isEqualTo("Warsaw");
    assertThat(all.passages().get(2).text()).startsWith("Warsaw is the capital");
  }

  @Test
  void idPrefixComesFromTheFileName() {
    assertThat(SquadFile.idPrefix(Path.of("data/train-v1.1.json"))).isEqualTo("train");
    assertThat(SquadFile.idPrefix(Path.of("dev-v1.1.json"))).isEqualTo("dev");
    assertThat(SquadFile.idPrefix(Path.of("My File.json"))).isEqualTo("myfile");
    assertThat(SquadFile.idPrefix(Path.of("Über_x.json"))).isEqualTo("ber");
    assertThat(SquadFile.idPrefix(Path.of("-.json"))).isEqualTo("squad");
  }

  @Test
  void questionsAndSourceLinesComeWithTheParagraph() throws Exception {
    try (SquadFile f = new SquadFile(Fixtures.resource(Fixtures.SQUAD_DEV), false)) {
      SquadParagraph p = f.next();
      assertThat(p.qas()).hasSize(2);
      assertThat(p.qas().get(0).get("question").asText()).isEqualTo("Which NFL team won Super Bowl 50?");
      assertThat(p.line()).isEqualTo(7);
    }
  }

  @Test
  void aParagraphWithoutContextNamesFileAndLine() {
    Path f = Fixtures.write(dir.resolve("dev.json"), """
        {"data": [{"title": "T", "paragraphs": [
          {"context": "one", "qas": []},
          {"qas": []},
          {"context": "three"}
        ]}]}
        """);
    assertThatThrownBy(() -> ReadAll.of(CorpusFormat.SQUAD, f, false))
        .isInstanceOfSatisfying(CorpusException.class, e -> {
          assertThat(e.file()).isEqualTo(f);
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.getMessage()).contains("dev-0-1").contains("\"context\"");
        });
  }

  @Test
  void skippedParagraphsKeepTheIdsOfTheOthers() throws Exception {
    Path f = Fixtures.write(dir.resolve("dev.json"), """
        {"version": "1.1", "data": [
          {"title": "A", "paragraphs": [{"context": "one"}, {"context": 5}, {"context": "three"}]},
          {"paragraphs": [], "title": "B"},
          {"title": "C", "paragraphs": [{"context": "four"}], "extra": {"x": [1]}}
        ]}
        """);
    ReadAll all = ReadAll.of(CorpusFormat.SQUAD, f, true);
    assertThat(all.ids()).containsExactly("dev-0-0", "dev-0-2", "dev-2-0");
    assertThat(all.passages().get(2).title()).isEqualTo("C");
    assertThat(all.skipped()).isEqualTo(1);
  }

  @Test
  void malformedJsonNamesItsLineAfterEarlierParagraphs() throws Exception {
    Path f = Fixtures.write(dir.resolve("dev.json"), """
        {"data": [{"title": "T", "paragraphs": [
          {"context": "one"},
          {"context": "two" "qas": []}
        ]}]}
        """);
    try (PassageReader r = CorpusFormat.SQUAD.open(f, true)) {
      assertThat(r.next().text()).isEqualTo("one");
      assertThatThrownBy(r::hasNext)
          .isInstanceOfSatisfying(CorpusException.class, e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).contains("malformed JSON");
          });
    }
  }

  @Test
  void aFileWithoutADataArrayIsRejected() {
    Path notObject = Fixtures.write(dir.resolve("a.json"), "[1, 2]");
    Path noData = Fixtures.write(dir.resolve("b.json"), "{\"version\": \"1.1\", \"articles\": []}");
    Path dataNotArray = Fixtures.write(dir.resolve("c.json"), "{\"data\": {}}");
    assertThatThrownBy(() -> new SquadFile(notObject, false)).isInstanceOf(CorpusException.class).hasMessageContaining("\"data\" array");
    assertThatThrownBy(() -> new SquadFile(noData, false)).isInstanceOf(CorpusException.class).hasMessageContaining("no \"data\" array");
    assertThatThrownBy(() -> new SquadFile(dataNotArray, false)).isInstanceOf(CorpusException.class).hasMessageContaining("must be an array");
  }
}
