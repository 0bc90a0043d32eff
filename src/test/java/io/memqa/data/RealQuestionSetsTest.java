package io.memqa.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads the real question files of the dataset mirror (../shared/datasets) when it is present. */
class RealQuestionSetsTest {
  private static final String MIRROR = System.getProperty("memqa.datasets", "../shared/datasets");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "odqa/nq_open/NQ-open.dev.jsonl, nq-jsonl, nq-jsonl, 3610",
    "squad/dev-v1.1.json, squad, squad, 10570",
    "odqa/curatedtrec/large2180-test.tsv, trec-tsv, trec-tsv, 694",
    "odqa/curatedtrec/large2180-train.tsv, trec-tsv, trec-tsv, 1479",
    "wikimovies/movieqa/questions/wiki_entities/wiki-entities_qa_dev.txt, wikimovies, wikimovies, 10000",
    "odqa/anserini-tools/topics.dpr.nq.dev.txt, dpr-tsv, dpr-tsv, 8757",
    "odqa/anserini-tools/topics.dpr.nq.test.txt, dpr-tsv, dpr-tsv, 3610",
    "odqa/anserini-tools/topics.dpr.trivia.dev.txt, dpr-tsv, dpr-tsv, 8837",
    "odqa/anserini-tools/topics.dpr.trivia.test.txt, dpr-tsv, dpr-tsv, 11313",
    "odqa/anserini-tools/topics.dpr.squad.test.txt, nq-jsonl, nq-jsonl, 10570",
    "odqa/anserini-tools/topics.dpr.wq.test.txt, nq-jsonl, nq-jsonl, 2032",
    "odqa/anserini-tools/topics.dpr.curated.test.txt, nq-jsonl-regex, nq-jsonl, 694"
  })
  void readsEveryQuestionWithoutSkipping(String relative, String format, String detected, long count)
      throws IOException {
    Path file = Path.of(MIRROR, relative);
    Assumptions.assumeTrue(Files.isRegularFile(file), "skipped: dataset mirror not found");

    assertThat(QuestionFormat.detect(file)).isEqualTo(QuestionFormat.parse(detected));
    long read = 0;
    try (QuestionReader r = QuestionFormat.parse(format).open(file)) {
      while (r.hasNext()) {
        Question q = r.next();
        assertThat(q.answers()).as(q.source()).isNotEmpty();
        read++;
      }
      assertThat(r.skipped()).isZero();
    }
    assertThat(read).isEqualTo(count);
  }
}
