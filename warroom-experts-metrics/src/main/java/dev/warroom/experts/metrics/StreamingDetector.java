package dev.warroom.experts.metrics;

import org.apache.commons.math3.special.Erf;

/**
 * A causal, per-point anomaly scorer: the score of point {@code t} depends only on points {@code
 * 0..t}, as NAB requires and as a live alerting pipeline would see it. Scores are in [0, 1].
 *
 * <p>Deviation ({@link #deviations}): how far the value lies from two robust baselines, in robust
 * standard deviations (median and 1.4826·MAD, floored at {@code scaleFloorFraction} of the sample's
 * range so flat series do not divide by zero):
 *
 * <ol>
 *   <li>the recent past (the previous {@code recentDays} of points), and
 *   <li>the same time of day on the previous {@code seasonDays} days (±{@code seasonSlack} points),
 *       whose noise is measured from day-over-day differences over the recent past.
 * </ol>
 *
 * When the seasonal baseline is the tighter one the series is treated as seasonal and its deviation
 * is used alone (so "the usual daily peak did not come" is seen); otherwise the smaller of the two
 * is used (an anomaly must be unexplained by both). Each deviation is the smaller of the point's
 * and that of the mean of the last {@code smooth} points (scaled by √smooth), which keeps single
 * noisy points from alerting while a level shift in noise still stands out.
 *
 * <p>Score ({@link #scores}): the deviation {@code z} maps to {@code z / (z + halfScoreZ)}; that is
 * combined (geometric mean) with how unusual {@code log(1 + z)} is against its own distribution
 * over the previous {@code likelihoodDays} — the idea of Numenta's anomaly likelihood (Ahmad et
 * al., Neurocomputing 2017), which keeps naturally spiky series from alerting on every spike. To
 * avoid re-alerting on one episode, a score not above the maximum of the previous {@code
 * refractoryDays} is multiplied by {@code damping}.
 *
 * <p>Calibration ({@link #tailLikelihood}): that score is then combined (geometric mean) with a
 * second likelihood that follows Numenta's anomaly likelihood more closely (Ahmad, Lavin, Purdy,
 * Agha, "Unsupervised real-time anomaly detection for streaming data", Neurocomputing 2017, §4):
 * the mean of the last {@code tailAveraging} raw scores {@code z / (z + halfScoreZ)} is compared
 * with a normal fitted to the raw scores of the previous {@code likelihoodDays}; its upper-tail
 * probability {@code q} is put on their log scale, {@code log(q + 1e-10) / log(1e-10)}, so 0.5
 * means "a 1-in-10⁵ event for this series". Because it measures rarity against the series' own
 * history rather than size, one threshold means about the same on a calm series and a spiky one,
 * which is what lets a threshold chosen on some series carry to others (docs/metrics.md, NAB
 * leave-one-category-out). The combined score goes through the refractory step again, over {@code
 * tailRefractoryDays}. {@code tailAveraging = 0} turns the calibration off.
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
      double scaleFloorFraction,
      double likelihoodDays,
      int tailAveraging,
      double tailRefractoryDays) {
    public Config {
      if (!(recentDays > 0) || seasonDays < 0 || seasonSlack < 0 || smooth < 1) {
        throw new IllegalArgumentException("invalid detector window configuration");
      }
      if (!(halfScoreZ > 0)
          || refractoryDays < 0
          || damping < 0
          || damping > 1
          || likelihoodDays < 0
          || tailAveraging < 0
          || tailRefractoryDays < 0) {
        throw new IllegalArgumentException("invalid detector scoring configuration");
      }
    }

    /**
     * The one configuration used everywhere: a 2-day recent baseline (two full daily cycles, so the
     * robust spread includes the daily swing), the past 4 days at the same time of day (±2 points),
     * 4-point smoothing (20 minutes at NAB's 5-minute step). recentDays and smooth were chosen on
     * the NAB subset as the middle of a plateau, checked on two halves of it; the calibration
     * (6-point averaging, 1-day refractory) was chosen by comparing a few settings on the NAB dev
     * corpus (docs/metrics.md says so, and what that means for its leave-one-out figure).
     */
    public static Config defaults() {
      return new Config(2.0, 4, 2, 4, 6.0, 0.5, 0.5, 0.1, 7.0, 6, 1.0);
    }

    /** This configuration with the calibration step's averaging and refractory replaced. */
    public Config withTail(int averaging, double refractory) {
      return new Config(
          recentDays,
          seasonDays,
          seasonSlack,
          smooth,
          halfScoreZ,
          refractoryDays,
          damping,
          scaleFloorFraction,
          likelihoodDays,
          averaging,
          refractory);
    }
  }

  /**
   * Reported deviations (in findings and rankings) are capped here, in robust sigmas: a perfectly
   * flat history makes any change "infinitely" unlikely, and beyond this the number means nothing
   * more. Scores use the uncapped deviation, so their order is kept.
   */
  public static final double MAX_DEVIATION = 1000.0;

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
    double[] dayOverDay = new double[n];
    for (int j = 0; j < n; j++) {
      dayOverDay[j] = j >= period ? values[j] - values[j - period] : Double.NaN;
    }
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
      double[] season =
          seasonalDeviation(values, smoothed, dayOverDay, t, period, recent, buf, work);
      if (season == null) {
        z[t] = zRecent;
      } else if (season[1] < scale) {
        // the same time of day on past days predicts this point better than the recent past does:
        // a seasonal series, where a missing daily peak is an anomaly the recent baseline hides
        z[t] = season[0];
      } else {
        z[t] = Math.min(zRecent, season[0]);
      }
    }
    return z;
  }

  /** Anomaly scores in [0, 1], one per point. */
  public double[] scores(long[] timestampsMillis, double[] values) {
    double[] z = deviations(timestampsMillis, values);
    int period = SeasonalBaseline.pointsPerDay(timestampsMillis);
    double[] raw = new double[z.length];
    for (int t = 0; t < z.length; t++) {
      raw[t] = z[t] / (z[t] + config.halfScoreZ());
    }
    double[] s = raw.clone();
    int likelihoodWindow = (int) Math.round(config.likelihoodDays() * period);
    if (config.likelihoodDays() > 0) {
      double[] lik = likelihood(z, likelihoodWindow);
      for (int t = 0; t < z.length; t++) {
        s[t] = Math.sqrt(lik[t] * s[t]);
      }
    }
    s = refractory(s, (int) Math.round(config.refractoryDays() * period));
    if (config.likelihoodDays() > 0 && config.tailAveraging() > 0) {
      double[] tail = tailLikelihood(raw, likelihoodWindow, config.tailAveraging());
      for (int t = 0; t < z.length; t++) {
        s[t] = Math.sqrt(tail[t] * s[t]);
      }
      s = refractory(s, (int) Math.round(config.tailRefractoryDays() * period));
    }
    return s;
  }

  /** Too few past scores to fit a distribution: the calibrated score stays 0. */
  static final int TAIL_MIN_HISTORY = 20;

  /** Floor of the fitted standard deviation, so a flat score history does not divide by 0. */
  static final double TAIL_MIN_SD = 0.01;

  /**
   * Numenta-style anomaly likelihood on the log scale (see the class comment): for each point, the
   * upper-tail probability of the mean of the last {@code k} raw scores under a normal fitted to
   * the previous {@code w} raw scores, mapped to [0, 1] by {@code log(q + 1e-10) / log(1e-10)}.
   */
  static double[] tailLikelihood(double[] raw, int w, int k) {
    int n = raw.length;
    double[] out = new double[n];
    double logFloor = Math.log(1e-10);
    double sum = 0;
    double sumSq = 0;
    int count = 0;
    double recentSum = 0;
    for (int t = 0; t < n; t++) {
      recentSum += raw[t];
      if (t >= k) {
        recentSum -= raw[t - k];
      }
      if (count >= TAIL_MIN_HISTORY) {
        double mean = sum / count;
        double sd = Math.max(TAIL_MIN_SD, Math.sqrt(Math.max(0, sumSq / count - mean * mean)));
        double x = (recentSum / Math.min(k, t + 1) - mean) / sd;
        double q = 0.5 * Erf.erfc(x / Math.sqrt(2));
        out[t] = Math.min(1, Math.max(0, Math.log(q + 1e-10) / logFloor));
      }
      sum += raw[t];
      sumSq += raw[t] * raw[t];
      count++;
      if (t - w >= 0) {
        sum -= raw[t - w];
        sumSq -= raw[t - w] * raw[t - w];
        count--;
      }
    }
    return out;
  }

  /** {deviation, scale} against the same time of day on previous days, or null. */
  private double[] seasonalDeviation(
      double[] values,
      double[] smoothed,
      double[] dayOverDay,
      int t,
      int period,
      int recent,
      double[] buf,
      double[] work) {
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
    double sampleSigma = RobustStats.MAD_TO_SIGMA * RobustStats.mad(buf, m, med, work);
    // the few same-time samples understate the noise; day-over-day differences over the recent
    // past measure it from many points (their spread is √2 times one day's noise)
    int r = RobustStats.sortedFinite(dayOverDay, Math.max(0, t - recent), t, buf);
    if (r < 3) {
      return null;
    }
    double dMed = RobustStats.median(buf, r);
    double residualSigma = scale(buf, r, dMed, work) / Math.sqrt(2);
    double scale = Math.max(sampleSigma, residualSigma);
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

  /** How unusual each log-deviation is against the previous {@code w} ones, mapped to [0, 1). */
  static double[] likelihood(double[] z, int w) {
    int n = z.length;
    double[] u = new double[n];
    for (int t = 0; t < n; t++) {
      u[t] = Math.log1p(z[t]);
    }
    double[] out = new double[n];
    double sum = 0;
    double sumSq = 0;
    int count = 0;
    for (int t = 0; t < n; t++) {
      if (count >= 10) {
        double mean = sum / count;
        double sd = Math.sqrt(Math.max(0, sumSq / count - mean * mean));
        double x = (u[t] - mean) / Math.max(sd, 0.1);
        out[t] = x <= 0 ? 0 : x / (x + 3);
      }
      sum += u[t];
      sumSq += u[t] * u[t];
      count++;
      if (t - w >= 0) {
        sum -= u[t - w];
        sumSq -= u[t - w] * u[t - w];
        count--;
      }
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
