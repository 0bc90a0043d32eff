package io.memqa.retrieve;

import io.memqa.corpus.Passage;
import io.memqa.index.Analyzers;
import io.memqa.index.Fields;
import io.memqa.index.IndexStats;
import io.memqa.index.OpenSearchClients;
import io.memqa.index.OpenSearchLayout;
import io.memqa.index.OpenSearchRefusedException;
import io.memqa.index.OpenSearchTarget;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SearchType;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

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
        throw new IllegalArgumentException(target + " scores with BM25 k1=" + meta.k1() + " b=" + meta.b()
            + ", set when it was loaded; asked for k1=" + options.k1() + " b=" + options.b());
      }
      long held = client.count(c -> c.index(target.index())).count();
      if (held != meta.stats().documents()) {
        throw new OpenSearchRefusedException(target + " holds " + held + " passages but " + meta.stats().documents()
            + " were loaded; it was changed outside memqa: load it again with ./memqa index --to opensearch");
      }
      return new OpenSearchRetriever(target, client, meta, options.titleWeight());
    } catch (OpenSearchException | IOException e) {
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

  public OpenSearchTarget target() {
    return target;
  }

  @Override
  public List<io.memqa.retrieve.Hit> search(String question, int k) {
    Retriever.checkArguments(question, k);
    Map<String, Integer> terms = QueryTerms.of(analyzer, question);
    if (terms.isEmpty()) {
      return List.of();
    }
    List<Query> clauses = new ArrayList<>(terms.size() * 2);
    for (Map.Entry<String, Integer> t : terms.entrySet()) {
      float weight = t.getValue();
      clauses.add(term(Fields.CONTENTS, t.getKey(), weight));
      if (titleWeight > 0) {
        clauses.add(term(Fields.TITLE, t.getKey(), weight * titleWeight));
      }
    }
    SearchResponse<OpenSearchLayout.Doc> reply = call(() -> client.search(s -> s
        .index(target.index())
        .size(k)
        .searchType(SearchType.DfsQueryThenFetch)
        .allowPartialSearchResults(false)
        .trackTotalHits(h -> h.enabled(false))
        .query(q -> q.bool(b -> b.should(clauses))), OpenSearchLayout.Doc.class));
    List<io.memqa.retrieve.Hit> hits = new ArrayList<>(reply.hits().hits().size());
    int rank = 1;
    for (Hit<OpenSearchLayout.Doc> h : reply.hits().hits()) {
      hits.add(new io.memqa.retrieve.Hit(toPassage(h.source()), h.score().floatValue(), rank++));
    }
    return hits;
  }

  private static Query term(String field, String value, float boost) {
    return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value)).boost(boost)));
  }

  @Override
  public Optional<Passage> passage(String id) {
    if (id == null || id.isEmpty() || id.length() > 1000) {
      return Optional.empty();
    }
    GetResponse<OpenSearchLayout.Doc> reply = call(() ->
        client.get(g -> g.index(target.index()).id(OpenSearchLayout.documentId(id)), OpenSearchLayout.Doc.class));
    return reply.found() && reply.source() != null && id.equals(reply.source().id())
        ? Optional.of(toPassage(reply.source())) : Optional.empty();
  }

  private static Passage toPassage(OpenSearchLayout.Doc d) {
    return new Passage(d.id(), d.title(), d.text());
  }

  @Override
  public long size() {
    return call(() -> client.count(c -> c.index(target.index()))).count();
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  /** Runs a request; a cluster that cannot answer becomes {@link RetrieverUnavailableException}. */
  private <T> T call(Call<T> request) {
    try {
      return request.run();
    } catch (OpenSearchException | IOException e) {
      String message = "OpenSearch at " + target.url() + " cannot answer for index \"" + target.index() + "\": "
          + OpenSearchClients.reason(e);
      if (OpenSearchClients.isUnavailable(e) || e instanceof OpenSearchException o && o.status() == 404) {
        throw new RetrieverUnavailableException(message, e);
      }
      throw new IllegalStateException(message, e);
    }
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
