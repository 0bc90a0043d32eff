package io.memqa.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {
  private static List<Fusion.Scored> ranking(Object... docScore) {
    List<Fusion.Scored> out = new java.util.ArrayList<>();
    for (int i = 0; i < docScore.length; i += 2) {
      out.add(new Fusion.Scored((Integer) docScore[i], ((Number) docScore[i + 1]).floatValue()));
    }
    return out;
  }

  private static List<Integer> docs(List<Fusion.Fused> fused) {
    return fused.stream().map(Fusion.Fused::doc).toList();
  }

  @Test
  void reciprocalRankFusionAddsOneOverKPlusRank() {
    Fusion rrf = new Fusion(Fusion.Method.RRF, 0.5f, 60, 10);
    List<Fusion.Fused> f = rrf.fuse(ranking(1, 9.0, 2, 8.0, 3, 7.0), ranking(3, 0.9, 4, 0.8, 1, 0.7), 10);
    // doc 1: bm25 #1, dense #3; doc 3: bm25 #3, dense #1 -> equal RRF; the better BM25 rank wins the tie.
    assertThat(docs(f)).containsExactly(1, 3, 2, 4);
    assertThat(f.get(0).score()).isCloseTo((float) (0.5 / 61 + 0.5 / 63), within(1e-7f));
    assertThat(f.get(2).score()).isCloseTo((float) (0.5 / 62), within(1e-7f));
    assertThat(f.get(0).signals()).isEqualTo(new RankSignals(1, 9.0f, 3, 0.7f));
    assertThat(f.get(3).signals()).isEqualTo(new RankSignals(0, 0f, 2, 0.8f));
  }

  @Test
  void theWeightTiltsTheFusionTowardsOneRanking() {
    List<Fusion.Scored> bm25 = ranking(1, 9.0, 2, 8.0);
    List<Fusion.Scored> dense = ranking(2, 0.9, 1, 0.8);
    assertThat(docs(new Fusion(Fusion.Method.RRF, 0.9f, 60, 10).fuse(bm25, dense, 2))).containsExactly(1, 2);
    assertThat(docs(new Fusion(Fusion.Method.RRF, 0.1f, 60, 10).fuse(bm25, dense, 2))).containsExactly(2, 1);
    assertThat(docs(new Fusion(Fusion.Method.LINEAR, 1f, 60, 10).fuse(bm25, dense, 2))).containsExactly(1, 2);
    assertThat(docs(new Fusion(Fusion.Method.LINEAR, 0f, 60, 10).fuse(bm25, dense, 2))).containsExactly(2, 1);
  }

  @Test
  void linearFusionNormalisesEachRankingToZeroOne() {
    Fusion linear = new Fusion(Fusion.Method.LINEAR, 0.25f, 60, 10);
    // bm25 scores 10, 6, 2 -> 1, 0.5, 0; dense 0.8, 0.4 -> 1, 0; a missing passage counts 0.
    List<Fusion.Fused> f = linear.fuse(ranking(1, 10.0, 2, 6.0, 3, 2.0), ranking(2, 0.8, 4, 0.4), 10);
    assertThat(docs(f)).containsExactly(2, 1, 3, 4);
    assertThat(f.get(0).score()).isCloseTo(0.25f * 0.5f + 0.75f * 1f, within(1e-6f));
    assertThat(f.get(1).score()).isCloseTo(0.25f, within(1e-6f));
    assertThat(f.get(2).score()).isZero();
    assertThat(f.get(3).score()).isZero();
    // One candidate, or equal scores, normalise to 1.
    assertThat(linear.fuse(ranking(7, 3.0), List.of(), 5).get(0).score()).isCloseTo(0.25f, within(1e-6f));
  }

  @Test
  void eachRankingContributesItsTopDepthAndTheResultIsCutAtK() {
    Fusion shallow = new Fusion(Fusion.Method.RRF, 0.5f, 60, 2);
    List<Fusion.Scored> bm25 = ranking(1, 5.0, 2, 4.0, 3, 3.0, 4, 2.0);
    List<Fusion.Scored> dense = ranking(4, 0.9, 5, 0.8, 6, 0.7);
    // Depth 2: doc 4 is only dense #1 here (its BM25 #4 is beyond the depth).
    List<Fusion.Fused> f = shallow.fuse(bm25, dense, 2);
    assertThat(f).hasSize(2);
    assertThat(f.stream().filter(x -> x.doc() == 4).findFirst().orElseThrow().signals().bm25Rank()).isZero();
    // Asking for more than the depth takes k from each ranking.
    assertThat(shallow.candidates(4)).isEqualTo(4);
    assertThat(docs(shallow.fuse(bm25, dense, 4)).get(0)).isEqualTo(4);
    assertThat(shallow.fuse(List.of(), List.of(), 3)).isEmpty();
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new Fusion(Fusion.Method.RRF, 1.5f, 60, 10)).hasMessageContaining("BM25 weight");
    assertThatThrownBy(() -> new Fusion(Fusion.Method.RRF, 0.5f, -1, 10)).hasMessageContaining("RRF k");
    assertThatThrownBy(() -> new Fusion(Fusion.Method.RRF, 0.5f, 60, 0)).hasMessageContaining("depth");
    assertThatThrownBy(() -> Fusion.Method.parse("max")).hasMessageContaining("unknown fusion method 'max' (known: rrf, linear)");
  }
}
