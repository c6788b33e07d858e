package dev.warroom.engine.actors;

import dev.warroom.engine.agents.DataInventory;
import dev.warroom.engine.agents.QueryIntent;
import dev.warroom.engine.agents.SpanAggregate;
import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.store.QueryResult;
import dev.warroom.store.TelemetryStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TelemetrySource} that answers everything through {@code delegate} and the database
 * statistics through the store's {@link TelemetryStore#databases}. Wrap the source built over a
 * store with it so that {@code database_analysis} can run the database expert:
 *
 * <pre>{@code
 * TelemetrySource source = new DbStatsTelemetrySource(new StoreTelemetrySource(store), store);
 * }</pre>
 */
public final class DbStatsTelemetrySource implements TelemetrySource, DbStatsSource {
  private final TelemetrySource delegate;
  private final TelemetryStore store;

  public DbStatsTelemetrySource(TelemetrySource delegate, TelemetryStore store) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public QueryResult<DatabaseStats> databases(String component) {
    return store.databases(component);
  }

  @Override
  public Result<MetricSeries> metrics(QueryIntent.Metrics query) {
    return delegate.metrics(query);
  }

  @Override
  public Result<LogRecord> logs(QueryIntent.Logs query, int limit) {
    return delegate.logs(query, limit);
  }

  @Override
  public Result<Span> spans(QueryIntent.Spans query, int limit) {
    return delegate.spans(query, limit);
  }

  @Override
  public Result<Event> events(QueryIntent.Events query) {
    return delegate.events(query);
  }

  @Override
  public Result<SpanAggregate> spanAggregates(QueryIntent.Spans query) {
    return delegate.spanAggregates(query);
  }

  @Override
  public Optional<Instant> earliestLog(TimeWindow window) {
    return delegate.earliestLog(window);
  }

  @Override
  public Optional<Instant> earliestSpan(TimeWindow window) {
    return delegate.earliestSpan(window);
  }

  @Override
  public DataInventory inventory() {
    return delegate.inventory();
  }

  @Override
  public Topology topology() {
    return delegate.topology();
  }

  @Override
  public List<SourceFile> code() {
    return delegate.code();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
