package io.memqa.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memqa.corpus.Passage;
import io.memqa.data.DatasetFetcher;
import io.memqa.data.DatasetFetcher.FileResult;
import io.memqa.data.DatasetFetcher.Outcome;
import io.memqa.data.Datasets;
import io.memqa.data.Manifest;
import io.memqa.data.QuestionReader;
import io.memqa.eval.RetrievalEvaluation;
import io.memqa.index.IndexStats;
import io.memqa.retrieve.Bm25Retriever;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQuAD v1.1 from the local dataset mirror: fetch, index all 20,963 paragraphs, evaluate. */
class SquadRetrievalIntegrationTest {
  static SquadData squad;
  static Datasets datasets;
  static List<FileResult> fetched;
  static IndexStats stats;
  static Path mirror;

  @BeforeAll
  static void fetchAndIndex() throws IOException {
    squad = SquadData.get();
    if (squad != null) {
      datasets = squad.datasets;
      fetched = squad.fetched;
      stats = squad.stats;
      mirror = squad.mirror;
    }
  }

  @BeforeEach
  void needsTheMirror() {
    // Checked per test (not in @BeforeAll) so that each skipped test is reported with the reason.
    assumeTrue(squad != null, "skipped: dataset mirror ../shared/datasets not found");
  }

  @Test
  void theMirrorCopyIsVerifiedAndFetchingAgainIsANoOp() throws IOException {
    assertThat(fetched).extracting(FileResult::outcome).containsExactly(Outcome.COPIED, Outcome.COPIED);
    assertThat(fetched.get(1).matched()).isEqualTo("official release");
    assertThat(new DatasetFetcher(Manifest.bundled(), datasets.dataDir(), mirror).fetch("squad"))
        .extracting(FileResult::outcome)
        .containsExactly(Outcome.ALREADY_VERIFIED, Outcome.ALREADY_VERIFIED);
  }

  @Test
  void everyParagraphIsIndexed() throws IOException {
    assertThat(stats.documents()).isEqualTo(20_963);
    assertThat(stats.skipped()).isZero();
    try (Bm25Retriever r = Bm25Retriever.open(squad.index())) {
      assertThat(r.size()).isEqualTo(20_963);
      assertThat(r.passage("dev-0-0")).map(Passage::title).contains("Super Bowl 50");
      assertThat(r.passage("train-0-0")).isPresent();
    }
  }

  @Test
  void answerRecallAtFiveOnTheFirst500DevQuestions() throws IOException {
    try (Bm25Retriever r = Bm25Retriever.open(squad.index());
        QuestionReader questions = datasets.openQuestions("squad-dev", null)) {
      RetrievalEvaluation.Summary s = new RetrievalEvaluation(r, new int[] {1, 5, 20}, 2).run(questions, 500, squad.dir.resolve("run"));
      assertThat(s.questions()).isEqualTo(500);
      assertThat(s.metrics().get("answer_recall@5")).isGreaterThan(80.0);
      assertThat(s.metrics().get("paragraph_recall@20")).isGreaterThan(80.0);
    }
  }
}
