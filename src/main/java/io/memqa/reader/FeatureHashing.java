package io.memqa.reader;

import java.nio.charset.StandardCharsets;

/**
 * Maps words and word pairs to a fixed number of embedding rows. Hashing keeps the vocabulary
 * bounded and gives unseen words a row too. The hash (64-bit FNV-1a, then a mixer) is spelled out
 * here rather than taken from String.hashCode so saved models stay valid across JVMs. Row 0 is
 * reserved for padding.
 */
public final class FeatureHashing {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private FeatureHashing() {}

  public static long hash(String s, long seed) {
    long h = FNV_OFFSET ^ seed;
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= FNV_PRIME;
    }
    return mix(h);
  }

  /** The row for a word, in 1..buckets-1. */
  public static int bucket(String word, int buckets) {
    return 1 + (int) Math.floorMod(hash(word, 0), (long) (buckets - 1));
  }

  /** The row for an ordered pair of words, in 1..buckets-1. */
  public static int bucket(String first, String second, int buckets) {
    long h = mix(hash(first, 0x51ed27L) * 31 + hash(second, 0x2545f491L));
    return 1 + (int) Math.floorMod(h, (long) (buckets - 1));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
