package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureHashingTest {
  @Test
  void bucketsAreStableAcrossRunsAndNeverPadding() {
    // Saved models depend on these exact values: changing the hash breaks every trained model.
    assertThat(FeatureHashing.bucket("denver", 1 << 17)).isEqualTo(68653);
    assertThat(FeatureHashing.bucket("denver", "broncos", 1 << 17)).isEqualTo(115445);
    assertThat(FeatureHashing.bucket("é", 1024)).isEqualTo(900);
    int a = FeatureHashing.bucket("denver", 1 << 17);
    assertThat(a).isEqualTo(FeatureHashing.bucket("denver", 1 << 17)).isBetween(1, (1 << 17) - 1);
    assertThat(FeatureHashing.bucket("denver", "broncos", 1 << 17))
        .isNotEqualTo(FeatureHashing.bucket("broncos", "denver", 1 << 17));
  }

  @Test
  void spreadsWordsOverTheTable() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      int b = FeatureHashing.bucket("word" + i, 1 << 16);
      assertThat(b).isBetween(1, (1 << 16) - 1);
      seen.add(b);
    }
    assertThat(seen.size()).isGreaterThan(1950);
  }
}
