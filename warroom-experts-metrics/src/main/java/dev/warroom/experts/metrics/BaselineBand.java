package dev.warroom.experts.metrics;

import dev.warroom.model.MetricSeries;
import java.util.Arrays;

/**
 * The band a chart draws behind a series: for each point, the typical range of the values at the
 * same time of day (±{@value #SLACK} samples) on the previous {@code days} days, as median ±
 * {@value #WIDTH_SIGMAS} robust standard deviations (1.4826·MAD) — "calculated from the past 4
 * days". NaN where there is no such history yet.
 */
public record BaselineBand(double[] median, double[] lower, double[] upper, String label) {
  static final int SLACK = 2;
  static final double WIDTH_SIGMAS = 3.0;

  public BaselineBand {
    median = median.clone();
    lower = lower.clone();
    upper = upper.clone();
    if (median.length != lower.length || lower.length != upper.length) {
      throw new IllegalArgumentException("band arrays differ in length");
    }
  }

  /** The band for every point of {@code series} from its previous {@code days} days. */
  public static BaselineBand of(MetricSeries series, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1: " + days);
    }
    long[] ts = series.timestampsMillis();
    double[] v = series.values();
    int n = v.length;
    double[] med = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    Arrays.fill(med, Double.NaN);
    Arrays.fill(lo, Double.NaN);
    Arrays.fill(hi, Double.NaN);
    double[] buf = new double[days * (2 * SLACK + 1)];
    double[] work = new double[buf.length];
    for (int i = 0; i < n; i++) {
      int m = 0;
      for (int d = 1; d <= days; d++) {
        int c = indexNear(ts, ts[i] - d * SeasonalBaseline.DAY_MILLIS, i);
        if (c < 0) {
          continue;
        }
        for (int j = Math.max(0, c - SLACK); j <= Math.min(i - 1, c + SLACK); j++) {
          if (!Double.isNaN(v[j])) {
            buf[m++] = v[j];
          }
        }
      }
      if (m < 3) {
        continue;
      }
      Arrays.sort(buf, 0, m);
      double median = RobustStats.median(buf, m);
      double sigma = RobustStats.MAD_TO_SIGMA * RobustStats.mad(buf, m, median, work);
      med[i] = median;
      lo[i] = median - WIDTH_SIGMAS * sigma;
      hi[i] = median + WIDTH_SIGMAS * sigma;
    }
    return new BaselineBand(med, lo, hi, "calculated from the past " + days + " days");
  }

  /** Index of the sample within half a step of {@code target}, before {@code limit}; else -1. */
  static int indexNear(long[] ts, long target, int limit) {
    int k = Arrays.binarySearch(ts, 0, limit, target);
    if (k >= 0) {
      return k;
    }
    int ins = -k - 1;
    long step = ts.length > 1 ? Math.max(1, (ts[ts.length - 1] - ts[0]) / (ts.length - 1)) : 1;
    int best = -1;
    long bestDist = Long.MAX_VALUE;
    for (int c : new int[] {ins - 1, ins}) {
      if (c >= 0 && c < limit && Math.abs(ts[c] - target) < bestDist) {
        best = c;
        bestDist = Math.abs(ts[c] - target);
      }
    }
    return bestDist <= step / 2 + 1 ? best : -1;
  }

  @Override
  public double[] median() {
    return median.clone();
  }

  @Override
  public double[] lower() {
    return lower.clone();
  }

  @Override
  public double[] upper() {
    return upper.clone();
  }
}
