package dev.warroom.engine.agents;

import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;
import java.util.List;

/**
 * Where agents read telemetry: runs a {@link QueryIntent} and returns the rows with the native
 * query text that produced them. The one implementation over data is {@link StoreTelemetrySource},
 * over the store SPI ({@link dev.warroom.store.TelemetryStore}: the embedded store or a live
 * connector); the others decorate it (withheld kinds, timings).
 */
public interface TelemetrySource extends AutoCloseable {

  /** A native query text and the rows it returned. */
  record Result<T>(List<T> rows, String nativeQuery) {
    public Result {
      rows = List.copyOf(rows);
    }
  }

  Result<MetricSeries> metrics(QueryIntent.Metrics query);

  Result<LogRecord> logs(QueryIntent.Logs query, int limit);

  Result<Span> spans(QueryIntent.Spans query, int limit);

  Result<Event> events(QueryIntent.Events query);

  /** Per service and operation: span count, failures and p95, aggregated by the source. */
  Result<SpanAggregate> spanAggregates(QueryIntent.Spans query);

  /** The time of the earliest log record in the window (any service, any level), if any. */
  default java.util.Optional<java.time.Instant> earliestLog(dev.warroom.model.TimeWindow window) {
    return logs(new QueryIntent.Logs(List.of(), null, null, window), 1).rows().stream()
        .map(LogRecord::timestamp)
        .min(java.util.Comparator.naturalOrder());
  }

  /** The start of the earliest span in the window, if any. */
  default java.util.Optional<java.time.Instant> earliestSpan(dev.warroom.model.TimeWindow window) {
    return spans(new QueryIntent.Spans(List.of(), false, window), 1).rows().stream()
        .map(Span::start)
        .min(java.util.Comparator.naturalOrder());
  }

  /**
   * Statistics of the SQL databases (a bundle's {@code db/} folders: statement counters, plans,
   * lock waits) of {@code component}, or of every database when it is null, with the native query
   * that read them. A source without such data answers an empty result.
   */
  default dev.warroom.store.QueryResult<dev.warroom.model.DatabaseStats> databases(
      String component) {
    return new dev.warroom.store.QueryResult<>(List.of(), "none", "", false);
  }

  /**
   * The reads that failed so far in this investigation (a source down, slow, refusing, or unable to
   * answer a kind of query), one line each naming the data, the query and the error; the report
   * lists them under "Missing data". Empty for a source that cannot fail.
   */
  default List<String> failures() {
    return List.of();
  }

  /** What kinds of data exist, for which services and over which time range. */
  DataInventory inventory();

  Topology topology();

  List<SourceFile> code();

  @Override
  default void close() {}

  /**
   * A source over a bundle held in memory, read through the same path production uses: the bundle
   * is loaded into an in-memory embedded store ({@link dev.warroom.store.duckdb.DuckDbStore}) and
   * read through the store SPI; closing the source closes the store.
   */
  static TelemetrySource inMemory(dev.warroom.model.IncidentBundle bundle) {
    dev.warroom.store.duckdb.DuckDbStore store = dev.warroom.store.duckdb.DuckDbStore.inMemory();
    try {
      store.ingest(bundle);
      return new StoreTelemetrySource(store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }
}
