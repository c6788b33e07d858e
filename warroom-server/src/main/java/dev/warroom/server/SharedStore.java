package dev.warroom.server;

import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
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
import java.util.List;
import java.util.Optional;

/**
 * The server's one telemetry store as seen by investigations: {@link #close()} does nothing,
 * because an investigator closes its source when done while the store lives as long as the server.
 * Queries are not serialised here: the DuckDB store runs each read on its own duplicated
 * connection, so investigations query in parallel, and each OTLP batch or bundle loads in one
 * transaction, so a reader sees all of it or none.
 */
final class SharedStore implements TelemetryStore {
  private final TelemetryStore delegate;

  SharedStore(TelemetryStore delegate) {
    this.delegate = delegate;
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
    return delegate.summary();
  }

  @Override
  public void close() {
    // The server owns the store; investigations only borrow it.
  }
}
