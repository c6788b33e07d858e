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

  /**
   * How far before an alert's start its incident may have begun: alerts fire after a {@code for:}
   * delay and an evaluation interval, commonly minutes, so an hour covers late alerts without
   * reaching into an unrelated earlier incident's statistics.
   */
  static final Duration LEAD = Duration.ofHours(1);

  private final TelemetryStore delegate;
  private final TimeWindow scope;

  /** The incident's own window (within scope): what database statistics must overlap. */
  private final TimeWindow incident;

  SharedStore(TelemetryStore delegate) {
    this(delegate, null, null);
  }

  private SharedStore(TelemetryStore delegate, TimeWindow scope, TimeWindow incident) {
    this.delegate = delegate;
    this.scope = scope;
    this.incident = incident;
  }

  /** The store as the investigation of {@code alert} sees it: its time range clipped to scope. */
  SharedStore forAlert(Alert alert) {
    return forAlert(alert, Declared.NONE);
  }

  /**
   * The store as the investigation of {@code alert} sees it, with the windows its bundle's manifest
   * declared: the declared incident window replaces the one derived from the alert (its end bounds
   * the range seen) and a declared baseline is kept inside the range, however long ago it was.
   */
  SharedStore forAlert(Alert alert, Declared declared) {
    TimeWindow window = declared.window();
    if (window == null) {
      Instant end = alert.endsAt() != null ? alert.endsAt() : alert.startsAt().plus(AFTER);
      Instant start = alert.startsAt().minus(LEAD);
      window = new TimeWindow(start, end.isAfter(start) ? end : start.plusSeconds(1));
    }
    Instant from = alert.startsAt().minus(BASELINE);
    if (declared.window() != null) {
      from = min(from, declared.window().start().minus(BASELINE));
    }
    if (declared.baseline() != null) {
      from = min(declared.baseline().start(), window.start());
    }
    return new SharedStore(delegate, new TimeWindow(from, window.end()), window);
  }

  /**
   * The windows a bundle's manifest declares (each null when not declared): the incident window and
   * the baseline that defines normal.
   */
  record Declared(TimeWindow window, TimeWindow baseline) {
    static final Declared NONE = new Declared(null, null);

    static Declared of(BundleManifest m) {
      return m == null ? NONE : new Declared(m.window(), m.baseline());
    }

    boolean none() {
      return window == null && baseline == null;
    }

    /**
     * {@code {"window":{"start":..,"end":..},"baseline":..}}, as the incident database keeps it.
     */
    String toJson() {
      var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      put(n, "window", window);
      put(n, "baseline", baseline);
      return n.toString();
    }

    private static void put(
        com.fasterxml.jackson.databind.node.ObjectNode n, String field, TimeWindow w) {
      if (w != null) {
        n.putObject(field).put("start", w.start().toString()).put("end", w.end().toString());
      }
    }

    /** Reads {@link #toJson()}; null or blank is {@link #NONE}. */
    static Declared parse(String json) {
      if (json == null || json.isBlank()) {
        return NONE;
      }
      try {
        var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        return new Declared(window(n.get("window")), window(n.get("baseline")));
      } catch (java.io.IOException | RuntimeException e) {
        throw new IllegalStateException(
            "corrupt declared_json in the incident database: " + json, e);
      }
    }

    private static TimeWindow window(com.fasterxml.jackson.databind.JsonNode n) {
      return n == null || n.isNull()
          ? null
          : new TimeWindow(
              Instant.parse(n.get("start").asText()), Instant.parse(n.get("end").asText()));
    }
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
    QueryResult<dev.warroom.model.DatabaseStats> all = delegate.databases(component);
    if (incident == null) {
      return all;
    }
    // Statement counters are the difference of two snapshots over their own incident window: those
    // of another time (an earlier incident's bundle) say nothing about this one.
    List<dev.warroom.model.DatabaseStats> rows =
        all.rows().stream().filter(d -> overlaps(d.incident().window(), incident)).toList();
    return rows.size() == all.rows().size()
        ? all
        : new QueryResult<>(
            rows,
            all.dialect(),
            all.nativeQuery() + "\n-- kept: incident window overlapping " + incident,
            all.truncated());
  }

  private static boolean overlaps(TimeWindow a, TimeWindow b) {
    return a.start().isBefore(b.end()) && b.start().isBefore(a.end());
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
