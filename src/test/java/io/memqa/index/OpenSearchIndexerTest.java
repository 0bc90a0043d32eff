package io.memqa.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memqa.corpus.CorpusFormat;
import io.memqa.corpus.PassageReader;
import io.memqa.testing.FaultyProxy;
import io.memqa.testing.Fixtures;
import io.memqa.testing.OpenSearchCluster;
import io.memqa.testing.TestIndexes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/** Bulk loading into a real node through a proxy that makes the cluster busy or refuse on demand. */
class OpenSearchIndexerTest {
  static OpenSearchCluster cluster;
  static FaultyProxy proxy;

  @BeforeAll
  static void start() throws IOException {
    cluster = OpenSearchCluster.shared();
    proxy = new FaultyProxy(cluster.url());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  static IndexStats load(String name, int retries) throws IOException {
    Path corpus = Fixtures.resource(Fixtures.PASSAGES);
    OpenSearchIndexer.Options options = new OpenSearchIndexer.Options(Analyzers.ENGLISH, 0.9f, 0.4f, 1, 0, 1, retries,
        Duration.ofMillis(20));
    try (PassageReader passages = CorpusFormat.guess(corpus).open(corpus, false)) {
      return new OpenSearchIndexer(options).build(passages, TestIndexes.source(CorpusFormat.guess(corpus), corpus),
          new OpenSearchTarget(proxy.url(), name));
    }
  }

  static boolean isBulk(String request) {
    return request.startsWith("POST ") && request.contains("/_bulk");
  }

  static long count(String index) throws IOException {
    OpenSearchClient client = OpenSearchClients.open(new OpenSearchTarget(cluster.url(), "x"), Duration.ofSeconds(30));
    try {
      return OpenSearchClients.count(client, index);
    } finally {
      OpenSearchClients.close(client);
    }
  }

  @Test
  void busyRepliesAreRetriedUntilTheBatchIsIn() throws IOException {
    AtomicInteger bulks = new AtomicInteger();
    proxy.fault(r -> isBulk(r) && bulks.incrementAndGet() <= 3 ? (bulks.get() == 2 ? 503 : 429) : 0);
    try {
      IndexStats stats = load("busy", 4);
      assertThat(stats.documents()).isEqualTo(10);
    } finally {
      proxy.fault(r -> 0);
    }
    assertThat(bulks.get()).isEqualTo(4);
    assertThat(count("busy")).isEqualTo(10);
  }

  @Test
  void aClusterThatStaysBusyStopsTheLoadAndItsIndexIsRemoved() throws IOException {
    load("stays-busy", 1);
    proxy.fault(r -> isBulk(r) ? 429 : 0);
    try {
      assertThatThrownBy(() -> load("stays-busy", 2))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("OpenSearch at " + proxy.url())
          .hasMessageContaining("gave up on 10 passages after 3 tries")
          .hasMessageContaining("429 injected_fault");
    } finally {
      proxy.fault(r -> 0);
    }
    assertThat(count("stays-busy")).isEqualTo(10);
    assertThat(count("stays-busy.memqa-*")).isEqualTo(10); // only the index behind the alias is left
  }

  @Test
  void aRefusedBatchIsNotRetriedAndLeavesTheIndexUsersSearch() throws IOException {
    load("refused", 1);
    AtomicInteger bulks = new AtomicInteger();
    proxy.fault(r -> {
      if (isBulk(r)) {
        bulks.incrementAndGet();
        return 400;
      }
      return 0;
    });
    try {
      assertThatThrownBy(() -> load("refused", 5))
          .isInstanceOf(OpenSearchRefusedException.class)
          .hasMessageContaining("was refused: 400 injected_fault");
    } finally {
      proxy.fault(r -> 0);
    }
    assertThat(bulks.get()).isEqualTo(1);
    assertThat(count("refused")).isEqualTo(10);
    assertThat(count("refused.memqa-*")).isEqualTo(10);
  }
}
