package dev.warroom.model;

import java.time.Instant;
import java.util.Objects;

/** One sample of a metric series. NaN is allowed (Prometheus staleness / missing value). */
public record MetricPoint(Instant timestamp, double value) {
  public MetricPoint {
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
