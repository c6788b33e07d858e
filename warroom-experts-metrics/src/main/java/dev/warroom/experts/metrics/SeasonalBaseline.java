package dev.warroom.experts.metrics;

import java.util.Arrays;

/** Sampling-period helpers for seasonal (same time of day) comparisons. */
final class SeasonalBaseline {
  static final long DAY_MILLIS = 86_400_000L;

  private SeasonalBaseline() {}

  /** Points per day from the median sampling interval (at least 2). */
  static int pointsPerDay(long[] timestampsMillis) {
    long step = medianStepMillis(timestampsMillis);
    if (step <= 0) {
      return 288;
    }
    return (int) Math.max(2, Math.round((double) DAY_MILLIS / step));
  }

  static long medianStepMillis(long[] ts) {
    if (ts.length < 2) {
      return 0;
    }
    int n = Math.min(ts.length - 1, 2048);
    long[] d = new long[n];
    for (int i = 0; i < n; i++) {
      d[i] = ts[i + 1] - ts[i];
    }
    Arrays.sort(d);
    return d[n / 2];
  }
}
