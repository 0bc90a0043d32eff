package io.memqa.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeightedCacheTest {
  @Test
  void dropsTheLeastRecentlyUsedUntilTheWeightFits() {
    WeightedCache<String, String> cache = new WeightedCache<>(10, String::length);
    cache.put("a", "aaaa");
    cache.put("b", "bbbb");
    assertThat(cache.get("a")).isEqualTo("aaaa"); // now b is the least recently used
    assertThat(cache.contains("b")).isTrue(); // a look that is not a use
    cache.put("c", "cccc");
    assertThat(cache.contains("b")).isFalse();
    assertThat(cache.get("a")).isEqualTo("aaaa");
    assertThat(cache.get("c")).isEqualTo("cccc");
    assertThat(cache.held()).isEqualTo(8);
  }

  @Test
  void replacingAValueCountsOnlyTheNewWeightAndTooHeavyAValueIsNotKept() {
    WeightedCache<String, String> cache = new WeightedCache<>(10, String::length);
    cache.put("a", "aaaa");
    cache.put("a", "aaaaaa");
    assertThat(cache.held()).isEqualTo(6);
    cache.put("big", "x".repeat(11));
    assertThat(cache.contains("big")).isFalse();
    assertThat(cache.held()).isZero();
  }
}
