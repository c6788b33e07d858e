package dev.warroom.store;

import dev.warroom.model.Severity;
import java.time.Instant;

/**
 * One row of a {@link LogCountQuery}: the bucket start (null when not bucketed), the service and
 * severity (null when not grouped by them) and the number of records.
 */
public record LogCount(Instant bucketStart, String service, Severity severity, long count) {
  public LogCount {
    if (count < 0) {
      throw new IllegalArgumentException("negative count: " + count);
    }
  }
}
