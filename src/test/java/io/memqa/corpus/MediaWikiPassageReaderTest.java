package io.memqa.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaWikiPassageReaderTest {
  static final String EXCERPT = "corpus/enwiki-excerpt.xml";

  @TempDir Path dir;

  /** The excerpt as a multistream dump: the header and each page in a bzip2 stream of its own, as Wikimedia ships it. */
  static Path multistreamDump(Path dir) throws IOException {
    String xml = Files.readString(Fixtures.resource(EXCERPT));
    Path out = dir.resolve("enwiki-20240101-pages-articles-multistream.xml.bz2");
    try (OutputStream file = Files.newOutputStream(out)) {
      int from = 0;
      int page;
      while ((page = xml.indexOf("  <page>", from + 1)) > 0) {
        file.write(bzip2(xml.substring(from, page)));
        from = page;
      }
      file.write(bzip2(xml.substring(from)));
    }
    return out;
  }

  static byte[] bzip2(String s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (BZip2CompressorOutputStream z = new BZip2CompressorOutputStream(b)) {
      z.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  static ReadAll read(Path file, int passageWords) throws IOException {
    try (PassageReader r = CorpusFormat.MEDIAWIKI.open(file, false, passageWords)) {
      List<Passage> all = new java.util.ArrayList<>();
      r.forEach(all::add);
      assertThat(r.bytesRead()).isEqualTo(Files.size(file)); // progress counts compressed bytes
      return new ReadAll(all, r.skipped());
    }
  }

  @Test
  void readsArticlesOfAMultistreamDumpAsCleanPassages() throws Exception {
    List<Passage> passages = read(multistreamDump(dir), 100).passages();

    // articles only: no redirect, no talk or file page, nothing for a page that is all templates
    assertThat(passages).extracting(Passage::docId).containsOnly("974", "1271");
    assertThat(passages).extracting(Passage::title).containsOnly("Ada Lovelace", "Analytical Engine");
    String all = String.join("\n", passages.stream().map(Passage::text).toList());
    assertThat(all).doesNotContain("talkpagemarker", "filepagemarker", "REDIRECT");

    // markup gone, link texts and prose kept
    assertThat(all).doesNotContain("{{", "}}", "[[", "]]", "<ref", "&lt;", "&quot;", "'''", "wikitable", "||",
        "Infobox", "Category", "hidden editor note", "Portrait of Ada", "cite book", "de:Ada");
    assertThat(all).contains("Augusta Ada King, Countess of Lovelace (née Byron; 10 December 1815",
        "was an English mathematician and writer.", "Babbage's proposed general-purpose computer",
        "compute Bernoulli numbers.");
    // headings dropped, back matter (See also, References, External links) cut
    assertThat(all).doesNotContain("Early life", "The notes", "See also", "Women in computing", "example.org");

    // the long article is cut into passages of about 100 words at sentence ends
    List<Passage> ada = passages.stream().filter(p -> p.docId().equals("974")).toList();
    assertThat(ada).extracting(Passage::id).containsExactly("974#0", "974#1", "974#2");
    for (Passage p : ada) {
      assertThat(words(p.text())).isBetween(50, 150);
      assertThat(p.text()).endsWith(".");
    }
    assertThat(ada.get(0).text()).startsWith("Augusta Ada King");
    // the short one stays whole, under its page id
    assertThat(passages.get(passages.size() - 1).id()).isEqualTo("1271");
    assertThat(passages.get(passages.size() - 1).text())
        .startsWith("The Analytical Engine was a proposed mechanical computer designed by the English mathematician Charles Babbage.")
        .endsWith("It was never completed.");
  }

  @Test
  void countsWhatItKeptAndSkipped() throws Exception {
    try (PassageReader r = CorpusFormat.MEDIAWIKI.open(multistreamDump(dir), false, 100)) {
      r.forEach(p -> { });
      assertThat(((MediaWikiPassageReader) r).counts())
          .isEqualTo(new MediaWikiPassageReader.Counts(2, 1, 2, 1)); // articles, redirects, other namespaces, empty
    }
  }

  @Test
  void plainXmlReadsTheSameAndZeroWordsKeepsArticlesWhole() throws Exception {
    Path xml = Files.copy(Fixtures.resource(EXCERPT), dir.resolve("excerpt.xml"));
    assertThat(read(xml, 100).passages()).isEqualTo(read(multistreamDump(dir), 100).passages());
    List<Passage> whole = read(xml, 0).passages();
    assertThat(whole).extracting(Passage::id).containsExactly("974", "1271");
    assertThat(words(whole.get(0).text())).isGreaterThan(250);
  }

  @Test
  void aTruncatedDumpFailsWithItsFileAndAHint() throws Exception {
    byte[] full = Files.readAllBytes(multistreamDump(dir));
    Path cut = Files.write(dir.resolve("cut.xml.bz2"), Arrays.copyOf(full, full.length * 2 / 3));
    assertThatThrownBy(() -> read(cut, 100))
        .isInstanceOf(CorpusException.class)
        .hasMessageContaining("cut.xml.bz2")
        .hasMessageContaining("truncated or corrupt");
  }

  @Test
  void somethingElseIsRefusedClearly() throws Exception {
    Path notBz2 = Fixtures.write(dir.resolve("x.xml.bz2"), "<mediawiki></mediawiki>");
    assertThatThrownBy(() -> read(notBz2, 100)).isInstanceOf(IOException.class).hasMessageContaining("x.xml.bz2")
        .hasMessageContaining("bzip2");
    Path html = Fixtures.write(dir.resolve("page.xml"), "<html><body>hi</body></html>");
    assertThatThrownBy(() -> read(html, 100)).isInstanceOf(CorpusException.class)
        .hasMessageContaining("expected a MediaWiki XML dump (root element <mediawiki>), found <html>");
    Path empty = Fixtures.write(dir.resolve("empty.xml"), "");
    assertThatThrownBy(() -> read(empty, 100)).isInstanceOf(CorpusException.class).hasMessageContaining("empty.xml");
  }

  @Test
  void aPageWithoutIdStopsTheReadOrIsSkipped() throws Exception {
    Path f = Fixtures.write(dir.resolve("noid.xml"),
        "<mediawiki>\n<page><title>A</title><ns>0</ns><revision><text>Some text here.</text></revision></page>\n"
            + "<page><title>B</title><ns>0</ns><id>2</id><revision><text>Other text here.</text></revision></page></mediawiki>");
    assertThatThrownBy(() -> read(f, 100)).isInstanceOf(CorpusException.class).hasMessageContaining("noid.xml:2: page without an <id>");
    try (PassageReader r = CorpusFormat.MEDIAWIKI.open(f, true, 100)) {
      assertThat(r.next()).isEqualTo(new Passage("2", "B", "Other text here."));
      assertThat(r.hasNext()).isFalse();
      assertThat(r.skipped()).isEqualTo(1);
    }
  }

  @Test
  void closingEarlyStopsTheReadingThreads() throws Exception {
    Path dump = multistreamDump(dir);
    for (int i = 0; i < 5; i++) {
      try (PassageReader r = CorpusFormat.MEDIAWIKI.open(dump, false, 100)) {
        r.next();
      }
    }
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .filteredOn(n -> n.startsWith("memqa-dump-reader")).isEmpty();
  }

  static int words(String s) {
    return s.strip().split("\\s+").length;
  }
}
