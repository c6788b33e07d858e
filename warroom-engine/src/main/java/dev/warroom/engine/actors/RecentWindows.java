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

  record Split(TimeWindow baseline, TimeWindow incident) {}

  private RecentWindows() {}

  /** Shortest baseline worth comparing against. */
  static final Duration MIN_BASELINE = Duration.ofMinutes(5);

  /**
   * Baseline and incident windows for data that starts at {@code coverage}: the recent past before
   * the incident window when the data reaches back at least {@link #MIN_BASELINE}; else the part of
   * the window before the alert's start minus {@link #LEAD}; else no baseline (empty window).
   */
  static Split split(InvestigationContext ctx, Instant coverage) {
    TimeWindow w = ctx.window();
    Instant recentStart = w.start().minus(RECENT);
    Instant from = coverage == null || coverage.isBefore(recentStart) ? recentStart : coverage;
    if (!from.plus(MIN_BASELINE).isAfter(w.start())) {
      return new Split(new TimeWindow(from, w.start()), w);
    }
    Instant cut = ctx.incident().alert().startsAt().minus(LEAD);
    Instant bStart = from.isAfter(w.start()) ? from : w.start();
    if (!bStart.plus(MIN_BASELINE).isAfter(cut) && cut.isBefore(w.end())) {
      return new Split(new TimeWindow(bStart, cut), new TimeWindow(cut, w.end()));
    }
    return new Split(new TimeWindow(w.start(), w.start()), w);
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
          Split s = split(ctx, ctx.agent().source().earliestSpan(probe(ctx)).orElse(null));
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
          Split s = split(ctx, ctx.agent().source().earliestLog(probe(ctx)).orElse(null));
          var b =
              ctx.agent().logs(new QueryIntent.Logs(List.of(), Severity.WARN, null, s.baseline()));
          var i =
              ctx.agent().logs(new QueryIntent.Logs(List.of(), Severity.WARN, null, s.incident()));
          return new Logs(s, b, i);
        });
  }
}
