package io.memqa.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassageSplitterTest {
  private final PassageSplitter splitter = new PassageSplitter(100);

  @TempDir Path dir;

  /** A sentence of {@code n} words: "Word1 w w ... end." with a marker so it can be found again. */
  static String sentence(String marker, int n) {
    return marker + " " + "w ".repeat(n - 2) + "end.";
  }

  static int words(String s) {
    return s.isBlank() ? 0 : s.strip().split("\\s+").length;
  }

  @Test
  void aLongArticleBecomesPassagesOfAboutTheTargetLengthAtSentenceEnds() {
    List<String> paragraphs = new ArrayList<>();
    int s = 0;
    for (int p = 0; p < 12; p++) {
      int sentences = 1 + p % 5;
      paragraphs.add(IntStream.range(0, sentences).mapToObj(i -> sentence("S" + 0, 12 + (i * 7) % 20)).collect(Collectors.joining(" ")));
      s += sentences;
    }
    String text = String.join("\n\n", paragraphs);
    List<Passage> passages = splitter.split(new Passage("42", "Title", text));

    assertThat(passages.size()).isBetween(words(text) / 150, words(text) / 50 + 1);
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      assertThat(p.id()).isEqualTo("42#" + i);
      assertThat(p.docId()).isEqualTo("42");
      assertThat(p.title()).isEqualTo("Title");
      assertThat(words(p.text())).isBetween(50, 150);
      assertThat(p.text()).startsWith("S0").endsWith("end.");
    }
    // nothing lost, nothing repeated, order kept
    String joined = passages.stream().map(Passage::text).collect(Collectors.joining(" "));
    assertThat(Arrays.asList(joined.split("\\s+"))).isEqualTo(Arrays.asList(text.strip().split("\\s+")));
    assertThat(s).isPositive();
  }

  @Test
  void aNewParagraphStartsANewPassageOnceTheCurrentOneIsLongEnough() {
    String a = sentence("A", 40) + " " + sentence("B", 30);
    String b = sentence("C", 40) + " " + sentence("D", 30);
    List<Passage> passages = splitter.split(new Passage("d", "", a + "\n" + b));
    assertThat(passages).extracting(Passage::text).containsExactly(a, b);
  }

  @Test
  void shortParagraphsAreJoinedWithALineBreak() {
    String a = sentence("A", 20);
    String b = sentence("B", 20);
    String c = sentence("C", 120); // too long to join them (over 150 words together)
    List<Passage> passages = splitter.split(new Passage("d", "", a + "\n\n" + b + "\n\n" + c));
    assertThat(passages).extracting(Passage::text).containsExactly(a + "\n" + b, c);
  }

  @Test
  void aShortTailJoinsThePassageBeforeIt() {
    String text = sentence("A", 60) + " " + sentence("B", 35) + " " + sentence("C", 20);
    assertThat(splitter.split(new Passage("d", "T", text))).containsExactly(new Passage("d", "T", text));
  }

  @Test
  void aDocumentThatFitsInOnePassageKeepsItsIdAndText() {
    Passage doc = new Passage("p7", "T", "  One sentence.\nAnother one.  ");
    assertThat(splitter.split(doc)).containsExactly(doc);
    assertThat(splitter.split(new Passage("e", "T", " \n\n "))).isEmpty();
  }

  @Test
  void anOverLongSentenceIsCutIntoPiecesOfTheTargetLength() {
    String list = "item ".repeat(370).strip();
    List<Passage> passages = splitter.split(new Passage("l", "", list));
    assertThat(passages).extracting(p -> words(p.text())).containsExactly(100, 100, 100, 70);
    // a short last piece joins the one before
    assertThat(splitter.split(new Passage("l", "", "item ".repeat(340).strip())))
        .extracting(p -> words(p.text())).containsExactly(100, 100, 140);
  }

  @Test
  void abbreviationsDoNotEndASentence() {
    String first = sentence("A", 45) + " It was built by Dr. Smith in St. Louis for J. R. Ewing " + "x ".repeat(20) + "end.";
    String second = sentence("B", 60);
    List<Passage> passages = splitter.split(new Passage("a", "", first + " " + second));
    assertThat(passages).extracting(Passage::text).containsExactly(first, second);
  }

  @Test
  void theTitleRepeatedAsFirstLineIsDropped() {
    String body = sentence("A", 80) + "\n" + sentence("B", 80);
    List<Passage> passages = splitter.split(new Passage("t", "Ada", "Ada\n\n" + body));
    assertThat(passages.get(0).text()).startsWith("A w");
  }

  @Test
  void theLengthIsChecked() {
    assertThatThrownBy(() -> new PassageSplitter(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10..10000 words").hasMessageContaining("got 3");
    assertThatThrownBy(() -> new PassageSplitter(20_000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wikiExtractorJsonLinesAreCutAndDprTsvIsNot() throws Exception {
    String article = sentence("A", 80) + "\\n\\n" + sentence("B", 80) + "\\n\\n" + sentence("C", 80);
    Path jsonl = Fixtures.write(dir.resolve("wiki.jsonl"),
        "{\"id\":\"12\",\"url\":\"https://en.wikipedia.org/wiki?curid=12\",\"title\":\"Anarchism\",\"text\":\"" + article + "\"}\n");
    assertThat(ReadAll.of(CorpusFormat.JSONL, jsonl, false).passages())
        .extracting(Passage::id, Passage::docId, Passage::title)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("12#0", "12", "Anarchism"),
            org.assertj.core.groups.Tuple.tuple("12#1", "12", "Anarchism"),
            org.assertj.core.groups.Tuple.tuple("12#2", "12", "Anarchism"));
    try (PassageReader whole = CorpusFormat.JSONL.open(jsonl, false, 0)) {
      assertThat(whole.next().id()).isEqualTo("12");
      assertThat(whole.hasNext()).isFalse();
    }
    Path tsv = Fixtures.write(dir.resolve("psgs.tsv"), "id\ttext\ttitle\n1\t" + sentence("A", 300) + "\tAaron\n");
    assertThat(ReadAll.of(CorpusFormat.DPR_TSV, tsv, false).passages()).extracting(Passage::id, Passage::docId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "1"));
  }
}
