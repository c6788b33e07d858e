package dev.warroom.engine.agents;

import java.util.Objects;

/**
 * Spans of one service and operation over a window, aggregated where the data lives: count, failed
 * count, and p95 duration in milliseconds.
 */
public record SpanAggregate(
    String service, String operation, long count, long errors, double p95Millis) {
  public SpanAggregate {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    if (count < 0 || errors < 0 || errors > count) {
      throw new IllegalArgumentException("bad counts: errors " + errors + " of " + count);
    }
  }
}
