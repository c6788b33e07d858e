package dev.warroom.experts.logs;

import java.util.Arrays;

/**
 * Open-addressing map from a 64-bit line shape hash to a value, without boxing: the exact-shape
 * cache of {@link TemplateMiner}. Keys must not be 0 (0 marks an empty slot; a 0 hash is remapped).
 */
final class ShapeTable<V> {
  private long[] keys = new long[1024];
  private Object[] values = new Object[1024];
  private int size;

  @SuppressWarnings("unchecked")
  V get(long key) {
    long k = key == 0 ? 1 : key;
    int mask = keys.length - 1;
    for (int i = (int) k & mask; ; i = (i + 1) & mask) {
      long slot = keys[i];
      if (slot == k) {
        return (V) values[i];
      }
      if (slot == 0) {
        return null;
      }
    }
  }

  void put(long key, V value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    long k = key == 0 ? 1 : key;
    int mask = keys.length - 1;
    int i = (int) k & mask;
    while (keys[i] != 0 && keys[i] != k) {
      i = (i + 1) & mask;
    }
    if (keys[i] == 0) {
      size++;
    }
    keys[i] = k;
    values[i] = value;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        @SuppressWarnings("unchecked")
        V v = (V) oldValues[i];
        put(oldKeys[i], v);
      }
    }
    Arrays.fill(oldValues, null);
  }
}
