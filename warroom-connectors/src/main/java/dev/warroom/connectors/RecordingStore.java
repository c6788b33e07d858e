package dev.warroom.connectors;

import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.Event;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Passes every read to a store and keeps every row it returns, so that what an investigation read
 * can be written as a bundle ({@link #bundle}) and investigated again offline with the same result.
 * Raw metric series read in several parts are joined per series (a sample read twice is kept once);
 * logs, spans (by trace and span id), events, code files and database statistics are kept once
 * each. Derived rows are not kept: step aggregations and count/aggregate summaries are computed
 * from raw data that a replay reads again, and holding them as series would add series that do not
 * exist. Thread-safe.
 */
public final class RecordingStore implements TelemetryStore {
  private final TelemetryStore delegate;
  private final Map<SeriesKey, TreeMap<Long, Double>> metrics = new TreeMap<>();
  private final LinkedHashSet<LogRecord> logs = new LinkedHashSet<>();
  private final Map<String, Span> spans = new LinkedHashMap<>();
  private final LinkedHashSet<Event> events = new LinkedHashSet<>();
  private final Map<String, SourceFile> code = new TreeMap<>();
  private final LinkedHashSet<DatabaseStats> databases = new LinkedHashSet<>();
  private Topology topology = Topology.empty();

  public RecordingStore(TelemetryStore delegate) {
    this.delegate = delegate;
  }

  /**
   * The bundle of everything read so far, with {@code manifest} and {@code alert}: metric series by
   * key, logs by time, spans by start, events by time.
   */
  public synchronized IncidentBundle bundle(BundleManifest manifest, Alert alert) {
    List<MetricSeries> ms = new ArrayList<>(metrics.size());
    metrics.forEach(
        (k, pts) -> {
          long[] ts = new long[pts.size()];
          double[] vs = new double[pts.size()];
          int i = 0;
          for (Map.Entry<Long, Double> e : pts.entrySet()) {
            ts[i] = e.getKey();
            vs[i++] = e.getValue();
          }
          ms.add(new MetricSeries(k, ts, vs));
        });
    List<LogRecord> ls = new ArrayList<>(logs);
    ls.sort(java.util.Comparator.comparing(LogRecord::timestamp));
    List<Span> ss = new ArrayList<>(spans.values());
    ss.sort(java.util.Comparator.comparing(Span::start));
    List<Event> es = new ArrayList<>(events);
    es.sort(java.util.Comparator.comparing(Event::time));
    return new IncidentBundle(
        manifest,
        alert,
        ms,
        ls,
        ss,
        es,
        topology,
        List.copyOf(code.values()),
        List.copyOf(databases));
  }

  @Override
  public void check() {
    delegate.check();
  }

  @Override
  public QueryResult<MetricSeries> metrics(MetricQuery query) {
    QueryResult<MetricSeries> r = delegate.metrics(query);
    synchronized (this) {
      for (MetricSeries s : r.rows()) {
        TreeMap<Long, Double> pts = metrics.computeIfAbsent(s.key(), k -> new TreeMap<>());
        for (int i = 0; i < s.size(); i++) {
          pts.putIfAbsent(s.timestampAt(i), s.valueAt(i));
        }
      }
    }
    return r;
  }

  @Override
  public QueryResult<MetricSeries> aggregate(MetricAggregationQuery query) {
    return delegate.aggregate(query);
  }

  @Override
  public List<String> metricNames() {
    return delegate.metricNames();
  }

  @Override
  public QueryResult<LogRecord> logs(LogQuery query) {
    QueryResult<LogRecord> r = delegate.logs(query);
    synchronized (this) {
      logs.addAll(r.rows());
    }
    return r;
  }

  @Override
  public QueryResult<LogCount> logCounts(LogCountQuery query) {
    return delegate.logCounts(query);
  }

  @Override
  public QueryResult<Span> trace(String traceId) {
    return keepSpans(delegate.trace(traceId));
  }

  @Override
  public QueryResult<Span> spans(SpanQuery query) {
    return keepSpans(delegate.spans(query));
  }

  private QueryResult<Span> keepSpans(QueryResult<Span> r) {
    synchronized (this) {
      for (Span s : r.rows()) {
        spans.putIfAbsent(s.traceId() + "/" + s.spanId(), s);
      }
    }
    return r;
  }

  @Override
  public QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery query) {
    return delegate.spanAggregates(query);
  }

  @Override
  public QueryResult<Event> events(EventQuery query) {
    QueryResult<Event> r = delegate.events(query);
    synchronized (this) {
      events.addAll(r.rows());
    }
    return r;
  }

  @Override
  public Topology topology() {
    Topology t = delegate.topology();
    synchronized (this) {
      if (!t.isEmpty() || !t.instances().isEmpty()) {
        topology = t;
      }
    }
    return t;
  }

  @Override
  public List<SourceFile> code(String service) {
    List<SourceFile> files = delegate.code(service);
    synchronized (this) {
      files.forEach(f -> code.putIfAbsent(f.service() + "/" + f.path(), f));
    }
    return files;
  }

  @Override
  public QueryResult<DatabaseStats> databases(String component) {
    QueryResult<DatabaseStats> r = delegate.databases(component);
    synchronized (this) {
      databases.addAll(r.rows());
    }
    return r;
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
    delegate.close();
  }
}
