package io.memqa.index;

import io.memqa.corpus.Passage;
import io.memqa.corpus.PassageReader;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads passages into OpenSearch as a memqa index. Like the Lucene build it never touches what
 * users search until it is done: passages go into a new index (named after the target with a
 * {@code .memqa-} time stamp), in batched bulk requests from several threads, each retried with
 * back-off while the cluster is busy or away; only when all are in and counted does the target
 * name, an alias, move to the new index in one atomic step, and the index it named before is
 * deleted. A name that is not a memqa alias is refused, and a failed load deletes its own index.
 */
public final class OpenSearchIndexer {
  private static final Logger LOG = LoggerFactory.getLogger(OpenSearchIndexer.class);

  /** Passages per bulk request, and the most characters of text one request carries. */
  static final int BATCH = 500;
  static final int MAX_BULK_CHARS = 4_000_000;

  /** How long one request may take: a bulk request on a busy cluster can be slow. */
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  /** How to load: analysis and BM25 (as the retriever will search), shards, replicas, threads, retries. */
  public record Options(Analyzers analyzer, float k1, float b, int shards, int replicas, int threads, int retries,
      Duration backoff) {
    public Options {
      if (shards < 1 || shards > 1024) {
        throw new BadInputException("shards must be between 1 and 1024, got " + shards);
      }
      if (replicas < 0 || replicas > 16) {
        throw new BadInputException("replicas must be between 0 and 16, got " + replicas);
      }
      if (threads < 1 || threads > 64) {
        throw new BadInputException("threads must be between 1 and 64, got " + threads);
      }
      if (retries < 0 || retries > 20) {
        throw new BadInputException("retries must be between 0 and 20, got " + retries);
      }
    }

    /** One shard and one replica (OpenSearch's own defaults), two bulk requests at a time, six retries from 1 s. */
    public static Options defaults(Analyzers analyzer, float k1, float b) {
      return new Options(analyzer, k1, b, 1, 1, 2, 6, Duration.ofSeconds(1));
    }
  }

  private final Options options;

  public OpenSearchIndexer(Options options) {
    this.options = options;
  }

  public IndexStats build(PassageReader passages, IndexBuilder.Source source, OpenSearchTarget target)
      throws IOException {
    OpenSearchClient client = OpenSearchClients.open(target, REQUEST_TIMEOUT);
    try {
      return build(client, passages, source, target);
    } catch (OpenSearchException | IOException e) {
      throw OpenSearchClients.describe(target, e);
    } finally {
      OpenSearchClients.close(client);
    }
  }

  private IndexStats build(OpenSearchClient client, PassageReader passages, IndexBuilder.Source source,
      OpenSearchTarget target) throws IOException {
    String name = target.index();
    Map<String, OpenSearchLayout.Found> current = OpenSearchLayout.resolve(client, name);
    for (OpenSearchLayout.Found f : current.values()) {
      if (f.index().equals(name) || f.meta() == null) {
        throw new BadInputException(target + " holds an index memqa did not create (\"" + f.index()
            + "\"); choose another --opensearch-index, or delete it yourself if it is no longer needed");
      }
    }
    removeLeftovers(client, name, current);
    String building = name + ".memqa-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
        .format(Instant.now()) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    OpenSearchLayout.Meta started = new OpenSearchLayout.Meta(OpenSearchLayout.FORMAT_VERSION, false, options.k1(),
        options.b(), null);
    OpenSearchClients.call(client, "PUT", "/" + building,
        OpenSearchLayout.createBody(options.analyzer(), options.k1(), options.b(), options.shards(), started));
    try {
      return load(client, passages, source, name, building, current);
    } catch (IOException | RuntimeException e) {
      try {
        OpenSearchClients.call(client, "DELETE", "/" + building, null);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private IndexStats load(OpenSearchClient client, PassageReader passages, IndexBuilder.Source source, String name,
      String building, Map<String, OpenSearchLayout.Found> current) throws IOException {
    long t0 = System.nanoTime();
    OpenSearchClients.awaitPrimaries(client, building, 60);
    long read = PassageBatches.run(passages, options.threads(), BATCH, source.totalBytes(),
        "load into OpenSearch (passages)", () -> batch -> sendInParts(client, building, batch));
    OpenSearchClients.call(client, "PUT", "/" + building + "/_settings",
        "{\"index\": {\"number_of_replicas\": " + options.replicas() + ", \"refresh_interval\": null}}");
    OpenSearchClients.call(client, "POST", "/" + building + "/_refresh", null);
    long held = OpenSearchClients.count(client, building);
    if (held != read) {
      LOG.warn("{} passages were loaded but the index holds {}: passages with the same id replace each other",
          read, held);
    }
    IndexStats stats = IndexStats.of(held, passages.skipped(), t0, options.analyzer(), source, options.threads(), null);
    OpenSearchClients.call(client, "PUT", "/" + building + "/_mapping", OpenSearchLayout.metaBody(
        new OpenSearchLayout.Meta(OpenSearchLayout.FORMAT_VERSION, true, options.k1(), options.b(), stats)));
    OpenSearchClients.awaitPrimaries(client, building, 60);
    StringBuilder actions = new StringBuilder("{\"actions\": [{\"add\": {\"index\": \"").append(building)
        .append("\", \"alias\": \"").append(name).append("\"}}");
    for (String old : current.keySet()) {
      actions.append(", {\"remove_index\": {\"index\": \"").append(old).append("\"}}");
    }
    OpenSearchClients.call(client, "POST", "/_aliases", actions.append("]}").toString());
    return stats;
  }

  /** Deletes memqa indexes of this name that a stopped load left behind (not behind the alias). */
  private static void removeLeftovers(OpenSearchClient client, String name, Map<String, OpenSearchLayout.Found> current)
      throws IOException {
    for (OpenSearchLayout.Found f : OpenSearchLayout.resolve(client, name + ".memqa-*").values()) {
      if (f.meta() != null && !current.containsKey(f.index())) {
        LOG.info("removing {}, left by a load that did not finish", f.index());
        OpenSearchClients.call(client, "DELETE", "/" + f.index(), null);
      }
    }
  }

  /** Sends a batch as one bulk request, or several when its passages are long. */
  private void sendInParts(OpenSearchClient client, String index, List<Passage> batch) throws IOException,
      InterruptedException {
    List<Passage> part = new ArrayList<>();
    long chars = 0;
    for (Passage p : batch) {
      long size = p.id().length() + p.title().length() + p.text().length();
      if (!part.isEmpty() && chars + size > MAX_BULK_CHARS) {
        send(client, index, part);
        part = new ArrayList<>();
        chars = 0;
      }
      part.add(p);
      chars += size;
    }
    if (!part.isEmpty()) {
      send(client, index, part);
    }
  }

  /**
   * One bulk request, retried with doubling back-off while the cluster cannot take it (no
   * connection, time-out, 429, 502-504); when only some passages are turned away for now, only
   * those are sent again. A passage refused for good stops the load, naming it.
   */
  private void send(OpenSearchClient client, String index, List<Passage> passages) throws IOException,
      InterruptedException {
    List<Passage> pending = passages;
    for (int attempt = 0; ; attempt++) {
      String problem;
      try {
        List<Passage> sent = pending;
        BulkResponse reply = client.bulk(b -> b.index(index).operations(sent.stream().map(OpenSearchIndexer::operation).toList()));
        if (!reply.errors()) {
          return;
        }
        List<Passage> again = new ArrayList<>();
        problem = null;
        for (int i = 0; i < reply.items().size(); i++) {
          BulkResponseItem item = reply.items().get(i);
          if (item.error() == null) {
            continue;
          }
          String why = item.status() + " " + item.error().type() + ": " + item.error().reason();
          if (!OpenSearchClients.isUnavailable(item.status())) {
            throw new OpenSearchRefusedException("OpenSearch refused passage \"" + sent.get(i).id() + "\": " + why);
          }
          again.add(sent.get(i));
          problem = problem == null ? again.size() + " passages turned away (" + why + ")" : problem;
        }
        pending = again;
      } catch (OpenSearchException | IOException e) {
        if (!OpenSearchClients.isUnavailable(e)) {
          throw new OpenSearchRefusedException("a bulk request was refused: " + OpenSearchClients.reason(e));
        }
        problem = OpenSearchClients.reason(e);
      }
      if (pending.isEmpty()) {
        return;
      }
      if (attempt >= options.retries()) {
        throw new IOException("gave up on " + pending.size() + " passages after " + (attempt + 1) + " tries: " + problem);
      }
      long wait = Math.min(options.backoff().toMillis() << attempt, 30_000);
      LOG.warn("OpenSearch: {}; sending {} passages again in {} s", problem, pending.size(), wait / 1000.0);
      Thread.sleep(wait);
    }
  }

  private static BulkOperation operation(Passage p) {
    OpenSearchLayout.Doc doc = new OpenSearchLayout.Doc(p.id(), p.title(), p.text(), p.docId());
    return BulkOperation.of(o -> o.index(i -> i.id(OpenSearchLayout.documentId(p.id())).document(doc)));
  }
}
