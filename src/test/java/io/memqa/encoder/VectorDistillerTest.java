package io.memqa.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.memqa.testing.TestEncoders;
import io.memqa.util.Checksums;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distilling a tiny table: the first 3,000 word pieces and a few words. */
class VectorDistillerTest {
  private static final Map<String, Integer> COUNTS = Map.of(
      "king", 5, "queen", 4, "carrot", 3, "automobile", 2, "car", 9, "normandy", 3, "rarely-seen", 1);
  private static final VectorDistiller.Options OPTIONS = new VectorDistiller.Options(16, 2, 2);
  private static final int PIECES = 3000;

  @TempDir Path dir;

  @Test
  void theSameInputsGiveTheSameTableByteForByte() throws Exception {
    PretrainedEncoder encoder = TestEncoders.small();
    WordVectors a = VectorDistiller.distil(encoder, COUNTS, OPTIONS, PIECES);
    WordVectors b = VectorDistiller.distil(encoder, COUNTS, OPTIONS, PIECES);
    WordVectorsFile.save(a, dir.resolve("a.bin"));
    WordVectorsFile.save(b, dir.resolve("b.bin"));
    assertThat(Checksums.sha256(dir.resolve("a.bin"))).isEqualTo(Checksums.sha256(dir.resolve("b.bin")));
    assertThat(a.source()).isEqualTo(encoder.identity());
  }

  @Test
  void rowsAreUnitLengthAndMeaningful() throws Exception {
    WordVectors v = VectorDistiller.distil(TestEncoders.small(), COUNTS, OPTIONS, PIECES);
    assertThat(v.dimension()).isEqualTo(16);
    for (String w : new String[] {"king", "queen", "carrot", "automobile", "car", "normandy"}) {
      float[] row = v.vector(w);
      assertThat(row).hasSize(16);
      assertThat(WordVectors.dot(row, row)).as(w).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
    }
    // Seen once: no row of its own, but still a vector (from its pieces).
    assertThat(v.words()).doesNotContainKey("rarely-seen");
    assertThat(WordVectors.dot(v.vector("rarely-seen"), v.vector("rarely-seen"))).isCloseTo(1f,
        org.assertj.core.data.Offset.offset(1e-4f));
    assertThat(WordVectors.dot(v.vector("car"), v.vector("automobile")))
        .isGreaterThan(WordVectors.dot(v.vector("car"), v.vector("queen")));
    assertThat(WordVectors.dot(v.vector("king"), v.vector("queen")))
        .isGreaterThan(WordVectors.dot(v.vector("king"), v.vector("carrot")));
  }

  @Test
  void unknownWordsAreCutIntoPiecesAsTheEncoderCutsThem() {
    PretrainedEncoder encoder = TestEncoders.small();
    String[] pieces = new String[encoder.vocabularySize()];
    float[][] rows = new float[pieces.length][];
    for (int i = 0; i < pieces.length; i++) {
      pieces[i] = encoder.token(i);
      rows[i] = new float[] {1f};
    }
    WordVectors v = new WordVectors(encoder.identity(), 1, pieces, rows, Map.of());
    for (String w : new String[] {"normandy", "antidisestablishmentarianism", "café", "co-founder", "u.s.", "1990s",
        "beyoncé", "naïve", "x"}) {
      int[] ids = encoder.wordPieceIds(w, false);
      assertThat(v.pieceIds(w)).as(w).containsExactly(java.util.Arrays.stream(ids).boxed().toArray(Integer[]::new));
    }
  }
}
