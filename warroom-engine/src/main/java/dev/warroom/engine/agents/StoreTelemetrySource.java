package dev.warroom.engine.agents;

import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.SpanStatus;
import dev.warroom.model.Topology;
import dev.warroom.store.EventQuery;
import dev.warroom.store.LabelMatcher;
import dev.warroom.store.LogQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.TelemetryStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs intents against the store SPI ({@link TelemetryStore}: the embedded DuckDB store or a
 * connector). The native query of every result is the one the store reports it ran — for DuckDB its
 * SQL with parameters inlined — so evidence shows exactly what produced it.
 */
public final class StoreTelemetrySource implements TelemetrySource {
  private final TelemetryStore store;
  private final DataInventory inventory;
  private final List<SourceFile> code;
  private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

  public StoreTelemetrySource(TelemetryStore store) {
    this.store = Objects.requireNonNull(store, "store");
    StoreSummary s = guarded("summary", "store summary", store::summary, () -> StoreSummary.EMPTY);
    Set<String> services = new HashSet<>();
    List<SourceFile> files = new ArrayList<>();
    for (StoreSummary.ServiceSummary ss : s.services()) {
      if (!ss.service().equals("(none)")) {
        services.add(ss.service());
        files.addAll(
            guarded("code", "code of " + ss.service(), () -> store.code(ss.service()), List::of));
      }
    }
    Topology t = guarded("topology", "topology", store::topology, Topology::empty);
    t.services().forEach(n -> services.add(n.name()));
    for (var n : t.services()) {
      if (!s.services().stream().anyMatch(x -> x.service().equals(n.name()))) {
        files.addAll(guarded("code", "code of " + n.name(), () -> store.code(n.name()), List::of));
      }
    }
    this.code = List.copyOf(files);
    this.inventory =
        new DataInventory(
            s.series(),
            s.logRecords(),
            s.spans(),
            s.events(),
            files.size(),
            !t.isEmpty(),
            DataInventory.sorted(services),
            s.timeRange());
  }

  /**
   * Runs one read; a store that fails ({@link dev.warroom.model.WarroomException}: down, slow,
   * refusing, or unable to answer this kind of query) costs that data only: the failure is recorded
   * for the report's "Missing data" and {@code fallback} (an empty answer) is returned.
   */
  private <T> T guarded(
      String kind,
      String what,
      java.util.function.Supplier<T> call,
      java.util.function.Supplier<T> fallback) {
    try {
      return call.get();
    } catch (dev.warroom.model.WarroomException e) {
      String line =
          (e instanceof dev.warroom.store.UnsupportedQueryException
                  ? "not answerable by the source: "
                  : "query failed: ")
              + kind
              + " ("
              + what
              + "): "
              + e.getMessage();
      if (!failures.contains(line)) {
        failures.add(line);
      }
      return fallback.get();
    }
  }

  private <T> QueryResult<T> read(
      String kind, String what, java.util.function.Supplier<QueryResult<T>> call) {
    return guarded(
        kind,
        what,
        call,
        () -> new QueryResult<>(List.of(), "none", "-- " + kind + " failed", false));
  }

  @Override
  public List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public Result<MetricSeries> metrics(QueryIntent.Metrics q) {
    List<LabelMatcher> matchers = new ArrayList<>();
    String service = null;
    for (Map.Entry<String, String> e : q.matchers().entrySet()) {
      if (e.getKey().equals("service")) {
        service = e.getValue();
      } else {
        matchers.add(new LabelMatcher(e.getKey(), LabelMatcher.Op.EQ, e.getValue()));
      }
    }
    MetricQuery mq = new MetricQuery(q.metric(), matchers, service, q.window(), Integer.MAX_VALUE);
    QueryResult<MetricSeries> r = read("metrics", q.metric(), () -> store.metrics(mq));
    return new Result<>(r.rows(), r.nativeQuery());
  }

  @Override
  public Result<LogRecord> logs(QueryIntent.Logs q, int limit) {
    QueryResult<LogRecord> r =
        read(
            "logs",
            "logs of " + q.services(),
            () ->
                store.logs(
                    new LogQuery(
                        q.window(),
                        Set.copyOf(q.services()),
                        q.minSeverity(),
                        Map.of(),
                        null,
                        q.bodyRegex(),
                        null,
                        limit)));
    return new Result<>(r.rows(), r.nativeQuery());
  }

  @Override
  public Result<Span> spans(QueryIntent.Spans q, int limit) {
    QueryResult<Span> r =
        read(
            "spans",
            "spans of " + q.services(),
            () ->
                store.spans(
                    new SpanQuery(
                        q.window(),
                        Set.copyOf(q.services()),
                        null,
                        q.errorsOnly() ? SpanStatus.ERROR : null,
                        null,
                        limit)));
    return new Result<>(r.rows(), r.nativeQuery());
  }

  @Override
  public Result<SpanAggregate> spanAggregates(QueryIntent.Spans q) {
    QueryResult<dev.warroom.store.SpanAggregate> r =
        read(
            "span aggregates",
            "spans of " + q.services(),
            () ->
                store.spanAggregates(
                    new dev.warroom.store.SpanAggregateQuery(
                        new SpanQuery(
                            q.window(),
                            Set.copyOf(q.services()),
                            null,
                            q.errorsOnly() ? SpanStatus.ERROR : null,
                            null,
                            Integer.MAX_VALUE),
                        null)));
    List<SpanAggregate> out = new ArrayList<>();
    for (var a : r.rows()) {
      out.add(
          new SpanAggregate(
              a.service(),
              a.operation(),
              a.count(),
              a.errors(),
              a.p95() == null ? 0 : a.p95().toNanos() / 1e6));
    }
    return new Result<>(out, r.nativeQuery());
  }

  @Override
  public Result<Event> events(QueryIntent.Events q) {
    QueryResult<Event> r =
        read(
            "events",
            "events of " + q.services(),
            () ->
                store.events(
                    new EventQuery(
                        q.window(),
                        Set.copyOf(q.services()),
                        null,
                        null,
                        Set.of(),
                        EventQuery.DEFAULT_LIMIT)));
    return new Result<>(r.rows(), r.nativeQuery());
  }

  @Override
  public QueryResult<dev.warroom.model.DatabaseStats> databases(String component) {
    return read(
        "databases",
        component == null ? "all databases" : component,
        () -> store.databases(component));
  }

  @Override
  public DataInventory inventory() {
    return inventory;
  }

  @Override
  public Topology topology() {
    return guarded("topology", "topology", store::topology, Topology::empty);
  }

  @Override
  public List<SourceFile> code() {
    return code;
  }

  @Override
  public void close() {
    store.close();
  }
}
