package io.memqa.reader;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A map bounded by the summed weight of its values (floats, bytes: whatever the weigher counts),
 * least recently used out first; a value heavier than the whole capacity is not kept. Thread-safe.
 */
final class WeightedCache<K, V> {
  private final long capacity;
  private final ToLongFunction<V> weigher;
  private final Map<K, V> values = new LinkedHashMap<>(256, 0.75f, true);
  private long held;

  WeightedCache(long capacity, ToLongFunction<V> weigher) {
    this.capacity = capacity;
    this.weigher = weigher;
  }

  /** The value of {@code key}, now the most recently used; null when not held. */
  synchronized V get(K key) {
    return values.get(key);
  }

  /** Whether {@code key} is held, without counting as a use. */
  synchronized boolean contains(K key) {
    return values.containsKey(key);
  }

  /** Keeps {@code value}, then drops the least recently used values until the weight fits. */
  synchronized void put(K key, V value) {
    V old = values.put(key, value);
    held += weigher.applyAsLong(value) - (old == null ? 0 : weigher.applyAsLong(old));
    Iterator<V> it = values.values().iterator();
    while (held > capacity && it.hasNext()) {
      held -= weigher.applyAsLong(it.next());
      it.remove();
    }
  }

  /** The summed weight of the values held. */
  synchronized long held() {
    return held;
  }
}
