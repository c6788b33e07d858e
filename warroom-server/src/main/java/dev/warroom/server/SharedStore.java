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
 * The server's one telemetry store as seen by concurrent investigations: queries are serialised
 * (one DuckDB connection does not run statements from several threads at once) and {@link #close()}
 * does nothing, because the investigator closes its source when done while the store lives as long
 * as the server.
 */
final class SharedStore implements TelemetryStore {
  private final TelemetryStore delegate;

  SharedStore(TelemetryStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized void check() {
    delegate.check();
  }

  @Override
  public synchronized QueryResult<MetricSeries> metrics(MetricQuery q) {
    return delegate.metrics(q);
  }

  @Override
  public synchronized QueryResult<MetricSeries> aggregate(MetricAggregationQuery q) {
    return delegate.aggregate(q);
  }

  @Override
  public synchronized List<String> metricNames() {
    return delegate.metricNames();
  }

  @Override
  public synchronized QueryResult<LogRecord> logs(LogQuery q) {
    return delegate.logs(q);
  }

  @Override
  public synchronized QueryResult<LogCount> logCounts(LogCountQuery q) {
    return delegate.logCounts(q);
  }

  @Override
  public synchronized QueryResult<Span> trace(String traceId) {
    return delegate.trace(traceId);
  }

  @Override
  public synchronized QueryResult<Span> spans(SpanQuery q) {
    return delegate.spans(q);
  }

  @Override
  public synchronized QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery q) {
    return delegate.spanAggregates(q);
  }

  @Override
  public synchronized QueryResult<Event> events(EventQuery q) {
    return delegate.events(q);
  }

  @Override
  public synchronized Topology topology() {
    return delegate.topology();
  }

  @Override
  public synchronized List<SourceFile> code(String service) {
    return delegate.code(service);
  }

  @Override
  public synchronized Optional<Alert> alert() {
    return delegate.alert();
  }

  @Override
  public synchronized BundleManifest manifest() {
    return delegate.manifest();
  }

  @Override
  public synchronized StoreSummary summary() {
    return delegate.summary();
  }

  @Override
  public void close() {
    // The server owns the store; investigations only borrow it.
  }
}
