package dev.warroom.experts.metrics;

import dev.warroom.model.MetricSeries;
import java.time.Instant;
import java.util.Arrays;

/**
 * A robust level shift of one series in a short incident window against a baseline sample: per
 * point, the distance from the baseline median in units of the scaled MAD (1.4826·MAD estimates σ
 * for normal data; Leys et al. 2013, "Detecting outliers: do not use standard deviation around the
 * mean"). The onset is the first point of the earliest run of {@link #RUN} consecutive points
 * beyond {@link #THRESHOLD} on the same side; the magnitude is the median deviation after the
 * onset, so a single spike does not count as a shift.
 *
 * <p>Unlike {@link MetricExpert#detect}, which needs a contiguous history (its seasonal terms count
 * points per day), this test takes any baseline sample — e.g. only the same time of day on earlier
 * days stitched to the hour before the window, which is what an investigation fetches to keep
 * queries small. The baseline's order and gaps do not matter.
 *
 * @param onset first anomalous point, null when none
 * @param z median robust deviation after the onset (signed; 0 when none)
 * @param baselineMedian the baseline's median (NaN when the baseline was too short)
 * @param incidentMedian the median after the onset (or of the whole window when none)
 */
public record LevelShift(Instant onset, double z, double baselineMedian, double incidentMedian) {
  /** Consecutive points beyond the threshold that make a shift. */
  public static final int RUN = 3;

  /** Robust deviations a point must lie from the baseline median to count. */
  public static final double THRESHOLD = 4.0;

  /** Fewest finite baseline points the test needs. */
  static final int MIN_BASELINE = 5;

  public LevelShift {
    if (onset == null && z != 0) {
      throw new IllegalArgumentException("z must be 0 without an onset: " + z);
    }
    if (Double.isNaN(z)) {
      throw new IllegalArgumentException("z is NaN");
    }
  }

  /** The result when no shift was found (or the inputs were too short to test). */
  static LevelShift none(double baselineMedian, double incidentMedian) {
    return new LevelShift(null, 0, baselineMedian, incidentMedian);
  }

  public boolean anomalous() {
    return onset != null;
  }

  /** Anomaly strength in [0,1), comparable across series: 1 − exp(−|z|/10); 0 when none. */
  public double score() {
    return anomalous() ? 1.0 - Math.exp(-Math.abs(z) / 10.0) : 0.0;
  }

  /**
   * The robust σ the test divided by: {@code |incidentMedian − baselineMedian| / |z|}; NaN when
   * there is no shift. Charts draw the decision band as baseline median ± {@link #THRESHOLD}·σ.
   */
  public double sigma() {
    return anomalous()
        ? Math.abs(incidentMedian - baselineMedian) / Math.max(Math.abs(z), 1e-9)
        : Double.NaN;
  }

  /**
   * The shift of {@code incident} against {@code baseline}; none if the baseline has fewer than 5
   * finite points or the incident fewer than {@link #RUN} points. Non-finite values are ignored.
   */
  public static LevelShift of(MetricSeries baseline, MetricSeries incident) {
    double[] b = finite(baseline.values());
    double[] v = incident.values();
    if (b.length < MIN_BASELINE || v.length < RUN) {
      return none(Double.NaN, Double.NaN);
    }
    Arrays.sort(b);
    double med = RobustStats.median(b, b.length);
    double mad = RobustStats.mad(b, b.length, med, new double[b.length]);
    // A floor on the spread: 1% of the level (or of the incident's range for a zero level), so a
    // flat baseline does not make every wiggle infinitely anomalous.
    double range = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        range = Math.max(range, Math.abs(x - med));
      }
    }
    double sigma =
        Math.max(
            Math.max(RobustStats.MAD_TO_SIGMA * mad, quantum(b)),
            Math.max(0.01 * Math.abs(med), Math.max(1e-9, 0.01 * range)));
    int onsetIdx = firstRun(v, med, sigma);
    if (onsetIdx < 0) {
      return none(med, medianOf(finite(v)));
    }
    double afterMed = medianOf(finite(Arrays.copyOfRange(v, onsetIdx, v.length)));
    if (Double.isNaN(afterMed)) {
      return none(med, afterMed); // the run was of infinities only: nothing measurable
    }
    return new LevelShift(
        Instant.ofEpochMilli(incident.timestampAt(onsetIdx)),
        (afterMed - med) / sigma,
        med,
        afterMed);
  }

  /**
   * The resolution of a discrete baseline: the smallest gap between two of its distinct values,
   * when it takes few distinct values (at most three, or a quarter as many as it has points, e.g. a
   * thread count or an open-connection count); 0 otherwise. A series that flips between 1 and 2 has
   * a MAD of 0 or 1 depending on which value holds the majority, so without this floor a change in
   * the majority alone reads as a shift of "100 robust deviations"; with it, a shift must span
   * several steps of the series' own resolution.
   *
   * @param sorted the finite baseline values, ascending
   */
  static double quantum(double[] sorted) {
    int distinct = 0;
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        distinct++;
        if (i > 0) {
          gap = Math.min(gap, sorted[i] - sorted[i - 1]);
        }
      }
    }
    return distinct >= 2 && (distinct <= 3 || distinct * 4 <= sorted.length) ? gap : 0;
  }

  /**
   * Index of the first point of the earliest same-sided run of {@link #RUN} beyond the threshold.
   */
  private static int firstRun(double[] v, double med, double sigma) {
    int run = 0;
    int sign = 0;
    for (int i = 0; i < v.length; i++) {
      double zi = (v[i] - med) / sigma;
      int s = Double.isNaN(zi) ? 0 : (zi > THRESHOLD ? 1 : (zi < -THRESHOLD ? -1 : 0));
      if (s != 0 && s == sign) {
        run++;
      } else {
        run = s == 0 ? 0 : 1;
        sign = s;
      }
      if (run >= RUN) {
        return i - RUN + 1;
      }
    }
    return -1;
  }

  private static double[] finite(double[] xs) {
    return Arrays.stream(xs).filter(Double::isFinite).toArray();
  }

  private static double medianOf(double[] xs) {
    Arrays.sort(xs);
    return RobustStats.median(xs, xs.length);
  }
}
