package io.memqa.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import io.memqa.data.QuestionReader;
import io.memqa.eval.RetrievalEvaluation;
import io.memqa.index.Analyzers;
import io.memqa.index.IndexStats;
import io.memqa.index.OpenSearchIndexer;
import io.memqa.index.OpenSearchTarget;
import io.memqa.retrieve.Bm25Retriever;
import io.memqa.retrieve.OpenSearchRetriever;
import io.memqa.retrieve.Retriever;
import io.memqa.testing.OpenSearchCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQuAD through OpenSearch: all 20,963 paragraphs bulk-loaded into a real node, and answer
 * recall@5 over the 10,570 dev questions within 0.5 points of the Lucene index's (the README's
 * OpenSearch figure). Skipped without the dataset mirror.
 */
class OpenSearchSquadIntegrationTest {
  static SquadData squad;

  @BeforeAll
  static void data() throws IOException {
    squad = SquadData.get();
    assumeTrue(squad != null, "skipped: dataset mirror ../shared/datasets not found");
  }

  @Test
  void answerRecallThroughOpenSearchMatchesTheLuceneIndex() throws IOException {
    OpenSearchTarget target = new OpenSearchTarget(OpenSearchCluster.shared().url(), "squad-it");
    Bm25Retriever.Options bm25 = Bm25Retriever.Options.defaults();
    IndexStats loaded;
    try (PassageReader passages = squad.datasets.openCorpus("squad", false)) {
      loaded = new OpenSearchIndexer(OpenSearchIndexer.Options.defaults(Analyzers.ENGLISH, bm25.k1(), bm25.b()))
          .build(passages, squad.source(), target);
    }
    assertThat(loaded.documents()).isEqualTo(squad.stats.documents()).isEqualTo(20_963);
    assertThat(loaded.corpusSha256()).isEqualTo(squad.stats.corpusSha256());

    RetrievalEvaluation.Summary lucene;
    RetrievalEvaluation.Summary opensearch;
    try (Bm25Retriever r = Bm25Retriever.open(squad.index())) {
      lucene = recall(r, "lucene");
    }
    try (OpenSearchRetriever r = OpenSearchRetriever.open(target, bm25)) {
      assertThat(r.passage("dev-0-0")).map(Passage::title).contains("Super Bowl 50");
      opensearch = recall(r, "opensearch");
    }
    System.out.println("SQuAD dev, 10,570 questions, k=20, 2 threads: " + line("Lucene", lucene) + "; "
        + line("OpenSearch", opensearch) + "; loaded " + loaded.documents() + " passages in " + loaded.buildSeconds() + " s");
    double at5 = lucene.metrics().get("answer_recall@5");
    assertThat(at5).isGreaterThan(85.0);
    assertThat(Math.abs(opensearch.metrics().get("answer_recall@5") - at5)).isLessThanOrEqualTo(0.5);
  }

  private static String line(String name, RetrievalEvaluation.Summary s) {
    Map<String, Double> m = s.metrics();
    return String.format("%s answer recall@1/@5/@20 %.2f/%.2f/%.2f, %.0f questions/s", name, m.get("answer_recall@1"),
        m.get("answer_recall@5"), m.get("answer_recall@20"), s.questionsPerSecond());
  }

  private static RetrievalEvaluation.Summary recall(Retriever r, String name) throws IOException {
    Path out = squad.dir.resolve("recall-" + name);
    try (QuestionReader questions = squad.datasets.openQuestions("squad-dev", null)) {
      RetrievalEvaluation.Summary s = new RetrievalEvaluation(r, new int[] {1, 5, 20}, 2).run(questions, 0, out);
      assertThat(s.questions()).isEqualTo(10_570);
      return s;
    }
  }
}
