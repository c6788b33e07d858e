package dev.warroom.engine.actors;

import dev.warroom.engine.agents.Observation;
import dev.warroom.engine.agents.QueryIntent;
import dev.warroom.engine.agents.SpanAggregate;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Logs and spans are kept at full resolution only around an incident, so their baseline is the
 * recent past: the two hours before the incident window when the data reaches back that far, else
 * the part of the incident window before the alert's {@link #LEAD} (faults start before alerts
 * fire, so that part is "before" only approximately; the comparison says which it used).
 */
final class RecentWindows {
  static final Duration RECENT = Duration.ofHours(2);
  static final Duration LEAD = Duration.ofMinutes(10);

  record Split(TimeWindow baseline, TimeWindow incident, String why) {
    Split(TimeWindow baseline, TimeWindow incident) {
      this(baseline, incident, "");
    }

    String describe(String kind) {
      return kind
          + ": baseline "
          + (baseline.length().isZero() ? "none" : baseline.start() + ".." + baseline.end())
          + ", incident "
          + incident.start()
          + ".."
          + incident.end()
          + (why.isEmpty() ? "" : " (" + why + ")");
    }
  }

  private RecentWindows() {}

  /** Shortest baseline worth comparing against. */
  static final Duration MIN_BASELINE = Duration.ofMinutes(5);

  /** Shortest pre-onset baseline when the onset was estimated from the data. */
  static final Duration MIN_ONSET_BASELINE = Duration.ofMinutes(1);

  /**
   * Shortest baseline before the alert when the data starts after the estimated onset: traces and
   * logs are dense (thousands of spans a minute), so half a minute already shows the usual call
   * pattern.
   */
  static final Duration MIN_ALERT_BASELINE = Duration.ofSeconds(30);

  /** Left out between baseline and incident around an estimated onset (its uncertainty). */
  static final Duration GUARD = Duration.ofSeconds(30);

  /** Longest fault-free stretch after the incident taken as the baseline. */
  static final Duration AFTER_BASELINE = Duration.ofMinutes(30);

  /**
   * Baseline and incident windows for data that starts at {@code coverage}, in this order of
   * preference:
   *
   * <ol>
   *   <li>the recent past before the incident window, when the data reaches back at least {@link
   *       #MIN_BASELINE};
   *   <li>the data before the onset inside the window — the estimated onset ({@link
   *       InvestigationContext#onset()}, at least {@link #MIN_ONSET_BASELINE} of data before it),
   *       or else the alert's start minus {@link #LEAD} (faults start before alerts fire);
   *   <li>data recorded after the incident window ({@code after}: where the next data starts), as
   *       exports of fault-injection experiments and "normal day" captures hold;
   *   <li>no baseline (an empty window): the actors then compare within the incident.
   * </ol>
   */
  static Split split(
      InvestigationContext ctx,
      Instant coverage,
      java.util.function.Function<TimeWindow, java.util.Optional<Instant>> after) {
    TimeWindow w = ctx.window();
    if (ctx.baselineDeclared()) {
      return new Split(ctx.baseline(), w, "the declared baseline");
    }
    Instant recentStart = w.start().minus(RECENT);
    Instant from = coverage == null || coverage.isBefore(recentStart) ? recentStart : coverage;
    if (coverage != null && !from.plus(MIN_BASELINE).isAfter(w.start())) {
      return new Split(new TimeWindow(from, w.start()), w, "the recent past before the window");
    }
    Instant bStart = from.isAfter(w.start()) ? from : w.start();
    if (ctx.onsetEstimated()) {
      Instant onset = ctx.onset();
      Instant bEnd = onset.minus(GUARD);
      if (!bStart.plus(MIN_ONSET_BASELINE).isAfter(bEnd) && onset.isBefore(w.end())) {
        return new Split(
            new TimeWindow(bStart, bEnd),
            new TimeWindow(onset, w.end()),
            "the data before the estimated onset");
      }
      // This kind of data starts after the onset estimated from the metrics: either the onset
      // estimate is early for it or all of it is faulty. The alert is the other marker of the
      // fault's start; what this data holds before it is the only "before" it has.
      Instant alert = ctx.incident().alert().startsAt();
      if (!bStart.isBefore(onset)
          && !bStart.plus(MIN_ALERT_BASELINE).isAfter(alert)
          && alert.isBefore(w.end())) {
        return new Split(
            new TimeWindow(bStart, alert),
            new TimeWindow(alert, w.end()),
            "the data before the alert (it starts after the onset estimated from the metrics)");
      }
    } else {
      Instant cut = ctx.incident().alert().startsAt().minus(LEAD);
      if (!bStart.plus(MIN_BASELINE).isAfter(cut) && cut.isBefore(w.end())) {
        return new Split(
            new TimeWindow(bStart, cut),
            new TimeWindow(cut, w.end()),
            "the data before " + LEAD.toMinutes() + " min ahead of the alert");
      }
    }
    if (after != null) {
      java.util.Optional<Instant> next =
          after.apply(new TimeWindow(w.end(), w.end().plus(Duration.ofDays(2))));
      if (next.isPresent() && !next.get().isBefore(w.end())) {
        Instant incidentStart =
            ctx.onsetEstimated() && ctx.onset().isAfter(w.start()) ? ctx.onset() : w.start();
        return new Split(
            new TimeWindow(next.get(), next.get().plus(AFTER_BASELINE)),
            new TimeWindow(incidentStart, w.end()),
            "no data before the onset: fault-free data recorded after the incident");
      }
    }
    return new Split(
        new TimeWindow(w.start(), w.start()),
        w,
        "no data outside the incident: compared within it");
  }

  static Split split(InvestigationContext ctx, Instant coverage) {
    return split(ctx, coverage, null);
  }

  private static TimeWindow probe(InvestigationContext ctx) {
    return new TimeWindow(ctx.window().start().minus(RECENT), ctx.window().end());
  }

  /**
   * Spans of baseline and incident windows, fetched once per investigation: the per-operation
   * aggregates and the failed spans, and the traces expert's statistics of each window (computed
   * once, shared by the actors that read them).
   */
  record Spans(
      Split split,
      Observation<SpanAggregate> baseline,
      Observation<SpanAggregate> incident,
      Observation<Span> baselineErrors,
      Observation<Span> incidentErrors,
      SpanStats baselineStats,
      SpanStats incidentStats) {
    Spans(
        Split split,
        Observation<SpanAggregate> baseline,
        Observation<SpanAggregate> incident,
        Observation<Span> baselineErrors,
        Observation<Span> incidentErrors) {
      this(
          split,
          baseline,
          incident,
          baselineErrors,
          incidentErrors,
          SpanStats.of(baseline.rows(), baselineErrors.rows()),
          SpanStats.of(incident.rows(), incidentErrors.rows()));
    }
  }

  static Spans spans(InvestigationContext ctx) {
    return ctx.memo(
        "spans",
        () -> {
          var source = ctx.agent().source();
          Split s = split(ctx, source.earliestSpan(probe(ctx)).orElse(null), source::earliestSpan);
          ctx.noteSplit(s.describe("traces"));
          var b = ctx.agent().spanAggregates(new QueryIntent.Spans(List.of(), false, s.baseline()));
          var i = ctx.agent().spanAggregates(new QueryIntent.Spans(List.of(), false, s.incident()));
          var be = ctx.agent().spans(new QueryIntent.Spans(List.of(), true, s.baseline()));
          var ie = ctx.agent().spans(new QueryIntent.Spans(List.of(), true, s.incident()));
          return new Spans(s, b, i, be, ie);
        });
  }

  /** Warning-and-above logs of baseline and incident windows, fetched once per investigation. */
  record Logs(Split split, Observation<LogRecord> baseline, Observation<LogRecord> incident) {}

  static Logs problemLogs(InvestigationContext ctx) {
    return ctx.memo(
        "problem-logs",
        () -> {
          var source = ctx.agent().source();
          Split s = split(ctx, source.earliestLog(probe(ctx)).orElse(null), source::earliestLog);
          ctx.noteSplit(s.describe("logs"));
          var b =
              ctx.agent().logs(new QueryIntent.Logs(List.of(), Severity.WARN, null, s.baseline()));
          var i =
              ctx.agent().logs(new QueryIntent.Logs(List.of(), Severity.WARN, null, s.incident()));
          return new Logs(s, b, i);
        });
  }
}
