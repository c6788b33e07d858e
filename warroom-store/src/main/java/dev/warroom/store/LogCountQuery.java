package dev.warroom.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Counts the log records a filter selects (its limit is ignored), grouped by any of service and
 * severity and, when {@code bucket} is not null, by time buckets of that length aligned to the Unix
 * epoch.
 */
public record LogCountQuery(LogQuery filter, Set<GroupBy> groupBy, Duration bucket) {
  /** The dimensions log counts can be grouped by. */
  public enum GroupBy {
    SERVICE,
    SEVERITY
  }

  public LogCountQuery {
    Objects.requireNonNull(filter, "filter");
    groupBy = groupBy == null ? Set.of() : Set.copyOf(groupBy);
    if (bucket != null && bucket.toMillis() < 1) {
      throw new IllegalArgumentException("bucket < 1ms: " + bucket);
    }
  }
}
