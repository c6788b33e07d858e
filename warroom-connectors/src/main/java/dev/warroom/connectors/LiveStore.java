package dev.warroom.connectors;

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
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.UnsupportedQueryException;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TelemetryStore} that reads one configured backend over the network. It knows its source
 * (for reports and {@code warroom sources check}) and holds a per-investigation query budget that
 * {@link #startInvestigation} renews.
 *
 * <p>A backend holds some kinds of data only: every read here refuses by default with {@link
 * #unsupported} (the engine then lists that data as not answerable by the source), and a connector
 * overrides the reads its backend answers. A live source holds no alert and no bundle manifest.
 */
public interface LiveStore extends TelemetryStore {
  /** The source entry this store reads. */
  SourceConfig source();

  /** Starts a new investigation: the source's query budget is renewed. */
  void startInvestigation();

  /**
   * The refusal of a read of {@code kind} ("metrics", "logs", "traces", "events", "topology",
   * "source code", "database statistics") that this source cannot answer; a connector may say more
   * about what it does answer.
   */
  default UnsupportedQueryException unsupported(String kind) {
    return new UnsupportedQueryException(
        "source " + source().name() + " (" + source().type().id() + ") holds no " + kind);
  }

  @Override
  default QueryResult<MetricSeries> metrics(MetricQuery query) {
    throw unsupported("metrics");
  }

  @Override
  default QueryResult<MetricSeries> aggregate(MetricAggregationQuery query) {
    throw unsupported("metrics");
  }

  @Override
  default List<String> metricNames() {
    throw unsupported("metrics");
  }

  @Override
  default QueryResult<LogRecord> logs(LogQuery query) {
    throw unsupported("logs");
  }

  @Override
  default QueryResult<LogCount> logCounts(LogCountQuery query) {
    throw unsupported("logs");
  }

  @Override
  default QueryResult<Span> trace(String traceId) {
    throw unsupported("traces");
  }

  @Override
  default QueryResult<Span> spans(SpanQuery query) {
    throw unsupported("traces");
  }

  @Override
  default QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery query) {
    throw unsupported("traces");
  }

  @Override
  default QueryResult<Event> events(EventQuery query) {
    throw unsupported("events");
  }

  @Override
  default Topology topology() {
    throw unsupported("topology");
  }

  @Override
  default List<SourceFile> code(String service) {
    throw unsupported("source code");
  }

  @Override
  default QueryResult<dev.warroom.model.DatabaseStats> databases(String component) {
    throw unsupported("database statistics");
  }

  @Override
  default Optional<Alert> alert() {
    return Optional.empty();
  }

  @Override
  default BundleManifest manifest() {
    return BundleManifest.empty();
  }
}
