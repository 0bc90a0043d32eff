package io.memqa.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.corpus.Passage;
import io.memqa.testing.Fixtures;

/** What every retriever over the fixture passages must do, whichever engine holds them. */
final class RetrieverContract {
  private RetrieverContract() {}

  /** Passages are found by their exact id only: no case folding, prefixes, patterns or path tricks. */
  static void looksUpPassagesByExactId(Retriever r) {
    assertThat(r.passage("p2")).map(Passage::title).contains("Eiffel Tower");
    assertThat(r.passage(Fixtures.ODD_ID)).map(Passage::title).contains("Honey bee");
    assertThat(r.passage("P2")).isEmpty();
    assertThat(r.passage("p")).isEmpty();
    assertThat(r.passage("p*")).isEmpty();
    assertThat(r.passage("../_search")).isEmpty();
    assertThat(r.passage("Q&A:")).isEmpty();
    assertThat(r.passage("")).isEmpty();
    assertThat(r.passage(null)).isEmpty();
    assertThat(r.passage("x".repeat(5000))).isEmpty();
    assertThat(r.size()).isEqualTo(10);
  }
}
