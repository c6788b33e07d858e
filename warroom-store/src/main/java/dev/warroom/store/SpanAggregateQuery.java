package dev.warroom.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Aggregates the spans a filter selects (its limit is ignored) per service and operation and, when
 * {@code bucket} is not null, per time bucket of that length aligned to the Unix epoch.
 */
public record SpanAggregateQuery(SpanQuery filter, Duration bucket) {
  public SpanAggregateQuery {
    Objects.requireNonNull(filter, "filter");
    if (bucket != null && bucket.toMillis() < 1) {
      throw new IllegalArgumentException("bucket < 1ms: " + bucket);
    }
  }
}
