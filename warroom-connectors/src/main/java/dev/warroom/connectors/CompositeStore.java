package dev.warroom.connectors;

import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Event;
import dev.warroom.model.Host;
import dev.warroom.model.Instance;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.model.WarroomException;
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
import dev.warroom.store.UnsupportedQueryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Several configured stores read as one: each read goes to every store, the ones that cannot answer
 * that kind of read ({@link UnsupportedQueryException}) are skipped, and the answers are merged
 * (rows concatenated and put back in the order the SPI promises, native queries listed one per
 * source under a {@code # source NAME (dialect)} line). When no store answers, the read is
 * unsupported, naming each store's reason.
 *
 * <p>A store that fails (down, slow, refusing) fails the read, naming the source: the engine then
 * lists that data under the report's "Missing data" and goes on with the other kinds of data. It
 * does not return the other sources' rows as if they were all, since a report would then not say
 * that part of them is missing.
 */
public final class CompositeStore implements TelemetryStore {
  private final List<TelemetryStore> stores;
  private final List<String> names;

  /**
   * @param stores the stores, in the sources file's order
   * @param names their source names (for native queries and errors), same order
   */
  public CompositeStore(List<? extends TelemetryStore> stores, List<String> names) {
    this.stores = List.copyOf(stores);
    this.names = List.copyOf(names);
    if (this.stores.size() != this.names.size()) {
      throw new IllegalArgumentException("stores and names differ in length");
    }
  }

  /** The stores held, in order. */
  public List<TelemetryStore> stores() {
    return stores;
  }

  /** Starts a new investigation: every live store's query budget is renewed. */
  public void startInvestigation() {
    for (TelemetryStore s : stores) {
      if (s instanceof LiveStore live) {
        live.startInvestigation();
      }
    }
  }

  /** Checks every store; throws naming each that failed. */
  @Override
  public void check() {
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < stores.size(); i++) {
      try {
        stores.get(i).check();
      } catch (WarroomException e) {
        failed.add(names.get(i) + ": " + e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      throw new WarroomException.NonRetriable(String.join("; ", failed), null);
    }
  }

  /** The answers of every store that can give one; unsupported when none can. */
  private <T> List<Answer<T>> ask(String kind, Function<TelemetryStore, T> read) {
    List<Answer<T>> out = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (int i = 0; i < stores.size(); i++) {
      try {
        out.add(new Answer<>(names.get(i), read.apply(stores.get(i))));
      } catch (UnsupportedQueryException e) {
        reasons.add(e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new UnsupportedQueryException(
          "no configured source answers "
              + kind
              + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")"));
    }
    return out;
  }

  private record Answer<T>(String source, T value) {}

  private <T> QueryResult<T> merged(
      String kind,
      Function<TelemetryStore, QueryResult<T>> read,
      Comparator<? super T> order,
      int limit) {
    List<Answer<QueryResult<T>>> answers = ask(kind, read);
    if (answers.size() == 1) {
      return answers.get(0).value();
    }
    List<T> rows = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    java.util.Set<String> dialects = new LinkedHashSet<>();
    boolean truncated = false;
    for (Answer<QueryResult<T>> a : answers) {
      rows.addAll(a.value().rows());
      dialects.add(a.value().dialect());
      truncated |= a.value().truncated();
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append("# source ")
          .append(a.source())
          .append(" (")
          .append(a.value().dialect())
          .append(")\n")
          .append(a.value().nativeQuery());
    }
    if (order != null) {
      rows.sort(order);
    }
    if (rows.size() > limit) {
      rows = new ArrayList<>(rows.subList(0, limit));
      truncated = true;
    }
    return new QueryResult<>(rows, String.join("+", dialects), text.toString(), truncated);
  }

  @Override
  public QueryResult<MetricSeries> metrics(MetricQuery q) {
    return merged(
        "metrics", s -> s.metrics(q), Comparator.comparing(MetricSeries::key), q.limitSeries());
  }

  @Override
  public QueryResult<MetricSeries> aggregate(MetricAggregationQuery q) {
    return merged(
        "metric aggregations",
        s -> s.aggregate(q),
        Comparator.comparing(MetricSeries::key),
        Integer.MAX_VALUE);
  }

  @Override
  public List<String> metricNames() {
    TreeSet<String> names = new TreeSet<>();
    ask("metric names", TelemetryStore::metricNames).forEach(a -> names.addAll(a.value()));
    return List.copyOf(names);
  }

  @Override
  public QueryResult<LogRecord> logs(LogQuery q) {
    return merged("logs", s -> s.logs(q), Comparator.comparing(LogRecord::timestamp), q.limit());
  }

  @Override
  public QueryResult<LogCount> logCounts(LogCountQuery q) {
    return merged("log counts", s -> s.logCounts(q), null, Integer.MAX_VALUE);
  }

  @Override
  public QueryResult<Span> trace(String traceId) {
    return merged(
        "traces", s -> s.trace(traceId), Comparator.comparing(Span::start), Integer.MAX_VALUE);
  }

  @Override
  public QueryResult<Span> spans(SpanQuery q) {
    return merged("spans", s -> s.spans(q), Comparator.comparing(Span::start), q.limit());
  }

  @Override
  public QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery q) {
    return merged("span aggregates", s -> s.spanAggregates(q), null, Integer.MAX_VALUE);
  }

  @Override
  public QueryResult<Event> events(EventQuery q) {
    return merged("events", s -> s.events(q), Comparator.comparing(Event::time), q.limit());
  }

  @Override
  public QueryResult<DatabaseStats> databases(String component) {
    return merged("database statistics", s -> s.databases(component), null, Integer.MAX_VALUE);
  }

  /** The union of the stores' topologies (a service named twice: the first source's). */
  @Override
  public Topology topology() {
    Map<String, ServiceNode> services = new LinkedHashMap<>();
    LinkedHashSet<Instance> instances = new LinkedHashSet<>();
    LinkedHashSet<Host> hosts = new LinkedHashSet<>();
    LinkedHashSet<DependencyEdge> edges = new LinkedHashSet<>();
    for (Answer<Topology> a : ask("topology", TelemetryStore::topology)) {
      a.value().services().forEach(s -> services.putIfAbsent(s.name(), s));
      instances.addAll(a.value().instances());
      hosts.addAll(a.value().hosts());
      edges.addAll(a.value().edges());
    }
    return new Topology(
        List.copyOf(services.values()),
        List.copyOf(instances),
        List.copyOf(hosts),
        List.copyOf(edges));
  }

  @Override
  public List<SourceFile> code(String service) {
    List<SourceFile> out = new ArrayList<>();
    ask("code", s -> s.code(service)).forEach(a -> out.addAll(a.value()));
    out.sort(Comparator.comparing(SourceFile::path));
    return out;
  }

  @Override
  public Optional<Alert> alert() {
    for (Answer<Optional<Alert>> a : ask("the alert", TelemetryStore::alert)) {
      if (a.value().isPresent()) {
        return a.value();
      }
    }
    return Optional.empty();
  }

  @Override
  public BundleManifest manifest() {
    for (Answer<BundleManifest> a : ask("the manifest", TelemetryStore::manifest)) {
      if (!a.value().equals(BundleManifest.empty())) {
        return a.value();
      }
    }
    return BundleManifest.empty();
  }

  /** Counts added up, per service too; the time range spans every store's. */
  @Override
  public StoreSummary summary() {
    long series = 0;
    long points = 0;
    long logs = 0;
    long spans = 0;
    long traces = 0;
    long events = 0;
    Map<String, long[]> per = new TreeMap<>();
    TimeWindow range = null;
    for (Answer<StoreSummary> a : ask("a summary", TelemetryStore::summary)) {
      StoreSummary s = a.value();
      series += s.series();
      points += s.points();
      logs += s.logRecords();
      spans += s.spans();
      traces += s.traces();
      events += s.events();
      for (StoreSummary.ServiceSummary ss : s.services()) {
        long[] c = per.computeIfAbsent(ss.service(), k -> new long[6]);
        c[0] += ss.series();
        c[1] += ss.points();
        c[2] += ss.logRecords();
        c[3] += ss.spans();
        c[4] += ss.traces();
        c[5] += ss.events();
      }
      if (s.timeRange() != null) {
        range = range == null ? s.timeRange() : range.span(s.timeRange());
      }
    }
    List<StoreSummary.ServiceSummary> services = new ArrayList<>();
    per.forEach(
        (k, c) ->
            services.add(new StoreSummary.ServiceSummary(k, c[0], c[1], c[2], c[3], c[4], c[5])));
    return new StoreSummary(series, points, logs, spans, traces, events, services, range);
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (TelemetryStore s : stores) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "CompositeStore" + names;
  }
}
