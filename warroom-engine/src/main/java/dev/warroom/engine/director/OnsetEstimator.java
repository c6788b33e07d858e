package dev.warroom.engine.director;

import dev.warroom.model.MetricSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Estimates when an incident began from the metrics, with the alert's start as a prior: faults
 * start before (or when) alerts fire, and an alert may be late by minutes or fire on a symptom the
 * data shows only later. Each series is searched for its strongest single change point in the range
 * {@link #BEFORE} before to {@link #AFTER} after the alert — a shift of the median of the next few
 * samples away from everything before, in robust deviations of the before part (a CUSUM- style
 * mean-shift test made robust with median and MAD, cf. Page 1954; Basseville & Nikiforov 1993). The
 * onset is the lower quartile of the change times of the most strongly changed series: a fault
 * spreads from its root, so the earliest strong changes mark its start, and the quartile ignores a
 * stray early change of one series. Resolution, history length and naming do not matter: any
 * sampling step from seconds to minutes, any names.
 */
final class OnsetEstimator {
  private OnsetEstimator() {}

  /** How far before the alert an onset is searched for. */
  static final Duration BEFORE = Duration.ofMinutes(30);

  /** How far after the alert an onset is searched for (the data may lag the alert). */
  static final Duration AFTER = Duration.ofMinutes(10);

  /** Strength (robust deviations) for a series' change to count. */
  static final double MIN_STRENGTH = 8.0;

  /** Cap on one series' strength, in robust deviations. */
  static final double MAX_STRENGTH = 50.0;

  /** Series whose change times are pooled, strongest first. */
  static final int TOP = 12;

  /** Fewest strongly changed series for an estimate. */
  static final int MIN_SERIES = 2;

  /** Samples before a candidate change point, at the least. */
  static final int MIN_BEFORE = 4;

  /** Samples before a candidate change point that define the old level, at the most. */
  static final int BEFORE_SAMPLES = 30;

  /** Samples after it that define the new level. */
  static final int AFTER_SAMPLES = 3;

  /** The estimate: the onset, or null with the reason; and how many series changed strongly. */
  record Estimate(Instant onset, int changedSeries, String how) {
    Estimate {
      Objects.requireNonNull(how, "how");
    }
  }

  /** One series' strongest change. */
  private record Change(long atMillis, double strength) {}

  static Estimate estimate(List<MetricSeries> series, Instant alertAt) {
    Objects.requireNonNull(alertAt, "alertAt");
    long from = alertAt.minus(BEFORE).toEpochMilli();
    long to = alertAt.plus(AFTER).toEpochMilli();
    List<Change> changes = new ArrayList<>();
    for (MetricSeries s : series) {
      Change c = strongest(s, from, to, alertAt.toEpochMilli());
      if (c != null) {
        changes.add(c);
      }
    }
    if (changes.size() < MIN_SERIES) {
      return new Estimate(
          null,
          changes.size(),
          "no clear change point in the metrics near the alert (" + changes.size() + " series)");
    }
    changes.sort(Comparator.comparingDouble((Change c) -> -c.strength()));
    List<Change> top = changes.subList(0, Math.min(TOP, changes.size()));
    long[] times = top.stream().mapToLong(Change::atMillis).sorted().toArray();
    long onset = times[(times.length - 1) / 2];
    return new Estimate(
        Instant.ofEpochMilli(onset),
        changes.size(),
        "change points of the "
            + top.size()
            + " most changed of "
            + changes.size()
            + " strongly changed metric series (median of their times)");
  }

  /**
   * The strongest change point of a series in [from, to]: the boundary before sample j maximising
   * |median(next samples) - median(before)| / scale(before). The change time is the midpoint
   * between the last sample before and the first after.
   */
  private static Change strongest(MetricSeries s, long from, long to, long alertMillis) {
    long[] ts = s.timestampsMillis();
    double[] v = s.values();
    int n = ts.length;
    if (n < MIN_BEFORE + AFTER_SAMPLES) {
      return null;
    }
    Change best = null;
    for (int j = MIN_BEFORE; j + AFTER_SAMPLES <= n; j++) {
      if (ts[j] < from) {
        continue;
      }
      if (ts[j] > to) {
        break;
      }
      double[] before = finite(v, Math.max(0, j - BEFORE_SAMPLES), j);
      double[] after = finite(v, j, j + AFTER_SAMPLES);
      if (before.length < MIN_BEFORE || after.length < AFTER_SAMPLES) {
        continue;
      }
      double mb = median(before);
      double ma = median(after);
      double scale = scale(before, mb);
      // Capped: beyond a few dozen deviations every change is "huge", and a flat series (MAD 0)
      // would otherwise outweigh the prior with an astronomic ratio.
      // Every one of the next samples must have moved (the least moved one counts): otherwise the
      // boundary one sample before the change, whose "after" median is already the new level,
      // would tie with the true one.
      double sign = Math.signum(ma - mb);
      double least = Double.POSITIVE_INFINITY;
      for (double x : after) {
        least = Math.min(least, sign * (x - mb));
      }
      double raw = Math.min(MAX_STRENGTH, Math.max(0, least) / scale);
      long at = ts[j - 1] + (ts[j] - ts[j - 1]) / 2;
      if (!persists(ts, v, j, alertMillis, mb, ma)) {
        continue;
      }
      double strength = raw * prior(at, alertMillis);
      if (strength < MIN_STRENGTH) {
        continue;
      }
      if (best == null || strength > best.strength()) {
        best = new Change(at, strength);
      }
    }
    return best;
  }

  /**
   * Whether a change at sample j still holds around the alert: the level there lies at least half
   * of the way from the old level to the new. An earlier incident in the history that recovered
   * before this alert fired is not this incident's onset, however strong its change was. True when
   * no sample lies near the alert (nothing to contradict it).
   */
  static boolean persists(long[] ts, double[] v, int j, long alertMillis, double mb, double ma) {
    long from = Math.max(ts[j], alertMillis - PERSIST_BEFORE.toMillis());
    long to = alertMillis + PERSIST_AFTER.toMillis();
    List<Double> near = new ArrayList<>();
    for (int i = j; i < ts.length && ts[i] <= to; i++) {
      if (ts[i] >= from && Double.isFinite(v[i])) {
        near.add(v[i]);
      }
    }
    if (near.isEmpty()) {
      return true;
    }
    double m = median(near.stream().mapToDouble(Double::doubleValue).toArray());
    return (m - mb) * Math.signum(ma - mb) >= 0.5 * Math.abs(ma - mb);
  }

  /** Around the alert, the span whose level must still show a change: from this before it ... */
  static final Duration PERSIST_BEFORE = Duration.ofMinutes(2);

  /** ... to this after it. */
  static final Duration PERSIST_AFTER = Duration.ofMinutes(3);

  /**
   * The alert as a prior on the onset: full weight from {@link #NEAR} before the alert on (alerts
   * fire at or after the onset, up to about ten minutes late, and the data may show it late),
   * decaying by e every {@link #DECAY} further back. An earlier, unrelated incident in the history
   * — real exports hold them — then needs a far stronger change to be taken for this one's start.
   */
  static double prior(long atMillis, long alertMillis) {
    long near = alertMillis - NEAR.toMillis();
    if (atMillis >= near) {
      return 1.0;
    }
    return Math.exp(-(double) (near - atMillis) / DECAY.toMillis());
  }

  /** Before the alert, the span of full prior weight. */
  static final Duration NEAR = Duration.ofMinutes(10);

  /** Decay of the prior further back. */
  static final Duration DECAY = Duration.ofMinutes(5);

  /**
   * Robust spread of the before part: 1.4826 MAD, floored so that a flat series (MAD 0) needs a
   * move of a few percent of its level, not any move at all.
   */
  private static double scale(double[] before, double median) {
    double[] dev = new double[before.length];
    for (int i = 0; i < before.length; i++) {
      dev[i] = Math.abs(before[i] - median);
    }
    double mad = 1.4826 * median(dev);
    double floor = Math.max(1e-9, 0.02 * Math.abs(median));
    return Math.max(mad, floor);
  }

  private static double[] finite(double[] v, int from, int to) {
    double[] out = new double[to - from];
    int k = 0;
    for (int i = from; i < to; i++) {
      if (Double.isFinite(v[i])) {
        out[k++] = v[i];
      }
    }
    return k == out.length ? out : Arrays.copyOf(out, k);
  }

  private static double median(double[] a) {
    double[] c = a.clone();
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }
}
