package dev.warroom.engine.agents;

import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.Span;
import java.util.Objects;

/**
 * The agents' query toolkit: runs an intent against the telemetry source within the budget and
 * returns an {@link Observation} carrying the rows, the query that actually ran, and the query
 * rendered in the user's dialect. Actors package observations into evidence.
 */
public final class TelemetryAgent {
  /** Upper bound on rows fetched per log or span query, so one noisy service cannot stall. */
  public static final int ROW_LIMIT = 200_000;

  private final TelemetrySource source;
  private final DialectProfile dialects;
  private final Budget budget;

  public TelemetryAgent(TelemetrySource source, DialectProfile dialects, Budget budget) {
    this.source = Objects.requireNonNull(source, "source");
    this.dialects = Objects.requireNonNull(dialects, "dialects");
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  public Observation<MetricSeries> metrics(QueryIntent.Metrics q) {
    budget.spendQuery();
    var r = source.metrics(q);
    return new Observation<>(q, r.rows(), r.nativeQuery(), QueryRenderer.renderFor(q, dialects));
  }

  public Observation<LogRecord> logs(QueryIntent.Logs q) {
    budget.spendQuery();
    var r = source.logs(q, ROW_LIMIT);
    return new Observation<>(q, r.rows(), r.nativeQuery(), QueryRenderer.renderFor(q, dialects));
  }

  public Observation<Span> spans(QueryIntent.Spans q) {
    budget.spendQuery();
    var r = source.spans(q, ROW_LIMIT);
    return new Observation<>(q, r.rows(), r.nativeQuery(), QueryRenderer.renderFor(q, dialects));
  }

  public Observation<SpanAggregate> spanAggregates(QueryIntent.Spans q) {
    budget.spendQuery();
    var r = source.spanAggregates(q);
    return new Observation<>(q, r.rows(), r.nativeQuery(), QueryRenderer.renderFor(q, dialects));
  }

  public Observation<Event> events(QueryIntent.Events q) {
    budget.spendQuery();
    var r = source.events(q);
    return new Observation<>(q, r.rows(), r.nativeQuery(), QueryRenderer.renderFor(q, dialects));
  }

  public TelemetrySource source() {
    return source;
  }

  public DataInventory inventory() {
    return source.inventory();
  }

  public Budget budget() {
    return budget;
  }
}
