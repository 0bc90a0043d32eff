package io.memqa.retrieve;

import io.memqa.util.EnumIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fuses a BM25 ranking and a dense ranking of the same question into one.
 *
 * <ul>
 *   <li>{@code rrf}: weighted reciprocal rank fusion, {@code w/(k + bm25Rank) + (1-w)/(k + denseRank)},
 *       a ranking contributing nothing where it does not hold the passage (Cormack et al. 2009;
 *       w = 0.5 is plain RRF).
 *   <li>{@code linear}: {@code w * bm25' + (1-w) * dense'}, each score min-max normalised over its
 *       ranking's candidates, a passage missing from a ranking taking that ranking's minimum (0).
 * </ul>
 *
 * Each ranking contributes its top {@code depth} passages (at least k); the fused list is cut at k.
 * Ties go to the better BM25 rank, then the better dense rank, so results are deterministic.
 *
 * @param method rrf or linear
 * @param bm25Weight w, the BM25 side's weight in [0, 1]
 * @param rrfK the k of RRF (ignored by linear)
 * @param depth candidates taken from each ranking
 */
public record Fusion(Method method, float bm25Weight, int rrfK, int depth) {
  /** How rankings are combined. */
  public enum Method {
    RRF,
    LINEAR;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Method parse(String id) {
      return EnumIds.parse(Method.class, Method::id, id, "fusion method");
    }
  }

  /** The largest candidate depth per ranking. */
  public static final int MAX_DEPTH = 1000;

  public Fusion {
    if (method == null) {
      throw new IllegalArgumentException("fusion method is missing");
    }
    if (!(bm25Weight >= 0 && bm25Weight <= 1)) {
      throw new IllegalArgumentException("BM25 weight must be in 0..1, got " + bm25Weight);
    }
    if (rrfK < 0 || rrfK > 10_000) {
      throw new IllegalArgumentException("RRF k must be in 0..10000, got " + rrfK);
    }
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("fusion depth must be in 1.." + MAX_DEPTH + ", got " + depth);
    }
  }

  /**
   * Fitted on held-out SQuAD training questions (see README, "Hybrid retrieval"): the best answer
   * recall@5 + @20 of a grid over RRF k, weights and depths; with passage windows depth 50 ties
   * depth 100 and halves the searching.
   */
  public static Fusion defaults() {
    return new Fusion(Method.LINEAR, 0.5f, 60, 50);
  }

  /** Candidates each ranking contributes when k passages are asked for. */
  public int candidates(int k) {
    return Math.max(k, depth);
  }

  /** One passage of a ranking: a Lucene document number and its score, best first. */
  public record Scored(int doc, float score) {}

  /** A fused passage: its fused score and where it stood in each ranking. */
  public record Fused(int doc, float score, RankSignals signals) {}

  /** The top {@code k} of the two rankings fused (each ranking best first, no duplicates). */
  public List<Fused> fuse(List<Scored> bm25, List<Scored> dense, int k) {
    int n = candidates(k);
    List<Scored> b = bm25.subList(0, Math.min(n, bm25.size()));
    List<Scored> d = dense.subList(0, Math.min(n, dense.size()));
    Map<Integer, int[]> ranks = new HashMap<>();
    for (int i = 0; i < b.size(); i++) {
      ranks.computeIfAbsent(b.get(i).doc(), x -> new int[2])[0] = i + 1;
    }
    for (int i = 0; i < d.size(); i++) {
      ranks.computeIfAbsent(d.get(i).doc(), x -> new int[2])[1] = i + 1;
    }
    float[] bRange = range(b);
    float[] dRange = range(d);
    List<Fused> out = new ArrayList<>(ranks.size());
    for (Map.Entry<Integer, int[]> e : ranks.entrySet()) {
      int br = e.getValue()[0];
      int dr = e.getValue()[1];
      float bs = br > 0 ? b.get(br - 1).score() : 0f;
      float ds = dr > 0 ? d.get(dr - 1).score() : 0f;
      float score = switch (method) {
        case RRF -> (float) (bm25Weight * reciprocal(br) + (1 - bm25Weight) * reciprocal(dr));
        case LINEAR -> bm25Weight * normalised(br, bs, bRange) + (1 - bm25Weight) * normalised(dr, ds, dRange);
      };
      out.add(new Fused(e.getKey(), score, new RankSignals(br, bs, dr, ds)));
    }
    out.sort((x, y) -> {
      int c = Float.compare(y.score(), x.score());
      if (c != 0) {
        return c;
      }
      c = Integer.compare(orLast(x.signals().bm25Rank()), orLast(y.signals().bm25Rank()));
      if (c != 0) {
        return c;
      }
      c = Integer.compare(orLast(x.signals().denseRank()), orLast(y.signals().denseRank()));
      return c != 0 ? c : Integer.compare(x.doc(), y.doc());
    });
    return out.size() > k ? out.subList(0, k) : out;
  }

  private double reciprocal(int rank) {
    return rank > 0 ? 1.0 / (rrfK + rank) : 0.0;
  }

  /** Min and max score of a ranking, {0, 0} when empty. */
  private static float[] range(List<Scored> ranking) {
    if (ranking.isEmpty()) {
      return new float[] {0f, 0f};
    }
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (Scored s : ranking) {
      min = Math.min(min, s.score());
      max = Math.max(max, s.score());
    }
    return new float[] {min, max};
  }

  /** A score scaled to [0, 1] over its ranking; 0 when absent; 1 when all scores are equal. */
  private static float normalised(int rank, float score, float[] range) {
    if (rank == 0) {
      return 0f;
    }
    float span = range[1] - range[0];
    return span > 0 ? (score - range[0]) / span : 1f;
  }

  private static int orLast(int rank) {
    return rank == 0 ? Integer.MAX_VALUE : rank;
  }

  @Override
  public String toString() {
    return method == Method.RRF
        ? String.format(Locale.ROOT, "rrf(k=%d, bm25 weight %.2f, depth %d)", rrfK, bm25Weight, depth)
        : String.format(Locale.ROOT, "linear(bm25 weight %.2f, depth %d)", bm25Weight, depth);
  }
}
