package dev.warroom.store;

import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;
import java.util.List;
import java.util.Optional;

/**
 * The read SPI over CoMELT telemetry that experts and actors use. Each query is a value record
 * shaped so that a backend can push it down whole (PromQL for metrics, an OpenSearch query for
 * logs, a Zipkin/Jaeger query for traces, SQL for DuckDB or ClickHouse); every result carries the
 * native query that ran. Implementations do no I/O when constructed (see {@link #check}) and are
 * safe to call from several threads.
 *
 * <p>Every implementation passes the contract suite {@code TelemetryStoreContract} of this module's
 * test-jar.
 */
public interface TelemetryStore extends AutoCloseable {

  /** Verifies the backend answers; throws {@code WarroomException} naming the problem if not. */
  void check();

  /** Raw series and their points within the window. */
  QueryResult<MetricSeries> metrics(MetricQuery query);

  /** Step aggregation (rate, avg, max, quantiles, … grouped by labels over time buckets). */
  QueryResult<MetricSeries> aggregate(MetricAggregationQuery query);

  /** Names of the metrics held, sorted. */
  List<String> metricNames();

  QueryResult<LogRecord> logs(LogQuery query);

  QueryResult<LogCount> logCounts(LogCountQuery query);

  /** All spans of a trace, by start time; empty when unknown. */
  QueryResult<Span> trace(String traceId);

  QueryResult<Span> spans(SpanQuery query);

  QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery query);

  QueryResult<Event> events(EventQuery query);

  /** The topology held (empty when none was loaded). */
  Topology topology();

  /** Source files of a service (all services when {@code service} is null), sorted by path. */
  List<SourceFile> code(String service);

  /** The alert of the loaded incident, if any. */
  Optional<Alert> alert();

  /** The manifest of the last bundle loaded (empty when none). */
  BundleManifest manifest();

  StoreSummary summary();

  /**
   * Statistics of the SQL databases (statement counters, plans, lock waits) of {@code component},
   * or of every database when it is null, sorted by component. A store without such data answers an
   * empty result.
   */
  default QueryResult<dev.warroom.model.DatabaseStats> databases(String component) {
    return new QueryResult<>(List.of(), "none", "", false);
  }

  /** Releases the store; no exception for a store already closed. */
  @Override
  void close();
}
