package dev.warroom.experts.metrics;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.TimeWindow;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Ranks which of many series changed most at an incident's onset, in the BARO family (Pham et al.,
 * "BARO: Robust Root Cause Analysis for Microservices via Multivariate Bayesian Online Change Point
 * Detection", FSE 2024, its RobustScorer): each series' points before the onset are its normal
 * period, summarised by median and inter-quartile range; its score is the largest |value − median|
 * / IQR after the onset (an N-sigma test with robust statistics). Series map to a component through
 * their labels ({@code pod}, then {@code instance}/{@code node}/{@code host}, then {@code
 * service}). Series are scored in parallel; each costs a few linear-time selections (quickselect)
 * over its normal period rather than a sort.
 *
 * <p>Counters ({@code _total} etc. that only grow) are ranked by their per-second rate ({@link
 * CounterRates}), as a raw cumulative value always looks higher than its past.
 *
 * <p>Seasonal awareness: when the history covers the same time of day on past days ({@link
 * SeasonalChange}), the post-onset points are compared with those instead ({@link
 * Baseline#SAME_TIME_PAST_DAYS}), so the daily peak arriving on time is not mistaken for a change;
 * otherwise the whole pre-onset period is the baseline ({@link Baseline#PRE_ONSET}).
 */
public final class ChangeRanker {
  private ChangeRanker() {}

  /** One series' change at onset; {@code score} in [0, 1] is comparable across series. */
  public record RankedChange(
      SeriesKey key,
      String service,
      String component,
      double deviation,
      Direction direction,
      double score,
      Baseline baseline) {
    public RankedChange {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(component, "component");
      Objects.requireNonNull(baseline, "baseline");
    }
  }

  /** What a series was compared with. */
  public enum Baseline {
    /** The same time of day on up to 4 previous days, in day-over-day noise units. */
    SAME_TIME_PAST_DAYS,
    /** The whole normal period before the onset (median and IQR), when no past day covers it. */
    PRE_ONSET
  }

  /**
   * The noise at the incident's own resolution: the IQR of the normal points in the hour before the
   * onset (0 with fewer than 8), a floor for the seasonal scale, since history is often downsampled
   * (the gym keeps 5-minute history and 15-second incident points) and so smoother than the
   * present.
   */
  private static double localScale(MetricSeries s, int split) {
    long from = s.timestampAt(split) - 3_600_000L;
    double[] recent = new double[split];
    int m = 0;
    for (int i = split - 1; i >= 0 && s.timestampAt(i) >= from; i--) {
      if (!Double.isNaN(s.valueAt(i))) {
        recent[m++] = s.valueAt(i);
      }
    }
    if (m < 8) {
      return 0;
    }
    double[] q = RobustStats.quantilesBySelection(recent, m, 0.25, 0.75);
    return q[1] - q[0];
  }

  /**
   * Scores every series of {@code series} that has at least 3 points before {@code onset} (its
   * normal period) and one in {@code [onset, incident.end)}; strongest first. Pass each series
   * already cut to the history you want as normal (e.g. the past 4 days).
   */
  public static List<RankedChange> rank(
      List<MetricSeries> series, TimeWindow incident, Instant onset) {
    if (!incident.contains(onset) && !onset.equals(incident.start())) {
      throw new IllegalArgumentException("onset " + onset + " outside incident window " + incident);
    }
    long onsetMs = onset.toEpochMilli();
    long endMs = incident.end().toEpochMilli();
    return series.parallelStream()
        .map(s -> score(s, onsetMs, endMs))
        .filter(Objects::nonNull)
        .sorted(Comparator.comparingDouble(RankedChange::score).reversed())
        .toList();
  }

  static RankedChange score(MetricSeries raw, long onsetMs, long endMs) {
    MetricSeries s = CounterRates.asRate(raw);
    int n = s.size();
    int split = lowerBound(s, onsetMs);
    int end = lowerBound(s, endMs);
    if (split < 3 || end <= split) {
      return null;
    }
    double[] normal = new double[split];
    int m = 0;
    for (int i = 0; i < split; i++) {
      double v = s.valueAt(i);
      if (!Double.isNaN(v)) {
        normal[m++] = v;
      }
    }
    if (m < 3) {
      return null;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      min = Math.min(min, normal[i]);
      max = Math.max(max, normal[i]);
    }
    double[] q = RobustStats.quantilesBySelection(normal, m, 0.25, 0.5, 0.75);
    double median = q[1];
    double iqr = q[2] - q[0];
    double range = max - min;
    // a flat normal period has IQR 0: fall back to its range, then to a sliver of its level
    double scale = Math.max(iqr, Math.max(0.1 * range, 1e-6 * Math.max(1.0, Math.abs(median))));
    double best = 0;
    double signed = 0;
    Baseline baseline = Baseline.PRE_ONSET;
    // the copies are made only when at least a day of history precedes the onset
    boolean dayBefore =
        s.timestampAt(split) - SeasonalChange.DAY_MS + SeasonalChange.SLACK_MS >= s.timestampAt(0);
    double[] seasonal =
        !dayBefore
            ? null
            : SeasonalChange.deviation(
                s.timestampsMillis(),
                s.values(),
                split,
                Math.min(end, n),
                Math.max(localScale(s, split), 1e-6 * Math.max(1.0, Math.abs(median))));
    if (seasonal != null) {
      baseline = Baseline.SAME_TIME_PAST_DAYS;
      signed = seasonal[0];
      best = Math.abs(signed);
    } else {
      for (int i = split; i < Math.min(end, n); i++) {
        double d = (s.valueAt(i) - median) / scale;
        if (Math.abs(d) > best) {
          best = Math.abs(d);
          signed = d;
        }
      }
    }
    SeriesKey key = s.key();
    return new RankedChange(
        key,
        key.service(),
        componentOf(key),
        Math.min(best, StreamingDetector.MAX_DEVIATION),
        signed >= 0 ? Direction.UP : Direction.DOWN,
        best / (best + 6.0),
        baseline);
  }

  /** The most specific component a series' labels name. */
  public static String componentOf(SeriesKey key) {
    for (String label : List.of("pod", "instance", "node", "host", "container", "service", "job")) {
      String v = key.label(label);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return key.name();
  }

  private static int lowerBound(MetricSeries s, long t) {
    int lo = 0;
    int hi = s.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s.timestampAt(mid) < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
