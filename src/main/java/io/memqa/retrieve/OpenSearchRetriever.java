package io.memqa.retrieve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memqa.corpus.Passage;
import io.memqa.index.Analyzers;
import io.memqa.index.Fields;
import io.memqa.index.IndexStats;
import io.memqa.index.OpenSearchClients;
import io.memqa.index.OpenSearchLayout;
import io.memqa.index.OpenSearchRefusedException;
import io.memqa.index.OpenSearchTarget;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * BM25 over a memqa index in OpenSearch, for corpora larger than one machine holds. It asks
 * exactly what {@link Bm25Retriever} asks of the Lucene index: the question is analysed here with
 * the index's analyzer into a bag of terms ({@link QueryTerms}), sent as term queries over title
 * and text and, with the title weight, the title (never as query syntax), scored by the index's
 * BM25 with memqa's k1 and b. Searches use distributed term statistics, so an index of several
 * shards ranks as one Lucene index would, and refuse partial results, so a missing shard is an
 * error rather than a quietly worse answer. When the cluster cannot answer, calls throw
 * {@link RetrieverUnavailableException}; the client reconnects on its own once the cluster is back.
 * Thread-safe.
 */
public final class OpenSearchRetriever implements Retriever {
  /** How long one search or lookup may take before it counts as the cluster being unavailable. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenSearchTarget target;
  private final OpenSearchClient client;
  private final OpenSearchLayout.Meta meta;
  private final Analyzer analyzer;
  private final float titleWeight;

  private OpenSearchRetriever(OpenSearchTarget target, OpenSearchClient client, OpenSearchLayout.Meta meta,
      float titleWeight) {
    this.target = target;
    this.client = client;
    this.meta = meta;
    this.titleWeight = titleWeight;
    this.analyzer = Analyzers.parse(meta.stats().analyzer()).create();
  }

  /**
   * Connects and checks the index: memqa made it, its load finished, it holds as many passages as
   * were loaded, and its BM25 k1 and b are those of {@code options} (they are fixed when an
   * OpenSearch index is created; the title weight is applied per query).
   */
  public static OpenSearchRetriever open(OpenSearchTarget target, Bm25Retriever.Options options) throws IOException {
    OpenSearchClient client = OpenSearchClients.open(target, REQUEST_TIMEOUT);
    try {
      OpenSearchLayout.Meta meta = OpenSearchLayout.verify(client, target);
      if (meta.k1() != options.k1() || meta.b() != options.b()) {
        throw new BadInputException(target + " scores with BM25 k1=" + meta.k1() + " b=" + meta.b()
            + ", set when it was loaded; asked for k1=" + options.k1() + " b=" + options.b());
      }
      long held = OpenSearchClients.count(client, target.index());
      if (held != meta.stats().documents()) {
        throw new OpenSearchRefusedException(target + " holds " + held + " passages but " + meta.stats().documents()
            + " were loaded; it was changed outside memqa: load it again with ./memqa index --to opensearch");
      }
      return new OpenSearchRetriever(target, client, meta, options.titleWeight());
    } catch (IOException e) {
      OpenSearchClients.close(client);
      throw OpenSearchClients.describe(target, e);
    } catch (RuntimeException e) {
      OpenSearchClients.close(client);
      throw e;
    }
  }

  /** What was loaded into the index, as recorded there. */
  public IndexStats stats() {
    return meta.stats();
  }

  @Override
  public List<Hit> search(String question, int k) {
    Retriever.checkArguments(question, k);
    Map<String, Integer> terms = QueryTerms.of(analyzer, question);
    if (terms.isEmpty()) {
      return List.of();
    }
    ArrayNode should = JSON.createArrayNode();
    for (Map.Entry<String, Integer> t : terms.entrySet()) {
      float weight = t.getValue();
      should.add(term(Fields.CONTENTS, t.getKey(), weight));
      if (titleWeight > 0) {
        should.add(term(Fields.TITLE, t.getKey(), weight * titleWeight));
      }
    }
    ObjectNode body = JSON.createObjectNode().put("size", k).put("track_total_hits", false);
    body.putObject("query").putObject("bool").set("should", should);
    return hits(search(body));
  }

  @Override
  public RetrieverSource.Kind defaultKind() {
    return RetrieverSource.Kind.OPENSEARCH;
  }

  @Override
  public String refusal(RetrieverSource.Kind kind) {
    return "retriever " + kind.id() + " is not available here: the passages come from OpenSearch, which memqa searches by BM25 only"
        + (kind.needsVectors() ? " (its indexes hold no passage vectors; dense and hybrid search a Lucene index built with ./memqa index --dense)"
            : " (retriever opensearch)");
  }

  private static ObjectNode term(String field, String value, float boost) {
    ObjectNode q = JSON.createObjectNode();
    q.putObject("term").putObject(field).put("value", value).put("boost", boost);
    return q;
  }

  @Override
  public Optional<Passage> passage(String id) {
    if (id == null || id.isEmpty() || id.length() > 1000) {
      return Optional.empty();
    }
    // An ids query rather than GET /index/_doc/ID: the id never becomes part of a URL.
    ObjectNode body = JSON.createObjectNode().put("size", 1);
    body.putObject("query").putObject("ids").putArray("values").add(OpenSearchLayout.documentId(id));
    return hits(search(body)).stream().map(Hit::passage).filter(p -> p.id().equals(id)).findFirst();
  }

  /**
   * One search: distributed term statistics (DFS), so that shards score as one index, and no
   * partial results, so that a missing shard is an error.
   */
  private JsonNode search(ObjectNode body) {
    return call("/" + target.index() + "/_search?search_type=dfs_query_then_fetch&allow_partial_search_results=false",
        body.toString());
  }

  private static List<Hit> hits(JsonNode reply) {
    List<Hit> hits = new ArrayList<>();
    for (JsonNode h : reply.path("hits").path("hits")) {
      JsonNode src = h.path("_source");
      // Indexes loaded before documents were cut into passages have no document id: it is the id.
      Passage p = new Passage(src.path(Fields.ID).asText(), src.path(Fields.TITLE).asText(), src.path(Fields.TEXT).asText(),
          src.path(Fields.DOC_ID).asText(null));
      hits.add(new Hit(p, (float) h.path("_score").asDouble(), hits.size() + 1));
    }
    return hits;
  }

  @Override
  public long size() {
    try {
      return OpenSearchClients.count(client, target.index());
    } catch (IOException e) {
      throw unavailable(OpenSearchClients.reason(e), e);
    }
  }

  /** A request whose reply the retriever needs; when the cluster cannot give it, {@link RetrieverUnavailableException}. */
  private JsonNode call(String endpoint, String json) {
    try {
      return OpenSearchClients.call(client, json == null ? "GET" : "POST", endpoint, json)
          .orElseThrow(() -> unavailable("the index is gone (404)", null));
    } catch (IOException e) {
      throw unavailable(OpenSearchClients.reason(e), e);
    }
  }

  private RetrieverUnavailableException unavailable(String why, Exception cause) {
    return new RetrieverUnavailableException("OpenSearch at " + target.url() + " cannot answer for index \""
        + target.index() + "\": " + why, cause);
  }

  @Override
  public void close() throws IOException {
    try {
      OpenSearchClients.close(client);
    } finally {
      analyzer.close();
    }
  }
}
