package dev.warroom.experts.traces;

import java.util.Objects;

/**
 * Request statistics of one operation over a window, in the shape a span store aggregates where the
 * data lives (a {@code GROUP BY service, operation} with a p95): span count, failed spans, and the
 * 95th percentile of span duration in milliseconds.
 *
 * @param operation the service and operation
 * @param count spans in the window (>= 0)
 * @param errors failed spans among them (0..count)
 * @param p95Ms 95th percentile of their durations, milliseconds (>= 0; 0 when count is 0)
 */
public record OperationStats(OperationKey operation, long count, long errors, double p95Ms) {
  public OperationStats {
    Objects.requireNonNull(operation, "operation");
    if (count < 0 || errors < 0 || errors > count) {
      throw new IllegalArgumentException(
          "bad counts for " + operation + ": errors " + errors + " of " + count);
    }
    if (!(p95Ms >= 0) || Double.isInfinite(p95Ms)) {
      throw new IllegalArgumentException("p95Ms of " + operation + " not >= 0: " + p95Ms);
    }
  }
}
