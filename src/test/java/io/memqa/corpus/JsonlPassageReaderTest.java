package io.memqa.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonlPassageReaderTest {
  @TempDir Path dir;

  @Test
  void readsTheFixture() throws Exception {
    ReadAll all = ReadAll.of(CorpusFormat.JSONL, Fixtures.resource(Fixtures.PASSAGES), false);
    assertThat(all.passages()).hasSize(10);
    assertThat(all.passages().get(1))
        .isEqualTo(new Passage("p2", "Eiffel Tower", all.passages().get(1).text()));
    assertThat(all.passages().get(1).text()).startsWith("The Eiffel Tower is a wrought-iron");
    assertThat(all.ids()).contains(Fixtures.ODD_ID);
    assertThat(all.skipped()).isZero();
  }

  @Test
  void idsAreTheSameOnEveryRead() throws Exception {
    Path f = Fixtures.resource(Fixtures.PASSAGES);
    assertThat(ReadAll.of(CorpusFormat.JSONL, f, false).ids())
        .isEqualTo(ReadAll.of(CorpusFormat.JSONL, f, false).ids());
  }

  @Test
  void acceptsIntegerIdsMissingTitleBlankLinesAndWikiExtractorUrls() throws Exception {
    Path f = Fixtures.write(dir.resolve("c.jsonl"),
        "{\"id\": 12, \"text\": \"a\"}\n\n   \n{\"id\":\"x\",\"url\":\"http://w/x\",\"title\":null,\"text\":\"b\"}\r\n");
    ReadAll all = ReadAll.of(CorpusFormat.JSONL, f, false);
    assertThat(all.passages()).containsExactly(new Passage("12", "", "a"), new Passage("x", "", "b"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"id\":\"b\",\"text\": | malformed JSON",
        "[1,2]                   | expected a JSON object",
        "{\"id\":\"b\",\"text\":\"t\"}{\"id\":\"b2\",\"text\":\"u\"} | malformed JSON",
        "{\"text\":\"t\"}        | missing or empty \"id\"",
        "{\"id\":\" \",\"text\":\"t\"} | missing or empty \"id\"",
        "{\"id\":{},\"text\":\"t\"} | missing or empty \"id\"",
        "{\"id\":\"b\"}          | missing \"text\"",
        "{\"id\":\"b\",\"text\":5} | missing \"text\"",
        "{\"id\":\"b\",\"text\":\"t\",\"title\":[1]} | \"title\" must be a string",
      })
  void aBadRecordNamesFileAndLine(String badLine, String reason) {
    Path f = Fixtures.write(dir.resolve("bad.jsonl"), "{\"id\":\"a\",\"text\":\"t\"}\n\n" + badLine + "\n{\"id\":\"c\",\"text\":\"t\"}\n");
    assertThatThrownBy(() -> ReadAll.of(CorpusFormat.JSONL, f, false))
        .isInstanceOfSatisfying(CorpusException.class, e -> {
          assertThat(e.file()).isEqualTo(f);
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.getMessage()).startsWith(f + ":3: ").contains(reason);
        });
  }

  @Test
  void badRecordsAreSkippedAndCountedWhenAsked() throws Exception {
    Path f = Fixtures.write(dir.resolve("bad.jsonl"),
        "{\"id\":\"a\",\"text\":\"t\"}\nnot json\n{\"text\":\"no id\"}\n{\"id\":\"d\",\"text\":\"t\"}\n");
    ReadAll all = ReadAll.of(CorpusFormat.JSONL, f, true);
    assertThat(all.ids()).containsExactly("a", "d");
    assertThat(all.skipped()).isEqualTo(2);
  }

  @Test
  void invalidUtf8NamesItsLine() {
    Path f = Fixtures.writeBytes(dir.resolve("latin1.jsonl"), invalidUtf8OnLine3());
    assertThatThrownBy(() -> ReadAll.of(CorpusFormat.JSONL, f, false))
        .isInstanceOfSatisfying(CorpusException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.getMessage()).contains("latin1.jsonl:3:").contains("UTF-8");
        });
  }

  @Test
  void invalidUtf8IsSkippedWhenAsked() throws Exception {
    Path f = Fixtures.writeBytes(dir.resolve("latin1.jsonl"), invalidUtf8OnLine3());
    ReadAll all = ReadAll.of(CorpusFormat.JSONL, f, true);
    assertThat(all.ids()).containsExactly("a", "b", "d");
    assertThat(all.skipped()).isEqualTo(1);
    assertThat(all.passages().get(2).text()).isEqualTo("Zürich");
  }

  /** Four records; the third has "é" in ISO-8859-1, which is not valid UTF-8. */
  private static byte[] invalidUtf8OnLine3() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes("{\"id\":\"c\",\"text\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes("{\"id\":\"d\",\"text\":\"Zürich\"}\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void streamsRecordsBeforeAnErrorFurtherOn() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      b.append("{\"id\":\"").append(i).append("\",\"text\":\"passage number ").append(i).append("\"}\n");
    }
    b.append("{broken\n");
    Path f = Fixtures.write(dir.resolve("big.jsonl"), b.toString());
    try (PassageReader r = CorpusFormat.JSONL.open(f, false)) {
      assertThat(r.next().id()).isEqualTo("0");
      assertThat(r.bytesRead()).isPositive().isLessThan(java.nio.file.Files.size(f));
      for (int i = 1; i < 20_000; i++) {
        assertThat(r.next().id()).isEqualTo(Integer.toString(i));
      }
      assertThatThrownBy(r::hasNext).isInstanceOf(CorpusException.class).hasMessageContaining(":20001:");
    }
  }
}
