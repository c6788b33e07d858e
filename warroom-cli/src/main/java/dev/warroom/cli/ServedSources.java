package dev.warroom.cli;

import dev.warroom.connectors.CompositeStore;
import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.DatabaseStats;
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
 * The live sources as {@code warroom serve} hands them to the server. The server's investigations
 * read the store's summary first (the engine's data inventory), so that read starts a new query
 * budget for each source; investigations that overlap share the budget of the later one's start.
 */
final class ServedSources implements TelemetryStore {
  private final CompositeStore sources;

  ServedSources(CompositeStore sources) {
    this.sources = sources;
  }

  @Override
  public StoreSummary summary() {
    sources.startInvestigation();
    return sources.summary();
  }

  @Override
  public void check() {
    sources.check();
  }

  @Override
  public QueryResult<MetricSeries> metrics(MetricQuery q) {
    return sources.metrics(q);
  }

  @Override
  public QueryResult<MetricSeries> aggregate(MetricAggregationQuery q) {
    return sources.aggregate(q);
  }

  @Override
  public List<String> metricNames() {
    return sources.metricNames();
  }

  @Override
  public QueryResult<LogRecord> logs(LogQuery q) {
    return sources.logs(q);
  }

  @Override
  public QueryResult<LogCount> logCounts(LogCountQuery q) {
    return sources.logCounts(q);
  }

  @Override
  public QueryResult<Span> trace(String traceId) {
    return sources.trace(traceId);
  }

  @Override
  public QueryResult<Span> spans(SpanQuery q) {
    return sources.spans(q);
  }

  @Override
  public QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery q) {
    return sources.spanAggregates(q);
  }

  @Override
  public QueryResult<Event> events(EventQuery q) {
    return sources.events(q);
  }

  @Override
  public QueryResult<DatabaseStats> databases(String component) {
    return sources.databases(component);
  }

  @Override
  public Topology topology() {
    return sources.topology();
  }

  @Override
  public List<SourceFile> code(String service) {
    return sources.code(service);
  }

  @Override
  public Optional<Alert> alert() {
    return sources.alert();
  }

  @Override
  public BundleManifest manifest() {
    return sources.manifest();
  }

  @Override
  public void close() {
    sources.close();
  }
}
