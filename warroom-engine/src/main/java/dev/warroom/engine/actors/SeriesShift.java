package dev.warroom.engine.actors;

import dev.warroom.model.MetricSeries;
import java.time.Instant;
import java.util.Arrays;

/**
 * A robust level shift of one series in the incident window against its baseline: per point, the
 * distance from the baseline median in units of the scaled MAD (1.4826·MAD estimates σ for normal
 * data; Leys et al. 2013, "Detecting outliers: do not use standard deviation around the mean"). The
 * onset is the first point of the earliest run of {@link #RUN} consecutive points beyond the
 * threshold; the magnitude is the median deviation after the onset, so a single spike does not
 * count as a shift.
 *
 * @param onset first anomalous point, null when none
 * @param z median robust deviation after the onset (signed; 0 when none)
 * @param baselineMedian the baseline's median
 * @param incidentMedian the median after the onset (or of the whole window when none)
 */
public record SeriesShift(Instant onset, double z, double baselineMedian, double incidentMedian) {
  static final int RUN = 3;
  static final double THRESHOLD = 4.0;

  public boolean anomalous() {
    return onset != null;
  }

  /** Anomaly strength in [0,1), comparable across series: 1 − exp(−|z|/10). */
  public double score() {
    return anomalous() ? 1.0 - Math.exp(-Math.abs(z) / 10.0) : 0.0;
  }

  /** Computes the shift of {@code incident} against {@code baseline}; none if either is short. */
  public static SeriesShift of(MetricSeries baseline, MetricSeries incident) {
    double[] b = finite(baseline.values());
    double[] v = incident.values();
    if (b.length < 5 || v.length < RUN) {
      return new SeriesShift(null, 0, Double.NaN, Double.NaN);
    }
    double med = median(b.clone());
    double[] dev = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      dev[i] = Math.abs(b[i] - med);
    }
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
            1.4826 * median(dev), Math.max(0.01 * Math.abs(med), Math.max(1e-9, 0.01 * range)));
    int run = 0;
    int sign = 0;
    int onsetIdx = -1;
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
        onsetIdx = i - RUN + 1;
        break;
      }
    }
    if (onsetIdx < 0) {
      return new SeriesShift(null, 0, med, median(finite(v)));
    }
    double[] after = finite(Arrays.copyOfRange(v, onsetIdx, v.length));
    double afterMed = median(after.clone());
    return new SeriesShift(
        Instant.ofEpochMilli(incident.timestampAt(onsetIdx)),
        (afterMed - med) / sigma,
        med,
        afterMed);
  }

  static double[] finite(double[] xs) {
    return Arrays.stream(xs).filter(Double::isFinite).toArray();
  }

  static double median(double[] xs) {
    if (xs.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(xs);
    int n = xs.length;
    return n % 2 == 1 ? xs[n / 2] : 0.5 * (xs[n / 2 - 1] + xs[n / 2]);
  }
}
