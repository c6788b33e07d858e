package dev.warroom.engine.actors;

import dev.warroom.experts.logs.FrequencyShift;
import dev.warroom.experts.metrics.MetricSemantics;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code impact_analysis}: which services and routes are failing or slow, and how much, from the
 * server-side spans (error rate and p90 latency, incident against baseline) or, without traces,
 * from error-log rates. The alerting service, when the data knows it, leads the list.
 */
public final class ImpactAnalysisActor
    implements Actor<ImpactAnalysisActor.Input, ImpactAnalysisActor.Output> {

  /**
   * @param service the alerting service, or empty when the alert names none
   */
  public record Input(String service, TimeWindow window) {
    public Input {
      service = service == null ? "" : service;
    }
  }

  /**
   * @param found whether any service is failing or slow
   * @param failing_services affected services, worst first
   * @param routes failing routes ("frontend POST /deposit")
   * @param service_known whether the alerting service appears in the data
   */
  public record Output(
      boolean found, List<String> failing_services, List<String> routes, boolean service_known) {}

  /** An error-rate rise worth reporting: at least this much absolute, and twice the baseline. */
  static final double ERROR_RATE_RISE = 0.02;

  /** A latency rise worth reporting: p90 at least this factor above baseline. */
  static final double LATENCY_FACTOR = 1.5;

  @Override
  public String name() {
    return "impact_analysis";
  }

  @Override
  public String description() {
    return "which services, routes and users are affected, and how much";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output run(Input in, InvestigationContext ctx) {
    boolean known = ctx.inventory().knows(in.service());
    List<String> failing = new ArrayList<>();
    List<String> routes = new ArrayList<>();
    if (ctx.inventory().hasTraces()) {
      fromSpans(ctx, failing, routes);
      // Spans show no rise when they hold no fault-free part (exports of the fault minutes only)
      // or when the slowdown hides in a high percentile of busy routes: the symptom metrics, when
      // there are any, are the second witness.
      if (failing.isEmpty() && ctx.inventory().hasMetrics()) {
        fromMetrics(ctx, failing);
      }
    } else if (ctx.inventory().hasLogs()) {
      fromLogs(ctx, failing);
    } else {
      fromMetrics(ctx, failing);
    }
    if (known && failing.remove(in.service())) {
      failing.add(0, in.service());
    }
    return new Output(!failing.isEmpty(), List.copyOf(failing), List.copyOf(routes), known);
  }

  private void fromSpans(InvestigationContext ctx, List<String> failing, List<String> routes) {
    RecentWindows.Spans sp = RecentWindows.spans(ctx);
    SpanStats base = sp.baselineStats();
    SpanStats inc = sp.incidentStats();
    record Hit(String service, double badness, String row) {}
    List<Hit> hits = new ArrayList<>();
    for (var e : inc.byService().entrySet()) {
      SpanStats.Service b = base.of(e.getKey());
      SpanStats.Service i = e.getValue();
      if (i.requests() == 0) {
        continue;
      }
      double errRise = i.errorRate() - b.errorRate();
      boolean errors =
          errRise >= ERROR_RATE_RISE
              && FrequencyShift.rose(
                  new FrequencyShift.Exposure(
                      b.errors(), Math.max(b.requests(), 0), i.errors(), i.requests()),
                  ErrorLocalizationActor.RISE);
      boolean slow =
          b.requests() >= 20
              && i.requests() >= 20
              && i.p95Millis() >= LATENCY_FACTOR * b.p95Millis();
      if (errors || slow) {
        double badness = Math.max(errRise * 10, slow ? i.p95Millis() / b.p95Millis() - 1 : 0);
        hits.add(
            new Hit(
                e.getKey(),
                badness,
                String.format(
                    Locale.ROOT,
                    "%s: error rate %.1f%% (baseline %.1f%%), p95 %.0f ms (baseline %.0f ms), %d spans",
                    e.getKey(),
                    100 * i.errorRate(),
                    100 * b.errorRate(),
                    i.p95Millis(),
                    b.p95Millis(),
                    i.requests())));
      }
    }
    hits.sort(Comparator.comparingDouble(h -> -h.badness()));
    hits.forEach(h -> failing.add(h.service()));
    inc.routeErrors().entrySet().stream()
        .sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
        .limit(10)
        .forEach(r -> routes.add(r.getKey()));
    if (!hits.isEmpty()) {
      List<String> rows = new ArrayList<>(hits.stream().map(Hit::row).toList());
      inc.routeErrors().entrySet().stream()
          .limit(10)
          .forEach(r -> rows.add("failed route " + r.getKey() + ": " + r.getValue() + " traces"));
      List<String> entities = new ArrayList<>(failing);
      entities.addAll(routes);
      ctx.evidence()
          .add(
              EvidenceKind.TRACE,
              name(),
              sp.incident(),
              hits.size() + " services failing or slow; worst: " + hits.get(0).row(),
              rows,
              entities,
              null);
    }
  }

  /**
   * How far (robust deviations, median after the onset) a symptom metric must move to count as
   * impact: the level-shift test's own threshold, so that noise on a healthy system is not taken
   * for a symptom.
   */
  static final double MIN_SYMPTOM_Z = 4.0;

  /**
   * Whether the shift is the bad direction of a symptom ({@link MetricSemantics}): latency or
   * errors up, a success or availability ratio down. Traffic moves either way for good reasons and
   * is not impact; a symptom whose direction the name does not tell counts when it rises.
   */
  static boolean worse(MetricScan.Entry e) {
    String signal = e.signal().id();
    if (!signal.equals("latency") && !signal.equals("errors")) {
      return false;
    }
    return switch (MetricSemantics.of(e.key()).bad()) {
      case DOWN -> e.shift().z() < 0;
      case UP, EITHER, NONE -> e.shift().z() > 0;
    };
  }

  /** Services whose symptom metrics (latency up, errors up, success down) shifted. */
  private void fromMetrics(InvestigationContext ctx, List<String> failing) {
    List<String> rows = new ArrayList<>();
    for (MetricScan.Entry e : MetricScan.of(ctx).anomalies()) {
      if (e.signal().group() != Signals.Group.SYMPTOM
          || e.service() == null
          || !worse(e)
          || Math.abs(e.shift().z()) < MIN_SYMPTOM_Z) {
        continue;
      }
      if (!failing.contains(e.service())) {
        failing.add(e.service());
      }
      if (rows.size() < 10) {
        rows.add(
            String.format(
                Locale.ROOT,
                "%s: %s from %.4g to %.4g from %s (%.1f robust deviations)",
                e.service(),
                e.key(),
                e.shift().baselineMedian(),
                e.shift().incidentMedian(),
                e.shift().onset(),
                e.shift().z()));
      }
    }
    if (!rows.isEmpty()) {
      ctx.evidence()
          .add(
              EvidenceKind.METRIC,
              name(),
              null,
              failing.size()
                  + " services show symptom metrics beyond their baseline; worst: "
                  + rows.get(0),
              rows,
              List.copyOf(failing),
              null);
    }
  }

  private void fromLogs(InvestigationContext ctx, List<String> failing) {
    RecentWindows.Logs lg = RecentWindows.problemLogs(ctx);
    Map<String, Integer> base = errorCounts(lg.baseline().rows());
    Map<String, Integer> inc = errorCounts(lg.incident().rows());
    double ratio = lengthRatio(lg.split());
    List<String> rows = new ArrayList<>();
    inc.entrySet().stream()
        .sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
        .forEach(
            e -> {
              double expected = base.getOrDefault(e.getKey(), 0) * ratio;
              if (FrequencyShift.rose(
                  new FrequencyShift.Exposure(
                      base.getOrDefault(e.getKey(), 0),
                      ErrorLocalizationActor.minutes(lg.split().baseline()),
                      e.getValue(),
                      ErrorLocalizationActor.minutes(lg.split().incident())),
                  ErrorLocalizationActor.RISE)) {
                failing.add(e.getKey());
                rows.add(
                    String.format(
                        Locale.ROOT,
                        "%s: %d error lines (expected %.0f from the baseline rate)",
                        e.getKey(),
                        e.getValue(),
                        expected));
              }
            });
    if (!rows.isEmpty()) {
      ctx.evidence()
          .add(
              EvidenceKind.LOG,
              name(),
              lg.incident(),
              failing.size() + " services log more errors than usual; worst: " + rows.get(0),
              rows,
              List.copyOf(failing),
              null);
    }
  }

  static Map<String, Integer> errorCounts(List<LogRecord> logs) {
    Map<String, Integer> m = new HashMap<>();
    for (LogRecord r : logs) {
      if (r.severity().atLeast(Severity.ERROR)) {
        m.merge(r.service(), 1, Integer::sum);
      }
    }
    return m;
  }

  /** Incident length over baseline length, to scale baseline counts (0 when no baseline). */
  static double lengthRatio(RecentWindows.Split s) {
    long b = s.baseline().length().toMillis();
    return b == 0 ? 0 : (double) s.incident().length().toMillis() / b;
  }
}
