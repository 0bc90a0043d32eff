package io.memqa.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.testing.Fixtures;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFormatTest {
  @TempDir Path dir;

  @Test
  void parsesCliNamesAndEnumNames() {
    assertThat(CorpusFormat.parse("dpr-tsv")).isEqualTo(CorpusFormat.DPR_TSV);
    assertThat(CorpusFormat.parse("DPR_TSV")).isEqualTo(CorpusFormat.DPR_TSV);
    assertThat(CorpusFormat.parse("JSONL")).isEqualTo(CorpusFormat.JSONL);
    assertThatThrownBy(() -> CorpusFormat.parse("xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown corpus format 'xml'");
  }

  @Test
  void guessesFromTheFileName() throws IOException {
    assertThat(CorpusFormat.guess(Path.of("psgs_w100.tsv"))).isEqualTo(CorpusFormat.DPR_TSV);
    assertThat(CorpusFormat.guess(Path.of("wiki.JSONL"))).isEqualTo(CorpusFormat.JSONL);
    assertThat(CorpusFormat.guess(Path.of("x.ndjson"))).isEqualTo(CorpusFormat.JSONL);
    assertThat(CorpusFormat.guess(Path.of("dev-v1.1.json"))).isEqualTo(CorpusFormat.SQUAD);
    assertThat(CorpusFormat.guess(Path.of("psgs_w100.tsv.gz"))).isEqualTo(CorpusFormat.DPR_TSV);
    assertThat(CorpusFormat.guess(Path.of("enwiki-20240601-pages-articles-multistream.xml.bz2"))).isEqualTo(CorpusFormat.MEDIAWIKI);
    assertThat(CorpusFormat.guess(Path.of("excerpt.xml"))).isEqualTo(CorpusFormat.MEDIAWIKI);
    assertThat(CorpusFormat.parse("mediawiki")).isEqualTo(CorpusFormat.MEDIAWIKI);
  }

  @Test
  void aGzippedTsvIsReadAndABrokenOneNamed() throws Exception {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(b)) {
      z.write("id\ttext\ttitle\n1\tAaron is a prophet.\tAaron\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path gz = Fixtures.writeBytes(dir.resolve("psgs.tsv.gz"), b.toByteArray());
    ReadAll all = ReadAll.of(CorpusFormat.DPR_TSV, gz, false);
    assertThat(all.passages()).containsExactly(new Passage("1", "Aaron", "Aaron is a prophet."));
    Path notGz = Fixtures.write(dir.resolve("plain.tsv.gz"), "id\ttext\ttitle\n");
    assertThatThrownBy(() -> ReadAll.of(CorpusFormat.DPR_TSV, notGz, false)).isInstanceOf(IOException.class)
        .hasMessageContaining("plain.tsv.gz is not a gzip file");
  }

  @Test
  void aMissingFileIsAClearError() {
    assertThatThrownBy(() -> CorpusFormat.JSONL.open(dir.resolve("nope.jsonl"), false))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("corpus file not found");
  }

  @Test
  void concatenatedReadersReadInOrderAndAddUpCounts() throws Exception {
    Path a = Fixtures.write(dir.resolve("a.jsonl"), "{\"id\":\"a1\",\"text\":\"x\"}\nbad\n");
    Path empty = Fixtures.write(dir.resolve("e.jsonl"), "");
    Path tsv = Fixtures.resource(Fixtures.DPR_TSV);
    try (PassageReader r = new ConcatPassageReader(List.of(
        CorpusFormat.JSONL.open(a, true), CorpusFormat.JSONL.open(empty, true), CorpusFormat.DPR_TSV.open(tsv, true)))) {
      List<String> ids = new ArrayList<>();
      r.forEach(p -> ids.add(p.id()));
      assertThat(ids).containsExactly("a1", "1", "2", "3");
      assertThat(r.skipped()).isEqualTo(1);
      assertThat(r.bytesRead()).isEqualTo(java.nio.file.Files.size(a) + java.nio.file.Files.size(tsv));
      assertThat(r.hasNext()).isFalse();
      assertThatThrownBy(r::next).isInstanceOf(java.util.NoSuchElementException.class);
    }
  }

  @Test
  void passagesNeedAnIdAndText() {
    assertThatThrownBy(() -> new Passage(" ", "t", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Passage("a", "t", null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Passage("a", null, "x").title()).isEmpty();
  }
}
