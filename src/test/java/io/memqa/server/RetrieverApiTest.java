package io.memqa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.memqa.corpus.Passage;
import io.memqa.index.VectorFormat;
import io.memqa.qa.QaPipeline;
import io.memqa.retrieve.RetrieverSource;
import io.memqa.testing.TestIndexes;
import io.memqa.testing.TinyModels;
import io.memqa.testing.TinyQa;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retriever chosen per request: on an index with passage vectors, and refused clearly on one without. */
class RetrieverApiTest {
  @TempDir static Path dir;
  static QaServer dense;
  static QaServer plain;
  static TinyQa.Fixture tiny;

  @BeforeAll
  static void start() throws Exception {
    tiny = TinyQa.get();
    Path index = dir.resolve("dense");
    TestIndexes.buildDense(TinyModels.corpus(tiny.data().passages(), dir.resolve("passages.jsonl")), index, VectorFormat.INT8);
    dense = QaServer.start(ServerOptions.defaults().withPort(0));
    dense.load(() -> Backend.of(QaPipeline.open(RetrieverSource.lucene(index), tiny.model())));
    plain = QaServer.start(ServerOptions.defaults().withPort(0));
    plain.load(() -> Backend.of(tiny.open()));
  }

  @AfterAll
  static void stop() {
    dense.close();
    plain.close();
  }

  @Test
  void everyRetrieverAnswersOnADenseIndex() {
    Passage p = tiny.data().passages().get(3);
    Http http = new Http(dense.url());
    for (String kind : new String[] {"bm25", "dense", "hybrid"}) {
      Http.Reply r = http.postJson("/v1/answer", Map.of("question", "Where was " + p.title() + " born?", "retriever", kind));
      assertThat(r.status()).as(kind + ": " + r.body()).isEqualTo(200);
      assertThat(r.json().get("passages").findValuesAsText("id")).as(kind).contains(p.id());
      JsonNode s = http.get("/v1/search?k=3&retriever=" + kind + "&q=" + Http.encode("Where was " + p.title() + " born?")).json();
      assertThat(s.get("hits")).as(kind).hasSize(3);
    }
    // GET takes it too; an empty value means the default.
    assertThat(http.get("/v1/answer?retriever=dense&q=" + Http.encode("Where was " + p.title() + " born?")).status()).isEqualTo(200);
    assertThat(http.get("/v1/search?retriever=&q=" + Http.encode("Where was " + p.title() + " born?")).status()).isEqualTo(200);
  }

  @Test
  void anUnknownRetrieverIsABadRequest() {
    Http.Reply r = new Http(dense.url()).postJson("/v1/answer", Map.of("question", "Who?", "retriever", "sparse"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).isEqualTo(QaServer.PROBLEM_JSON);
    assertThat(r.json().get("detail").asText()).contains("retriever must be one of bm25, dense, hybrid", "sparse");
    assertThat(new Http(dense.url()).postJson("/v1/answer", Map.of("question", "Who?", "retriever", 3)).status()).isEqualTo(400);
  }

  @Test
  void denseOnAnIndexWithoutVectorsIsABadRequestThatSaysWhy() {
    Http http = new Http(plain.url());
    Http.Reply r = http.postJson("/v1/answer", Map.of("question", "Where was Ada born?", "retriever", "hybrid"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains("needs passage vectors").contains("--dense");
    assertThat(http.get("/v1/search?retriever=dense&q=x").status()).isEqualTo(400);
    assertThat(http.postJson("/v1/answer", Map.of("question", "Where was Ada born?", "retriever", "bm25")).status()).isEqualTo(200);
  }
}
