package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** index --dense and --retriever on the command line. */
class HybridCliTest {
  @TempDir Path dir;

  @Test
  void aDenseIndexIsSearchedByEveryRetriever() {
    String index = dir.resolve("idx").toString();
    Cli built = Cli.run("index", "--corpus", Fixtures.resource(Fixtures.PASSAGES).toString(), "--out", index,
        "--threads", "2", "--dense");
    assertThat(built.exit()).as(built.err()).isZero();
    assertThat(built.out()).contains("indexed 10 passages").contains("vectors by minilm-l6-v2-q as int8");

    Cli dense = Cli.run("search", "How do green leaves make food from sunshine?", "--index", index, "-k", "2", "--retriever", "dense");
    assertThat(dense.exit()).as(dense.err()).isZero();
    assertThat(dense.out().lines().findFirst()).hasValueSatisfying(l ->
        assertThat(l).matches(" 1\\. +[0-9.]+ +\\[p1\\] Photosynthesis \\(bm25 -, dense #1\\)"));

    Cli hybrid = Cli.run("search", "When was the Eiffel Tower completed?", "--index", index, "-k", "1");
    assertThat(hybrid.exit()).as(hybrid.err()).isZero();
    assertThat(hybrid.out()).contains("[p2] Eiffel Tower (bm25 #1, dense #1)");

    Cli bm25 = Cli.run("search", "When was the Eiffel Tower completed?", "--index", index, "-k", "1", "--retriever", "bm25");
    assertThat(bm25.out().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).endsWith("[p2] Eiffel Tower"));
  }

  @Test
  void evalRetrievalTakesTheRetriever() {
    String index = dir.resolve("squad").toString();
    String squad = Fixtures.resource(Fixtures.SQUAD_DEV).toString();
    assertThat(Cli.run("index", "--corpus", squad, "--out", index, "--dense").exit()).isZero();
    Cli r = Cli.run("eval", "retrieval", "--index", index, "--dataset", squad, "--out", dir.resolve("run").toString(),
        "--k", "1,5", "--threads", "1", "--retriever", "dense");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("retriever: dense over " + index).contains("questions: 7");
  }

  @Test
  void wrongRetrieversAndEncodersAreRefusedWithTheReason() {
    String index = dir.resolve("plain").toString();
    assertThat(Cli.run("index", "--corpus", Fixtures.resource(Fixtures.PASSAGES).toString(), "--out", index).exit()).isZero();
    Cli noVectors = Cli.run("search", "Eiffel Tower", "--index", index, "--retriever", "hybrid");
    assertThat(noVectors.exit()).isEqualTo(2);
    assertThat(noVectors.err()).contains("has no passage vectors").contains("./memqa index --dense");
    Cli unknown = Cli.run("search", "Eiffel Tower", "--index", index, "--retriever", "sparse");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown retriever \"sparse\" (expected bm25, dense, hybrid)");
    Cli encoder = Cli.run("index", "--corpus", Fixtures.resource(Fixtures.PASSAGES).toString(), "--out", index,
        "--dense", "--encoder", "bert-huge");
    assertThat(encoder.exit()).isEqualTo(2);
    assertThat(encoder.err()).contains("unknown encoder \"bert-huge\"").contains("minilm-l6-v2-q");
  }
}
