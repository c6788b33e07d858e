package dev.warroom.experts.metrics;

/**
 * The seasonal half of {@link ChangeRanker}: each point after the onset is compared with the same
 * time of day on up to {@link #DAYS} previous days (the median of the history's points within ±
 * {@link #SLACK_MS} of {@code t − d·24 h}), in units of the series' day-over-day noise (the IQR of
 * {@code x(t) − x(t − 24 h)} over the normal period, divided by √2 because a difference of two days
 * carries both days' noise). A daily peak that comes every day is then not a change, while a fault
 * at the same hour still is. Used only when the history covers the post-onset points.
 */
final class SeasonalChange {
  static final int DAYS = 4;
  static final long DAY_MS = 86_400_000L;
  static final long SLACK_MS = 5 * 60_000L;
  static final long PRE_MS = 30 * 60_000L;

  private SeasonalChange() {}

  /**
   * {signed deviation of the strongest post-onset point, scale}, or null when fewer than half of
   * the post-onset points have at least 3 same-time samples, or fewer than 8 day-over-day pairs.
   *
   * @param split index of the first post-onset point; {@code end} one past the last
   */
  static double[] deviation(long[] ts, double[] v, int split, int end, double localScale) {
    if (ts[split] - DAY_MS + SLACK_MS < ts[0]) {
      return null; // not even one day of history before the onset
    }
    double[] residuals = new double[split];
    int r = 0;
    double quantum = Double.POSITIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < split; j++) {
      int k = nearest(ts, 0, split, ts[j] - DAY_MS);
      if (k >= 0 && !Double.isNaN(v[j]) && !Double.isNaN(v[k])) {
        residuals[r] = v[j] - v[k];
        if (residuals[r] != 0) {
          quantum = Math.min(quantum, Math.abs(residuals[r]));
        }
        min = Math.min(min, residuals[r]);
        max = Math.max(max, residuals[r]);
        r++;
      }
    }
    if (r < 8) {
      return null;
    }
    double[] q = RobustStats.quantilesBySelection(residuals, r, 0.25, 0.75);
    double scale = (q[1] - q[0]) / Math.sqrt(2);
    // a day-over-day difference of 0 almost everywhere (a flat or exactly repeating series) gives
    // IQR 0: fall back to a share of the differences' range, to the local noise, and to the
    // series' quantum (the smallest non-zero difference: 1 for a thread or pod count, where a
    // change of one is no fault)
    scale = Math.max(scale, Math.max(0.05 * (max - min), localScale));
    if (Double.isFinite(quantum)) {
      scale = Math.max(scale, quantum);
    }
    long onset = ts[split];
    double levelNow = medianIn(ts, v, 0, split, onset - PRE_MS, onset, new double[split]);
    if (Double.isNaN(levelNow)) {
      return null;
    }
    double[] preOf = new double[DAYS + 1];
    double[] work = new double[Math.max(16, split)];
    for (int d = 1; d <= DAYS; d++) {
      long c = onset - d * DAY_MS;
      preOf[d] = medianIn(ts, v, 0, split, c - PRE_MS, c, work);
    }
    // prefix sums of the history, so each same-time window's mean costs two binary searches
    double[] prefix = new double[split + 1];
    int[] finite = new int[split + 1];
    for (int j = 0; j < split; j++) {
      boolean ok = !Double.isNaN(v[j]);
      prefix[j + 1] = prefix[j] + (ok ? v[j] : 0);
      finite[j + 1] = finite[j] + (ok ? 1 : 0);
    }
    double[] changes = new double[DAYS];
    int covered = 0;
    double best = 0;
    double signed = 0;
    for (int i = split; i < end; i++) {
      int m = 0;
      for (int d = 1; d <= DAYS; d++) {
        long c = ts[i] - d * DAY_MS;
        int from = lowerBound(ts, 0, split, c - SLACK_MS);
        int to = lowerBound(ts, from, split, c + SLACK_MS + 1);
        int count = finite[to] - finite[from];
        double post = count == 0 ? Double.NaN : (prefix[to] - prefix[from]) / count;
        if (!Double.isNaN(preOf[d]) && !Double.isNaN(post)) {
          changes[m++] = post - preOf[d];
        }
      }
      if (m == 0 || Double.isNaN(v[i])) {
        continue;
      }
      covered++;
      double expected = levelNow + medianOfFew(changes, m);
      double dev = (v[i] - expected) / scale;
      if (Math.abs(dev) > best) {
        best = Math.abs(dev);
        signed = dev;
      }
    }
    if (2 * covered < end - split) {
      return null;
    }
    return new double[] {signed, scale};
  }

  /** Median of at most {@link #DAYS} values by insertion sort (reorders them). */
  private static double medianOfFew(double[] a, int m) {
    for (int i = 1; i < m; i++) {
      double x = a[i];
      int j = i - 1;
      while (j >= 0 && a[j] > x) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
    return m % 2 == 1 ? a[m / 2] : (a[m / 2 - 1] + a[m / 2]) / 2;
  }

  /** Median of the finite values with timestamps in {@code [t0, t1)} among {@code [from, to)}. */
  private static double medianIn(
      long[] ts, double[] v, int from, int to, long t0, long t1, double[] work) {
    int m = 0;
    for (int j = lowerBound(ts, from, to, t0); j < to && ts[j] < t1 && m < work.length; j++) {
      if (!Double.isNaN(v[j])) {
        work[m++] = v[j];
      }
    }
    return m == 0 ? Double.NaN : RobustStats.quantilesBySelection(work, m, 0.5)[0];
  }

  /** Index in {@code [from, to)} of the point nearest {@code t} within the slack, or -1. */
  private static int nearest(long[] ts, int from, int to, long t) {
    int i = lowerBound(ts, from, to, t);
    int best = -1;
    long bestGap = SLACK_MS + 1;
    for (int k = Math.max(from, i - 1); k <= Math.min(to - 1, i); k++) {
      long gap = Math.abs(ts[k] - t);
      if (gap < bestGap) {
        bestGap = gap;
        best = k;
      }
    }
    return best;
  }

  static int lowerBound(long[] ts, int from, int to, long t) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
