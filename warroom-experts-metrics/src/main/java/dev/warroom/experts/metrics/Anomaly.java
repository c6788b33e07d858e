package dev.warroom.experts.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * An anomaly of one series in an incident window: when it began, which way it went, by how much (in
 * the series' own unit: median during the anomaly minus the baseline median), how many robust
 * standard deviations that is, and a score in [0, 1] that is comparable across series because it is
 * a fixed monotone map of the scale-free deviation.
 */
public record Anomaly(
    Instant onset, Direction direction, double magnitude, double deviation, double score) {
  public Anomaly {
    Objects.requireNonNull(onset, "onset");
    Objects.requireNonNull(direction, "direction");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score not in [0,1]: " + score);
    }
    if (!(deviation >= 0)) {
      throw new IllegalArgumentException("negative deviation: " + deviation);
    }
  }
}
