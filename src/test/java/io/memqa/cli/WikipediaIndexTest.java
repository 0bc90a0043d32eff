package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.qa.AnswerOptions;
import io.memqa.qa.Answers;
import io.memqa.qa.QaPipeline;
import io.memqa.reader.Reader;
import io.memqa.retrieve.Bm25Retriever;
import io.memqa.testing.Fixtures;
import io.memqa.testing.TinyQa;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Wikipedia dump indexed with one command, answers citing the article they came from. */
class WikipediaIndexTest {
  @TempDir Path dir;

  @Test
  void aDumpIsIndexedWithOneCommandAndAnswersCiteTheirArticle() throws Exception {
    Path dump = dir.resolve("enwiki-20240101-pages-articles-multistream.xml.bz2");
    try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(dump))) {
      out.write(Files.readString(Fixtures.resource("corpus/enwiki-excerpt.xml")).getBytes(StandardCharsets.UTF_8));
    }
    String index = dir.resolve("enwiki").toString();
    Cli built = Cli.run("index", "--corpus", dump.toString(), "--out", index, "--threads", "1");
    assertThat(built.exit()).as(built.err()).isZero();
    assertThat(built.out()).contains("indexed 4 passages");

    Cli found = Cli.run("search", "Who translated Menabrea's article about the Analytical Engine?", "--index", index, "-k", "1");
    assertThat(found.out()).as(found.err()).containsPattern("\\[974#2\\] Ada Lovelace");

    try (QaPipeline qa = new QaPipeline(Bm25Retriever.open(Path.of(index)), Reader.load(TinyQa.get().model()))) {
      Answers a = qa.answer("When was Ada Lovelace born in London?", new AnswerOptions(2, 1, 0));
      assertThat(a.passages()).extracting(Answers.PassageRef::docId).contains("974");
      Answers.Answer top = a.answers().get(0);
      assertThat(top.passageId()).startsWith(top.docId() + "#");
      assertThat(top.title()).isEqualTo("Ada Lovelace");
    }
  }

  @Test
  void fetchingADumpNeedsItsDate() {
    Cli noDate = Cli.run("data", "fetch", "enwiki", "--data-dir", dir.toString());
    assertThat(noDate.exit()).isEqualTo(2);
    assertThat(noDate.err()).contains("dataset 'enwiki' needs --date YYYYMMDD");
    Cli listed = Cli.run("data", "list", "--data-dir", dir.toString());
    assertThat(listed.out()).containsPattern("enwiki +0/1 files present").containsPattern("wikipedia +0/1 files present");
  }

  @Test
  void passageWordsIsCheckedAndOnlyForDocuments() {
    String corpus = Fixtures.resource(Fixtures.PASSAGES).toString();
    String out = dir.resolve("x").toString();
    Cli tooShort = Cli.run("index", "--corpus", corpus, "--passage-words", "3", "--out", out);
    assertThat(tooShort.exit()).isEqualTo(2);
    assertThat(tooShort.err()).contains("passage length must be 10..10000 words (or 0 to keep documents whole), got 3");
    Path tsv = Fixtures.write(dir.resolve("p.tsv"), "id\ttext\ttitle\n1\tSome text.\tT\n");
    Cli notDocs = Cli.run("index", "--corpus", tsv.toString(), "--passage-words", "50", "--out", out);
    assertThat(notDocs.exit()).isEqualTo(2);
    assertThat(notDocs.err()).contains("--passage-words cuts jsonl and mediawiki documents; dpr-tsv passages are indexed as they are");
    assertThat(Files.exists(Path.of(out))).isFalse();
  }
}
