package io.memqa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.index.Fields;
import io.memqa.index.IndexStats;
import io.memqa.testing.Fixtures;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
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
  void passagesCutFromWikipediaArticlesGetAVectorPerWindow() throws Exception {
    Path dump = dir.resolve("enwiki-20240101-pages-articles-multistream.xml.bz2");
    try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(dump))) {
      out.write(Files.readString(Fixtures.resource("corpus/enwiki-excerpt.xml")).getBytes(StandardCharsets.UTF_8));
    }
    Path index = dir.resolve("enwiki");
    Cli built = Cli.run("index", "--corpus", dump.toString(), "--out", index.toString(), "--threads", "2", "--dense");
    assertThat(built.exit()).as(built.err()).isZero();
    assertThat(built.out()).contains("indexed 4 passages").contains("vectors by minilm-l6-v2-q as int8 per window of 60 words");
    assertThat(IndexStats.read(index).dense()).isTrue();
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(index))) {
      int withVector = 0;
      for (LeafReaderContext leaf : r.leaves()) {
        FloatVectorValues v = leaf.reader().getFloatVectorValues(Fields.VECTOR);
        withVector += v == null ? 0 : v.size();
      }
      // Passages of about 100 words have two or more windows each, in documents of their own.
      assertThat(withVector).isGreaterThanOrEqualTo(8).isEqualTo(r.numDocs() - 4);
    }
    Cli found = Cli.run("search", "Who put the Italian paper on the calculating machine into English?", "--index",
        index.toString(), "-k", "1", "--retriever", "dense");
    assertThat(found.out()).as(found.err()).containsPattern("\\[974#2\\] Ada Lovelace \\(bm25 -, dense #1\\)");
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
    assertThat(unknown.err()).contains("unknown retriever 'sparse' (known: bm25, dense, hybrid, opensearch)");
    Cli near = Cli.run("search", "Eiffel Tower", "--index", index, "--retriever", "Dense");
    assertThat(near.err()).contains("has no passage vectors"); // names are matched in any case
    Cli osDense = Cli.run("search", "Eiffel Tower", "--retriever", "dense", "--opensearch-url", "http://localhost:9");
    assertThat(osDense.exit()).isEqualTo(2);
    assertThat(osDense.err()).contains("--opensearch-url and --opensearch-index go with --retriever opensearch")
        .contains("dense needs passage vectors");
    Cli toOpenSearch = Cli.run("index", "--corpus", Fixtures.resource(Fixtures.PASSAGES).toString(), "--to", "opensearch",
        "--dense");
    assertThat(toOpenSearch.exit()).isEqualTo(2);
    assertThat(toOpenSearch.err()).contains("an OpenSearch index holds BM25 only");
    Cli orphan = Cli.run("index", "--corpus", Fixtures.resource(Fixtures.PASSAGES).toString(), "--out", index,
        "--encoder", "bge-small-en-v15-q");
    assertThat(orphan.exit()).isEqualTo(2);
    assertThat(orphan.err()).contains("--vector-format and --window-words go with --dense");
    Cli encoder = Cli.run("index", "--corpus", Fixtures.resource(Fixtures.PASSAGES).toString(), "--out", index,
        "--dense", "--encoder", "bert-huge");
    assertThat(encoder.exit()).isEqualTo(2);
    assertThat(encoder.err()).contains("unknown encoder 'bert-huge'").contains("minilm-l6-v2-q");
  }
}
