package dev.warroom.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code capacity} content hashes seen, for idempotent ingest of re-sent batches. */
final class RecentHashes {
  private final Map<String, Boolean> seen;

  RecentHashes(int capacity) {
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
            return size() > capacity;
          }
        };
  }

  synchronized boolean contains(String hash) {
    return seen.containsKey(hash);
  }

  synchronized void add(String hash) {
    seen.put(hash, Boolean.TRUE);
  }
}
