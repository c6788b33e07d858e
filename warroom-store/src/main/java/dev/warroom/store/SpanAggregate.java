package dev.warroom.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Request statistics of one service operation (in one bucket, when bucketed; else {@code
 * bucketStart} is null): span count, error count and duration percentiles.
 */
public record SpanAggregate(
    Instant bucketStart,
    String service,
    String operation,
    long count,
    long errors,
    Duration p50,
    Duration p95,
    Duration p99,
    Duration max) {
  public SpanAggregate {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    if (count < 0 || errors < 0 || errors > count) {
      throw new IllegalArgumentException("bad counts: errors " + errors + " of " + count);
    }
  }

  public double errorRate() {
    return count == 0 ? 0 : (double) errors / count;
  }
}
