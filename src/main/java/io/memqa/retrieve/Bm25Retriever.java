package io.memqa.retrieve;

import io.memqa.corpus.Passage;
import io.memqa.index.Analyzers;
import io.memqa.index.Fields;
import io.memqa.index.IndexStats;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.MMapDirectory;

/**
 * BM25 over a memqa index. The question is run through the index's own analyzer and turned into a
 * bag of term queries (a term asked twice weighs twice), over the passage text and, with a
 * smaller weight, the title. No query parser is involved, so Lucene syntax in a question is just
 * text.
 */
public final class Bm25Retriever implements Retriever {
  /** BM25 parameters and the title field's weight relative to the text. */
  public record Options(float k1, float b, float titleWeight) {
    public Options {
      if (!(k1 >= 0 && k1 <= 10)) {
        throw new BadInputException("k1 must be in 0..10, got " + k1);
      }
      if (!(b >= 0 && b <= 1)) {
        throw new BadInputException("b must be in 0..1, got " + b);
      }
      if (!(titleWeight >= 0 && titleWeight <= 10)) {
        throw new BadInputException("title weight must be in 0..10, got " + titleWeight);
      }
    }

    /** Chosen by answer recall on SQuAD dev (see README, "Retrieval"). */
    public static Options defaults() {
      return new Options(0.9f, 0.4f, 0.25f);
    }
  }

  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final Options options;
  private final IndexStats stats;
  private final String field;

  private Bm25Retriever(DirectoryReader reader, IndexStats stats, Options options) throws IOException {
    this.reader = reader;
    this.stats = stats;
    this.options = options;
    this.analyzer = Analyzers.parse(stats.analyzer()).create();
    this.searcher = new IndexSearcher(reader);
    searcher.setSimilarity(new BM25Similarity(options.k1(), options.b()));
    // Indexes built before the combined field existed are searched on the text field.
    this.field = org.apache.lucene.index.FieldInfos.getIndexedFields(reader).contains(Fields.CONTENTS)
        ? Fields.CONTENTS : Fields.TEXT;
  }

  public static Bm25Retriever open(Path indexDir) throws IOException {
    return open(indexDir, Options.defaults());
  }

  public static Bm25Retriever open(Path indexDir, Options options) throws IOException {
    IndexStats stats = IndexStats.read(indexDir);
    DirectoryReader reader = DirectoryReader.open(new MMapDirectory(indexDir));
    return new Bm25Retriever(reader, stats, options);
  }

  public IndexStats stats() {
    return stats;
  }

  public Options options() {
    return options;
  }

  @Override
  public List<Hit> search(String question, int k) {
    Retriever.checkArguments(question, k);
    try {
      StoredFields fields = searcher.storedFields();
      List<Hit> hits = new ArrayList<>(k);
      int rank = 1;
      for (ScoreDoc sd : topDocs(question, k)) {
        hits.add(new Hit(toPassage(fields.document(sd.doc)), sd.score, rank++));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  @Override
  public String refusal(RetrieverSource.Kind kind) {
    return kind.needsVectors()
        ? "retriever " + kind.id() + " needs passage vectors, which this index does not have"
            + " (rebuild it with ./memqa index --dense, or use bm25)"
        : luceneRefusal(kind);
  }

  /** Why a Lucene index does not serve {@code kind} (opensearch): for every retriever over one. */
  static String luceneRefusal(RetrieverSource.Kind kind) {
    return "retriever " + kind.id() + " is not available here: the passages come from a Lucene index"
        + " (start memqa with --retriever opensearch to search OpenSearch)";
  }

  /** The top {@code n} documents for a (checked) question, without loading them. */
  ScoreDoc[] topDocs(String question, int n) throws IOException {
    return topDocs(query(question), n);
  }

  /**
   * The top {@code n} documents for a query from {@link #query} (null: none), without loading them.
   * Nothing here reads the total hit count, so it is counted only as far as the top n: Lucene then
   * skips documents that cannot enter the top n at once instead of after its default 1,000 hits
   * (the same top n, several times faster for common words).
   */
  ScoreDoc[] topDocs(Query query, int n) throws IOException {
    return query == null ? new ScoreDoc[0] : searcher.search(query, new TopScoreDocCollectorManager(n, n)).scoreDocs;
  }

  IndexSearcher searcher() {
    return searcher;
  }

  DirectoryReader reader() {
    return reader;
  }

  /** The stored passage of a document. */
  Passage stored(StoredFields fields, int doc) throws IOException {
    return toPassage(fields.document(doc));
  }

  /** The Lucene query for a question, or null when it has no searchable terms. */
  Query query(String question) {
    Map<String, Integer> terms = QueryTerms.of(analyzer, question);
    if (terms.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Map.Entry<String, Integer> t : terms.entrySet()) {
      float weight = t.getValue();
      b.add(boost(new TermQuery(new Term(field, t.getKey())), weight), BooleanClause.Occur.SHOULD);
      if (options.titleWeight() > 0) {
        b.add(
            boost(new TermQuery(new Term(Fields.TITLE, t.getKey())), weight * options.titleWeight()),
            BooleanClause.Occur.SHOULD);
      }
    }
    return b.build();
  }

  private static Query boost(Query q, float weight) {
    return weight == 1f ? q : new BoostQuery(q, weight);
  }

  @Override
  public Optional<Passage> passage(String id) {
    if (id == null || id.isEmpty() || id.length() > 1000) {
      return Optional.empty();
    }
    try {
      TopDocs top = searcher.search(new TermQuery(new Term(Fields.ID, id)), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.of(toPassage(searcher.storedFields().document(top.scoreDocs[0].doc)));
    } catch (IOException e) {
      throw new UncheckedIOException("passage lookup failed", e);
    }
  }

  @Override
  public List<Passage> allPassages() {
    try {
      List<Passage> out = new java.util.ArrayList<>();
      org.apache.lucene.index.StoredFields fields = reader.storedFields();
      org.apache.lucene.util.Bits live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        Document d = fields.document(doc, java.util.Set.of(Fields.ID, Fields.TITLE, Fields.TEXT, Fields.DOC_ID));
        if (d.get(Fields.ID) != null) { // window documents of a dense index have none
          out.add(toPassage(d));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("index read failed", e);
    }
  }

  private static Passage toPassage(Document d) {
    // Indexes built before documents were cut into passages have no document id: it is the id.
    return new Passage(d.get(Fields.ID), d.get(Fields.TITLE), d.get(Fields.TEXT), d.get(Fields.DOC_ID));
  }

  @Override
  public long size() {
    try {
      return reader.getDocCount(Fields.ID); // passages only: an index with windows also holds their documents
    } catch (IOException e) {
      throw new UncheckedIOException("index read failed", e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
    analyzer.close();
  }
}
