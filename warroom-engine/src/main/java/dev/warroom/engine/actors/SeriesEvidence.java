package dev.warroom.engine.actors;

import dev.warroom.engine.agents.Observation;
import dev.warroom.engine.agents.QueryIntent;
import dev.warroom.experts.metrics.LevelShift;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesChart;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns a scanned anomalous series into evidence: a targeted query for exactly that series over the
 * incident window and the hour before it, a chart with the seasonal baseline band ("calculated from
 * the past 4 days") and the anomalous window highlighted, and a finding.
 */
final class SeriesEvidence {
  private SeriesEvidence() {}

  static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 1e6 || (a > 0 && a < 1e-3)) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return a >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** Records evidence and a finding for {@code e}; the finding's fault class is {@code fault}. */
  static Finding record(
      InvestigationContext ctx, String expert, MetricScan.Entry e, FaultClass fault) {
    TimeWindow w =
        new TimeWindow(ctx.window().start().minus(Duration.ofHours(1)), ctx.window().end());
    Observation<MetricSeries> obs =
        ctx.agent()
            .metrics(
                new QueryIntent.Metrics(
                    e.key().name(),
                    e.key().labels(),
                    QueryIntent.Aggregation.RAW,
                    Duration.ofMinutes(1),
                    w));
    LevelShift s = e.shift();
    String dir = s.z() > 0 ? "rose" : "fell";
    String summary =
        e.key()
            + " "
            + dir
            + " from a baseline median of "
            + fmt(s.baselineMedian())
            + " to "
            + fmt(s.incidentMedian())
            + " from "
            + s.onset()
            + " ("
            + String.format(Locale.ROOT, "%.1f", Math.abs(s.z()))
            + " robust deviations)";
    SeriesChart chart = null;
    List<String> rows = new ArrayList<>();
    if (!obs.rows().isEmpty()) {
      MetricSeries series = obs.rows().get(0);
      chart = chart(ctx, series, s, e);
      int n = series.size();
      for (int i = Math.max(0, n - 5); i < n; i++) {
        rows.add(
            java.time.Instant.ofEpochMilli(series.timestampAt(i)) + " " + fmt(series.valueAt(i)));
      }
    }
    List<String> entities = new ArrayList<>();
    entities.add(e.key().name());
    entities.add(e.key().toString());
    e.key().labels().values().forEach(entities::add);
    entities.add(fmt(s.baselineMedian()));
    entities.add(fmt(s.incidentMedian()));
    Evidence ev =
        ctx.evidence().add(EvidenceKind.METRIC, expert, obs, summary, rows, entities, chart);
    String component =
        e.key().label("pod") != null
            ? e.key().label("pod")
            : e.node() != null && e.service() == null ? e.node() : e.service();
    return new Finding(
        expert,
        e.service(),
        component == null ? e.key().toString() : component,
        fault,
        summary,
        s.score(),
        s.onset(),
        List.of(ev),
        new FindingDetail.MetricShift(
            e.key().toString(),
            e.signal().id(),
            e.signal().group().name().toLowerCase(Locale.ROOT),
            s.z() > 0 ? FindingDetail.Direction.UP : FindingDetail.Direction.DOWN,
            Math.abs(s.z()),
            s.baselineMedian(),
            s.incidentMedian()));
  }

  static String bandLabel(InvestigationContext ctx) {
    long hours = ctx.baseline().length().toHours();
    return hours >= 48
        ? "calculated from the past " + (hours + 12) / 24 + " days"
        : "calculated from the past " + Math.max(1, hours) + " hours";
  }

  private static SeriesChart chart(
      InvestigationContext ctx, MetricSeries series, LevelShift s, MetricScan.Entry e) {
    double lo = s.baselineMedian();
    long[] ts = series.timestampsMillis();
    double[] vs = series.values();
    double[] lower = new double[vs.length];
    double[] upper = new double[vs.length];
    // The band is the seasonal baseline's median ± THRESHOLD robust deviations, the detector's own
    // decision boundary, so what the chart shades is what the detector called normal.
    double spread = s.sigma();
    Arrays.fill(lower, lo - LevelShift.THRESHOLD * spread);
    Arrays.fill(upper, lo + LevelShift.THRESHOLD * spread);
    return new SeriesChart(
        series.key(),
        ts,
        vs,
        lower,
        upper,
        bandLabel(ctx),
        new TimeWindow(s.onset(), ctx.window().end()));
  }
}
