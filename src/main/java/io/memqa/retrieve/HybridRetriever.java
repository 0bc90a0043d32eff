package io.memqa.retrieve;

import io.memqa.corpus.Passage;
import io.memqa.encoder.EncoderException;
import io.memqa.encoder.EncoderIdentity;
import io.memqa.encoder.KnownEncoder;
import io.memqa.encoder.PretrainedEncoder;
import io.memqa.index.Fields;
import io.memqa.index.IndexStats;
import io.memqa.util.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.util.BitSet;

/**
 * BM25, dense and hybrid retrieval over one Lucene index that holds passage vectors (one per
 * passage, or one per window of a passage, see {@link io.memqa.index.PassageVectors}). The
 * question is encoded once by the encoder the index was built with (checked against the identity
 * the index recorded), searched by kNN over the passage vectors, and for hybrid fused with the
 * BM25 ranking by {@link Fusion}. Thread-safe.
 */
public final class HybridRetriever implements Retriever {
  /**
   * How many times deeper than it keeps the graph search over windows looks: its top passages then
   * come near the exact ones (held-out dense recall@5 86.3 at 1x, 87.3 at 2x, 87.5 at 3x of 100
   * passages, exact 88.2; see README, "Hybrid retrieval").
   */
  static final int WINDOWED_SEARCH_DEPTH = 3;

  private final Bm25Retriever bm25;
  private final PretrainedEncoder encoder;
  private final boolean ownsEncoder;
  private final Fusion fusion;
  private final RetrieverSource.Kind defaultKind;
  /** The passage documents of an index with windows (the windows' parents); null without windows. */
  private final BitSetProducer passages;
  /** {@link #passages} of each leaf, by leaf ordinal, built once at open (the index does not change). */
  private final BitSet[] passagesByLeaf;

  private HybridRetriever(
      Bm25Retriever bm25, PretrainedEncoder encoder, boolean ownsEncoder, Fusion fusion, RetrieverSource.Kind defaultKind)
      throws IOException {
    this.bm25 = bm25;
    this.encoder = encoder;
    this.ownsEncoder = ownsEncoder;
    this.fusion = fusion;
    this.defaultKind = defaultKind;
    this.passages = bm25.stats().vectors().windowed() ? new QueryBitSetProducer(new FieldExistsQuery(Fields.PASSAGE)) : null;
    List<LeafReaderContext> leaves = bm25.reader().leaves();
    this.passagesByLeaf = new BitSet[passages == null ? 0 : leaves.size()];
    for (int i = 0; i < passagesByLeaf.length; i++) {
      passagesByLeaf[i] = passages.getBitSet(leaves.get(i));
      if (passagesByLeaf[i] == null) {
        throw new IOException("index is damaged: its stats promise passage windows but a segment has no passage"
            + " documents; rebuild it with ./memqa index");
      }
    }
  }

  /**
   * Opens a dense index.
   *
   * @param encoder the encoder to embed questions with, or null to load the one the index names;
   *     either way it must be the encoder the index was built with. One given is not closed here.
   * @throws EncoderException when the encoder is not the index's, or cannot be loaded
   * @throws BadInputException when the index holds no passage vectors
   */
  public static HybridRetriever open(
      Path index, Bm25Retriever.Options options, Fusion fusion, RetrieverSource.Kind defaultKind,
      PretrainedEncoder encoder) throws IOException {
    Bm25Retriever bm25 = Bm25Retriever.open(index, options);
    PretrainedEncoder e = encoder;
    try {
      IndexStats stats = bm25.stats();
      if (!stats.dense()) {
        throw new BadInputException(noVectors(index, defaultKind));
      }
      EncoderIdentity recorded = stats.vectors().encoder();
      if (e == null) {
        e = PretrainedEncoder.open(known(index, recorded), 1);
      }
      try {
        e.verify(recorded);
      } catch (EncoderException mismatch) {
        throw new EncoderException("index " + index + " was " + mismatch.getMessage());
      }
      checkVectorField(index, bm25, e.dimension());
      return new HybridRetriever(bm25, e, encoder == null, fusion, defaultKind);
    } catch (IOException | RuntimeException ex) {
      if (encoder == null && e != null) {
        e.close();
      }
      bm25.close();
      throw ex;
    }
  }

  /** The message for dense or hybrid asked of an index without passage vectors. */
  static String noVectors(Path index, RetrieverSource.Kind kind) {
    return "index " + index + " has no passage vectors, so retriever " + kind.id()
        + " cannot be used; rebuild it with ./memqa index --dense, or use --retriever bm25";
  }

  private static KnownEncoder known(Path index, EncoderIdentity recorded) throws EncoderException {
    try {
      return KnownEncoder.parse(recorded.encoder());
    } catch (IllegalArgumentException e) {
      throw new EncoderException("index " + index + " was built with encoder '" + recorded.encoder()
          + "', which this memqa does not have (it has " + KnownEncoder.names() + "); rebuild the index");
    }
  }

  private static void checkVectorField(Path index, Bm25Retriever bm25, int dimension) throws IOException {
    FieldInfo f = FieldInfos.getMergedFieldInfos(bm25.reader()).fieldInfo(Fields.VECTOR);
    if (bm25.reader().numDocs() > 0 && (f == null || f.getVectorDimension() != dimension)) {
      throw new IOException("index " + index + " is damaged: its stats promise " + dimension
          + "-dimensional passage vectors but field '" + Fields.VECTOR + "' has "
          + (f == null ? "none" : f.getVectorDimension() + " dimensions") + "; rebuild it with ./memqa index");
    }
  }

  public IndexStats stats() {
    return bm25.stats();
  }

  public Fusion fusion() {
    return fusion;
  }

  public PretrainedEncoder encoder() {
    return encoder;
  }

  @Override
  public RetrieverSource.Kind defaultKind() {
    return defaultKind;
  }

  @Override
  public Set<RetrieverSource.Kind> kinds() {
    return EnumSet.of(RetrieverSource.Kind.BM25, RetrieverSource.Kind.DENSE, RetrieverSource.Kind.HYBRID);
  }

  @Override
  public String refusal(RetrieverSource.Kind kind) {
    return Bm25Retriever.luceneRefusal(kind);
  }

  @Override
  public List<Hit> search(String question, int k) {
    return search(question, k, defaultKind);
  }

  @Override
  public List<Hit> search(String question, int k, RetrieverSource.Kind kind) {
    Retriever.checkArguments(question, k);
    RetrieverSource.Kind use = kind == null ? defaultKind : kind;
    if (!kinds().contains(use)) {
      throw new BadInputException(refusal(use));
    }
    if (use == RetrieverSource.Kind.BM25) {
      return bm25.search(question, k);
    }
    try {
      Query query = bm25.query(question); // analysed once, for both the check and the BM25 ranking
      if (query == null) {
        return List.of(); // no searchable words: the same answer in every mode
      }
      // Dense alone searches as deep as the fusion too: the graph search's top k is less exact at small k.
      int n = fusion.candidates(k);
      Rankings r = rankings(question, use == RetrieverSource.Kind.HYBRID ? query : null, n);
      List<Fusion.Fused> top = new ArrayList<>();
      if (use == RetrieverSource.Kind.DENSE) {
        for (int i = 0; i < Math.min(k, r.dense().size()); i++) {
          Fusion.Scored s = r.dense().get(i);
          top.add(new Fusion.Fused(s.doc(), s.score(), RankSignals.dense(i + 1, s.score())));
        }
      } else {
        top = fusion.fuse(r.bm25(), r.dense(), k);
      }
      StoredFields fields = bm25.searcher().storedFields();
      List<Hit> hits = new ArrayList<>(top.size());
      for (Fusion.Fused f : top) {
        hits.add(new Hit(bm25.stored(fields, f.doc()), f.score(), hits.size() + 1, f.signals()));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  /** The BM25 ranking (empty unless asked) and the dense ranking of a question, top {@code n} each. */
  public record Rankings(List<Fusion.Scored> bm25, List<Fusion.Scored> dense) {}

  /**
   * Both rankings of a question, for fitting the fusion: BM25 scores as Lucene gives them, dense
   * scores as cosine similarities.
   */
  public Rankings rankings(String question, int n) {
    Retriever.checkArguments(question, n);
    try {
      return rankings(question, bm25.query(question), n);
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  /** The dense ranking of {@code question} and, unless {@code query} is null, the BM25 ranking of {@code query}. */
  private Rankings rankings(String question, Query query, int n) throws IOException {
    List<Fusion.Scored> lexical = new ArrayList<>(query == null ? 0 : n);
    if (query != null) {
      for (ScoreDoc sd : bm25.topDocs(query, n)) {
        lexical.add(new Fusion.Scored(sd.doc, sd.score));
      }
    }
    float[] q = encoder.embed(question);
    // With windows, the graph search keeps each passage's best window only, up to n passages.
    int depth = passages == null ? n : n * WINDOWED_SEARCH_DEPTH;
    Query knn = passages == null
        ? new KnnFloatVectorQuery(Fields.VECTOR, q, depth)
        : new DiversifyingChildrenFloatKnnVectorQuery(Fields.VECTOR, q, null, depth, passages);
    List<Fusion.Scored> dense = new ArrayList<>(n);
    for (ScoreDoc sd : bm25.searcher().search(knn, n).scoreDocs) {
      // Lucene scores unit vectors' dot product d as (1 + d) / 2; report the cosine itself (as the
      // graph search computed it: from int8 vectors, within about 0.01 of the float32 cosine).
      dense.add(new Fusion.Scored(passageOf(sd.doc), 2 * sd.score - 1));
    }
    return new Rankings(lexical, dense);
  }

  /** The passage document of a vector's document: itself, or with windows the next passage after it. */
  private int passageOf(int doc) {
    if (passages == null) {
      return doc;
    }
    List<LeafReaderContext> leaves = bm25.reader().leaves();
    int leaf = ReaderUtil.subIndex(doc, leaves);
    int base = leaves.get(leaf).docBase;
    return base + passagesByLeaf[leaf].nextSetBit(doc - base);
  }

  /** The stored passage of a Lucene document number from {@link #rankings}. */
  public Passage passageAt(int doc) {
    try {
      return bm25.stored(bm25.searcher().storedFields(), doc);
    } catch (IOException e) {
      throw new UncheckedIOException("passage lookup failed", e);
    }
  }

  @Override
  public Optional<Passage> passage(String id) {
    return bm25.passage(id);
  }

  @Override
  public List<Passage> allPassages() {
    return bm25.allPassages();
  }

  @Override
  public long size() {
    return bm25.size();
  }

  @Override
  public void close() throws IOException {
    try {
      bm25.close();
    } finally {
      if (ownsEncoder) {
        encoder.close();
      }
    }
  }
}
