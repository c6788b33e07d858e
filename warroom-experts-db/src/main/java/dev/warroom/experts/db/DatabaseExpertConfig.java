package dev.warroom.experts.db;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of the {@link DatabaseExpert}: a statement's load "rose" when its execution time per
 * second grew by at least {@code minRiseRatio} and it takes at least {@code minIncidentShare} of
 * all statement time in the incident window; a table is "large" from {@code largeTableRows} rows
 * (below that a full scan is usually the cheapest plan); lock waits shorter than {@code minWait}
 * are normal contention and are ignored.
 */
public record DatabaseExpertConfig(
    double minRiseRatio, double minIncidentShare, long largeTableRows, Duration minWait) {
  public DatabaseExpertConfig {
    if (!(minRiseRatio > 1)) {
      throw new IllegalArgumentException("minRiseRatio must be > 1: " + minRiseRatio);
    }
    if (!(minIncidentShare >= 0 && minIncidentShare <= 1)) {
      throw new IllegalArgumentException("minIncidentShare not in [0,1]: " + minIncidentShare);
    }
    if (largeTableRows < 1) {
      throw new IllegalArgumentException("largeTableRows < 1: " + largeTableRows);
    }
    Objects.requireNonNull(minWait, "minWait");
    if (minWait.isNegative()) {
      throw new IllegalArgumentException("negative minWait: " + minWait);
    }
  }

  /** Rise x2, share 5 %, large from 100,000 rows, waits from 1 s. */
  public static DatabaseExpertConfig defaults() {
    return new DatabaseExpertConfig(2.0, 0.05, 100_000, Duration.ofSeconds(1));
  }
}
