package dev.warroom.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What reading one file of a bundle kept, skipped and noticed. {@code records} is the number of
 * records loaded from the file (log records, spans, events, metric samples); {@code skipped} maps a
 * reason ("not a timestamp", "duplicate sample", "clock far outside the bundle's time span") to the
 * number of records dropped for it; {@code noted} maps a reason to the number of records kept but
 * worth knowing about ("out of order, reordered", "counter reset", "gap"); {@code examples} lists
 * the first problems as {@code path:line: what}. Every dropped record is counted in {@code
 * skipped}, whether or not it is among the examples.
 */
public record FileQuality(
    String path,
    long records,
    Map<String, Long> skipped,
    Map<String, Long> noted,
    List<String> examples) {
  public FileQuality {
    Checks.nonBlank(path, "path");
    if (records < 0) {
      throw new IllegalArgumentException("negative records: " + records);
    }
    skipped = sortedCounts(skipped, "skipped");
    noted = sortedCounts(noted, "noted");
    examples = examples == null ? List.of() : List.copyOf(examples);
  }

  /** Records dropped from this file, all reasons together. */
  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** True when nothing was skipped or noted. */
  public boolean clean() {
    return skipped.isEmpty() && noted.isEmpty();
  }

  private static Map<String, Long> sortedCounts(Map<String, Long> counts, String field) {
    if (counts == null) {
      return Map.of();
    }
    TreeMap<String, Long> out = new TreeMap<>();
    counts.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, field + " reason");
          if (v == null || v <= 0) {
            throw new IllegalArgumentException(field + " count not positive for '" + k + "': " + v);
          }
          out.put(k, v);
        });
    return java.util.Collections.unmodifiableMap(out);
  }
}
