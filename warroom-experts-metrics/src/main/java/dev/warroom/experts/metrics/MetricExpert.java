package dev.warroom.experts.metrics;

import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesChart;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics expert: finds whether, when, which way and how strongly a series left its own
 * seasonal baseline during an incident window, and turns that into {@link Finding}s whose evidence
 * carries a chart with the baseline band. A pure function of its inputs.
 *
 * <p>Detection uses {@link StreamingDetector} (robust deviation from the recent and the same-time-
 * of-day past). The onset is refined backwards from the first alerting point to the start of the
 * run of points that lie more than one robust sigma on the same side of the baseline — a
 * CUSUM-style "when did the shift begin", so a slow ramp is dated from its start, not from the
 * moment it crossed the alert level.
 */
public final class MetricExpert {
  public static final String NAME = "metrics";

  /** Robust sigmas a point must deviate before the series counts as anomalous. */
  static final double ALERT_DEVIATION = 5.0;

  private final StreamingDetector detector;
  private final int baselineDays;

  public MetricExpert(StreamingDetector detector, int baselineDays) {
    if (baselineDays < 1) {
      throw new IllegalArgumentException("baselineDays must be >= 1: " + baselineDays);
    }
    this.detector = detector;
    this.baselineDays = baselineDays;
  }

  /** The default expert: the default detector, bands from the past 4 days. */
  public static MetricExpert withDefaults() {
    return new MetricExpert(StreamingDetector.withDefaults(), 4);
  }

  /** The anomaly of {@code history} inside {@code incident}, if any. */
  public Optional<Anomaly> detect(MetricSeries history, TimeWindow incident) {
    long[] ts = history.timestampsMillis();
    double[] v = history.values();
    double[] z = detector.deviations(ts, v);
    int from = firstAtOrAfter(ts, incident.start().toEpochMilli());
    int to = firstAtOrAfter(ts, incident.end().toEpochMilli());
    int first = -1;
    double maxZ = 0;
    for (int i = from; i < to; i++) {
      if (z[i] >= ALERT_DEVIATION && first < 0) {
        first = i;
      }
      maxZ = Math.max(maxZ, z[i]);
    }
    if (first < 0) {
      return Optional.empty();
    }
    // expected value and noise per point: the seasonal band where there is enough history,
    // else the day before the incident
    BaselineBand band = BaselineBand.of(history, baselineDays);
    double[] bandMedian = band.median();
    double[] bandUpper = band.upper();
    double[] base = baseline(v, ts, from);
    double[] expected = new double[v.length];
    double[] sigma = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      boolean seasonal = !Double.isNaN(bandMedian[i]);
      expected[i] = seasonal ? bandMedian[i] : base[0];
      sigma[i] =
          seasonal
              ? Math.max((bandUpper[i] - bandMedian[i]) / BaselineBand.WIDTH_SIGMAS, base[1] * 1e-3)
              : base[1];
    }
    double sign = Math.signum(v[first] - expected[first]);
    int onset = first;
    long lookbackStart = ts[first] - (ts[to - 1] - ts[from] + 1);
    while (onset - 1 >= 0
        && ts[onset - 1] >= lookbackStart
        && sign * (v[onset - 1] - expected[onset - 1]) > sigma[onset - 1]) {
      onset--;
    }
    int end = Math.max(onset + 1, to);
    double[] residual = new double[end - onset];
    for (int i = onset; i < end; i++) {
      residual[i - onset] = v[i] - expected[i];
    }
    double[] work = new double[residual.length];
    int m = RobustStats.sortedFinite(residual, 0, residual.length, work);
    double magnitude = RobustStats.median(work, m);
    Direction direction = sign >= 0 ? Direction.UP : Direction.DOWN;
    double score = maxZ / (maxZ + StreamingDetector.Config.defaults().halfScoreZ());
    maxZ = Math.min(maxZ, StreamingDetector.MAX_DEVIATION);
    return Optional.of(
        new Anomaly(Instant.ofEpochMilli(ts[onset]), direction, magnitude, maxZ, score));
  }

  /**
   * The robust level shift of {@code incident} against a {@code baseline} sample that need not be
   * contiguous (see {@link LevelShift}): the test for a short incident window when only the
   * seasonal parts of the history were fetched, where {@link #detect} would need the whole history.
   */
  public LevelShift levelShift(MetricSeries baseline, MetricSeries incident) {
    return LevelShift.of(baseline, incident);
  }

  /** One finding per anomalous series, strongest first. */
  public List<Finding> findings(List<MetricSeries> series, TimeWindow incident) {
    List<Finding> out = new ArrayList<>();
    for (MetricSeries s : series) {
      detect(s, incident).ifPresent(a -> out.add(finding(s, incident, a)));
    }
    out.sort(Comparator.comparingDouble(Finding::score).reversed());
    return out;
  }

  private Finding finding(MetricSeries s, TimeWindow incident, Anomaly a) {
    SeriesKey key = s.key();
    String component = ChangeRanker.componentOf(key);
    String summary =
        String.format(
            Locale.ROOT,
            "%s %s by %s (%.1f robust sigmas) from %s",
            key,
            a.direction() == Direction.UP ? "rose" : "fell",
            format(Math.abs(a.magnitude())),
            a.deviation(),
            a.onset());
    Evidence evidence =
        new Evidence(
            "metrics:" + key,
            EvidenceKind.METRIC,
            NAME,
            key.toString(),
            Map.of(),
            summary,
            List.of(),
            entities(key, component),
            null,
            chart(s, incident, a));
    return new Finding(
        NAME,
        key.service(),
        component,
        null,
        summary,
        a.score(),
        a.onset(),
        List.of(evidence),
        new FindingDetail.MetricShift(
            key.toString(),
            null,
            null,
            a.direction() == Direction.UP
                ? FindingDetail.Direction.UP
                : FindingDetail.Direction.DOWN,
            a.deviation(),
            Double.NaN,
            a.magnitude()));
  }

  private SeriesChart chart(MetricSeries s, TimeWindow incident, Anomaly a) {
    BaselineBand band = BaselineBand.of(s, baselineDays);
    long[] ts = s.timestampsMillis();
    Duration context =
        incident.length().compareTo(Duration.ofHours(1)) < 0
            ? Duration.ofHours(1)
            : incident.length();
    int from = firstAtOrAfter(ts, incident.start().minus(context).toEpochMilli());
    int to = firstAtOrAfter(ts, incident.end().toEpochMilli());
    return new SeriesChart(
        s.key(),
        Arrays.copyOfRange(ts, from, to),
        Arrays.copyOfRange(s.values(), from, to),
        Arrays.copyOfRange(band.lower(), from, to),
        Arrays.copyOfRange(band.upper(), from, to),
        band.label(),
        new TimeWindow(
            a.onset().isBefore(incident.end()) ? a.onset() : incident.start(), incident.end()));
  }

  /** {median, robust sigma} of the day before index {@code from}. */
  private static double[] baseline(double[] v, long[] ts, int from) {
    int start = firstAtOrAfter(ts, ts[Math.max(0, from - 1)] - SeasonalBaseline.DAY_MILLIS);
    start = Math.min(start, Math.max(0, from - 1));
    int end = Math.max(from, start + 1);
    double[] buf = new double[end - start];
    double[] work = new double[buf.length];
    int m = RobustStats.sortedFinite(v, start, end, buf);
    if (m == 0) {
      return new double[] {0, 1};
    }
    double med = RobustStats.median(buf, m);
    double sigma = RobustStats.MAD_TO_SIGMA * RobustStats.mad(buf, m, med, work);
    return new double[] {med, Math.max(sigma, 1e-9 * Math.max(1, Math.abs(med)))};
  }

  private static List<String> entities(SeriesKey key, String component) {
    List<String> e = new ArrayList<>();
    e.add(key.name());
    if (key.service() != null) {
      e.add(key.service());
    }
    if (!e.contains(component)) {
      e.add(component);
    }
    return e;
  }

  static int firstAtOrAfter(long[] ts, long t) {
    int k = Arrays.binarySearch(ts, t);
    if (k >= 0) {
      while (k > 0 && ts[k - 1] == t) {
        k--;
      }
      return k;
    }
    return -k - 1;
  }

  private static String format(double v) {
    return Math.abs(v) >= 100 || v == Math.rint(v)
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }
}
