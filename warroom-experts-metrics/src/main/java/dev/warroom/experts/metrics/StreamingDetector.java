package dev.warroom.experts.metrics;

/**
 * A causal, per-point anomaly scorer: the score of point {@code t} depends only on points {@code
 * 0..t}, as NAB requires and as a live alerting pipeline would see it. Scores are in [0, 1],
 * comparable across series (they are a monotone map of a robust, scale-free deviation).
 *
 * <p>For each point it measures how far the value lies from two robust baselines, in robust
 * standard deviations (median / 1.4826·MAD, with a floor so flat series do not divide by zero):
 *
 * <ol>
 *   <li>the recent past (the previous {@code recentDays} of points), and
 *   <li>the same time of day on the previous {@code seasonDays} days (±{@code seasonSlack} points),
 *       once that much history exists,
 * </ol>
 *
 * and takes the smaller deviation — a point is anomalous only if neither a recent nor a seasonal
 * explanation fits. The deviation of the mean of the last {@code smooth} points is scored the same
 * way (a level shift in noise is clearer in the mean). The deviation {@code z} becomes {@code z /
 * (z + halfScoreZ)}. To avoid re-alerting on the same episode, a score that does not exceed the
 * maximum of the preceding {@code refractoryDays} of points is damped (multiplied by {@code
 * damping}).
 */
public final class StreamingDetector {
  /** Tunable knobs; {@link #defaults()} is the one configuration warroom uses everywhere. */
  public record Config(
      double recentDays,
      int seasonDays,
      int seasonSlack,
      int smooth,
      double halfScoreZ,
      double refractoryDays,
      double damping,
      double scaleFloorFraction) {
    public Config {
      if (!(recentDays > 0) || seasonDays < 0 || seasonSlack < 0 || smooth < 1) {
        throw new IllegalArgumentException("invalid detector window configuration");
      }
      if (!(halfScoreZ > 0) || refractoryDays < 0 || damping < 0 || damping > 1) {
        throw new IllegalArgumentException("invalid detector scoring configuration");
      }
    }

    public static Config defaults() {
      return new Config(1.0, 4, 2, 6, 6.0, 1.0, 0.5, 0.1);
    }
  }

  private final Config config;

  public StreamingDetector(Config config) {
    this.config = config;
  }

  public static StreamingDetector withDefaults() {
    return new StreamingDetector(Config.defaults());
  }

  /** Raw deviations in robust sigmas, one per point (0 while history is too short). */
  public double[] deviations(long[] timestampsMillis, double[] values) {
    int n = values.length;
    int period = SeasonalBaseline.pointsPerDay(timestampsMillis);
    int recent = Math.max(8, (int) Math.round(config.recentDays() * period));
    double[] smoothed = trailingMean(values, config.smooth());
    double[] buf =
        new double
            [Math.max(recent, (2 * config.seasonSlack() + 1) * Math.max(1, config.seasonDays()))];
    double[] work = new double[buf.length];
    double[] z = new double[n];
    int minHistory = Math.min(recent, 12);
    for (int t = minHistory; t < n; t++) {
      int from = Math.max(0, t - recent);
      int m = RobustStats.sortedFinite(values, from, t, buf);
      if (m < minHistory || Double.isNaN(values[t])) {
        continue;
      }
      double med = RobustStats.median(buf, m);
      double scale = scale(buf, m, med, work);
      double zRecent =
          Math.min(
              Math.abs(values[t] - med) / scale,
              Math.abs(smoothed[t] - med) / scale * Math.sqrt(config.smooth()));
      double[] season = seasonalDeviation(values, smoothed, t, period, buf, work);
      z[t] = season == null ? zRecent : Math.min(zRecent, season[0]);
    }
    return z;
  }

  /** Anomaly scores in [0, 1], one per point. */
  public double[] scores(long[] timestampsMillis, double[] values) {
    double[] z = deviations(timestampsMillis, values);
    double[] s = new double[z.length];
    for (int t = 0; t < z.length; t++) {
      s[t] = z[t] / (z[t] + config.halfScoreZ());
    }
    int period = SeasonalBaseline.pointsPerDay(timestampsMillis);
    return refractory(s, (int) Math.round(config.refractoryDays() * period));
  }

  /** {deviation, scale} against the same time of day on previous days, or null. */
  private double[] seasonalDeviation(
      double[] values, double[] smoothed, int t, int period, double[] buf, double[] work) {
    int k = config.seasonDays();
    int slack = config.seasonSlack();
    if (k == 0 || t - period - slack < 0) {
      return null;
    }
    int m = 0;
    for (int d = 1; d <= k; d++) {
      int c = t - d * period;
      for (int j = c - slack; j <= c + slack; j++) {
        if (j >= 0 && j < t && !Double.isNaN(values[j])) {
          buf[m++] = values[j];
        }
      }
    }
    if (m < 3) {
      return null;
    }
    java.util.Arrays.sort(buf, 0, m);
    double med = RobustStats.median(buf, m);
    double scale = scale(buf, m, med, work);
    return new double[] {
      Math.min(
          Math.abs(values[t] - med) / scale,
          Math.abs(smoothed[t] - med) / scale * Math.sqrt(config.smooth())),
      scale
    };
  }

  /** Robust sigma with a floor: a share of the sample's range, so flat spans stay finite. */
  private double scale(double[] sorted, int m, double med, double[] work) {
    double sigma = RobustStats.MAD_TO_SIGMA * RobustStats.mad(sorted, m, med, work);
    double range = sorted[m - 1] - sorted[0];
    double floor = Math.max(config.scaleFloorFraction() * range, 1e-9 * Math.max(1, Math.abs(med)));
    return Math.max(sigma, floor);
  }

  private double[] refractory(double[] s, int r) {
    if (r == 0) {
      return s;
    }
    double[] out = new double[s.length];
    java.util.ArrayDeque<Integer> maxQ = new java.util.ArrayDeque<>();
    for (int t = 0; t < s.length; t++) {
      while (!maxQ.isEmpty() && maxQ.peekFirst() < t - r) {
        maxQ.pollFirst();
      }
      double prevMax = maxQ.isEmpty() ? 0 : s[maxQ.peekFirst()];
      out[t] = s[t] > prevMax ? s[t] : s[t] * config.damping();
      while (!maxQ.isEmpty() && s[maxQ.peekLast()] <= s[t]) {
        maxQ.pollLast();
      }
      maxQ.addLast(t);
    }
    return out;
  }

  static double[] trailingMean(double[] values, int w) {
    double[] out = new double[values.length];
    double sum = 0;
    int count = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        sum += values[i];
        count++;
      }
      if (i >= w && !Double.isNaN(values[i - w])) {
        sum -= values[i - w];
        count--;
      }
      out[i] = count == 0 ? Double.NaN : sum / count;
    }
    return out;
  }
}
