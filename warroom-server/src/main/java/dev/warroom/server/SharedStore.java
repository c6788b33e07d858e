package dev.warroom.server;

import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.store.EventQuery;
import dev.warroom.store.LogCount;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.MetricAggregationQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.SpanAggregate;
import dev.warroom.store.SpanAggregateQuery;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The server's one telemetry store as seen by investigations: {@link #close()} does nothing,
 * because an investigator closes its source when done while the store lives as long as the server.
 * An investigation sees it through {@link #forAlert}: the store holds telemetry of every service
 * for as long as the server has received it, and the engine takes the data's time range as the
 * bounds of its incident window (to the data's end) and of its baseline (from the data's start); so
 * the range an investigation sees is clipped to the alert's scope, from {@link #BASELINE} before
 * the alert (the seasonal baseline of DESIGN.md) to {@link #AFTER} after it. Queries are not
 * serialised here: the DuckDB store runs each read on its own duplicated connection, so
 * investigations query in parallel, and each OTLP batch or bundle loads in one transaction, so a
 * reader sees all of it or none.
 */
final class SharedStore implements TelemetryStore {
  /** How far before an alert an investigation looks: the past 4 days, a seasonal baseline. */
  static final Duration BASELINE = Duration.ofDays(4);

  /** How far after an alert's start an investigation looks when the alert has no end. */
  static final Duration AFTER = Duration.ofHours(1);

  private final TelemetryStore delegate;
  private final TimeWindow scope;

  SharedStore(TelemetryStore delegate) {
    this(delegate, null);
  }

  private SharedStore(TelemetryStore delegate, TimeWindow scope) {
    this.delegate = delegate;
    this.scope = scope;
  }

  /** The store as the investigation of {@code alert} sees it: its time range clipped to scope. */
  SharedStore forAlert(Alert alert) {
    Instant end = alert.endsAt() != null ? alert.endsAt() : alert.startsAt().plus(AFTER);
    return new SharedStore(delegate, new TimeWindow(alert.startsAt().minus(BASELINE), end));
  }

  @Override
  public void check() {
    delegate.check();
  }

  @Override
  public QueryResult<MetricSeries> metrics(MetricQuery q) {
    return delegate.metrics(q);
  }

  @Override
  public QueryResult<MetricSeries> aggregate(MetricAggregationQuery q) {
    return delegate.aggregate(q);
  }

  @Override
  public List<String> metricNames() {
    return delegate.metricNames();
  }

  @Override
  public QueryResult<LogRecord> logs(LogQuery q) {
    return delegate.logs(q);
  }

  @Override
  public QueryResult<LogCount> logCounts(LogCountQuery q) {
    return delegate.logCounts(q);
  }

  @Override
  public QueryResult<Span> trace(String traceId) {
    return delegate.trace(traceId);
  }

  @Override
  public QueryResult<Span> spans(SpanQuery q) {
    return delegate.spans(q);
  }

  @Override
  public QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery q) {
    return delegate.spanAggregates(q);
  }

  @Override
  public QueryResult<Event> events(EventQuery q) {
    return delegate.events(q);
  }

  @Override
  public QueryResult<dev.warroom.model.DatabaseStats> databases(String component) {
    return delegate.databases(component);
  }

  @Override
  public Topology topology() {
    return delegate.topology();
  }

  @Override
  public List<SourceFile> code(String service) {
    return delegate.code(service);
  }

  @Override
  public Optional<Alert> alert() {
    return delegate.alert();
  }

  @Override
  public BundleManifest manifest() {
    return delegate.manifest();
  }

  @Override
  public StoreSummary summary() {
    StoreSummary s = delegate.summary();
    if (scope == null || s.timeRange() == null) {
      return s;
    }
    Instant start = max(s.timeRange().start(), scope.start());
    Instant end = min(s.timeRange().end(), scope.end());
    return new StoreSummary(
        s.series(),
        s.points(),
        s.logRecords(),
        s.spans(),
        s.traces(),
        s.events(),
        s.services(),
        end.isAfter(start) ? new TimeWindow(start, end) : null);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  @Override
  public void close() {
    // The server owns the store; investigations only borrow it.
  }
}
