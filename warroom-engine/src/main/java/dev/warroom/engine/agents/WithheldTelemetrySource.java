package dev.warroom.engine.agents;

import dev.warroom.model.DatabaseStats;
import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.store.QueryResult;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link TelemetrySource} that withholds whole kinds of data, so one bundle can be investigated
 * as if it held only part of its telemetry ("logs only", "metrics and traces") — how the engine is
 * trained and measured on the partial bundles users export. Withheld kinds answer empty results
 * under a native query that says so, and the inventory counts them as absent; everything else
 * passes through unchanged. The bundle's topology is kept: a dependency graph is configuration, not
 * telemetry.
 */
public final class WithheldTelemetrySource implements TelemetrySource {
  /** Kinds of data that can be withheld. */
  public enum Kind {
    METRICS,
    LOGS,
    TRACES,
    EVENTS,
    CODE,
    DB;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a comma-separated list ("logs,traces"); blank gives none.
     *
     * @throws IllegalArgumentException naming the unknown kind and the known ones
     */
    public static Set<Kind> parseList(String text) {
      Set<Kind> out = EnumSet.noneOf(Kind.class);
      if (text == null || text.isBlank()) {
        return out;
      }
      for (String part : text.split(",")) {
        String p = part.trim().toUpperCase(Locale.ROOT);
        try {
          out.add(valueOf(p));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "unknown data kind '"
                  + part.trim()
                  + "'; known: metrics, logs, traces, events, code, db",
              e);
        }
      }
      return out;
    }
  }

  private final TelemetrySource inner;
  private final Set<Kind> withheld;

  public WithheldTelemetrySource(TelemetrySource inner, Set<Kind> withheld) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.withheld = withheld.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(withheld);
  }

  /** {@code source} itself when nothing is withheld. */
  public static TelemetrySource of(TelemetrySource source, Set<Kind> withheld) {
    return withheld.isEmpty() ? source : new WithheldTelemetrySource(source, withheld);
  }

  private boolean hides(Kind k) {
    return withheld.contains(k);
  }

  private static <T> Result<T> none(Kind k) {
    return new Result<>(List.of(), "-- " + k.id() + " withheld from this investigation");
  }

  @Override
  public Result<MetricSeries> metrics(QueryIntent.Metrics query) {
    return hides(Kind.METRICS) ? none(Kind.METRICS) : inner.metrics(query);
  }

  @Override
  public Result<LogRecord> logs(QueryIntent.Logs query, int limit) {
    return hides(Kind.LOGS) ? none(Kind.LOGS) : inner.logs(query, limit);
  }

  @Override
  public Result<Span> spans(QueryIntent.Spans query, int limit) {
    return hides(Kind.TRACES) ? none(Kind.TRACES) : inner.spans(query, limit);
  }

  @Override
  public Result<Event> events(QueryIntent.Events query) {
    return hides(Kind.EVENTS) ? none(Kind.EVENTS) : inner.events(query);
  }

  @Override
  public Result<SpanAggregate> spanAggregates(QueryIntent.Spans query) {
    return hides(Kind.TRACES) ? none(Kind.TRACES) : inner.spanAggregates(query);
  }

  @Override
  public Optional<Instant> earliestLog(TimeWindow window) {
    return hides(Kind.LOGS) ? Optional.empty() : inner.earliestLog(window);
  }

  @Override
  public Optional<Instant> earliestSpan(TimeWindow window) {
    return hides(Kind.TRACES) ? Optional.empty() : inner.earliestSpan(window);
  }

  @Override
  public QueryResult<DatabaseStats> databases(String component) {
    return hides(Kind.DB)
        ? new QueryResult<>(List.of(), "none", "-- db statistics withheld", false)
        : inner.databases(component);
  }

  @Override
  public DataInventory inventory() {
    DataInventory i = inner.inventory();
    return new DataInventory(
        hides(Kind.METRICS) ? 0 : i.metricSeries(),
        hides(Kind.LOGS) ? 0 : i.logRecords(),
        hides(Kind.TRACES) ? 0 : i.spans(),
        hides(Kind.EVENTS) ? 0 : i.events(),
        hides(Kind.CODE) ? 0 : i.codeFiles(),
        i.topology(),
        i.services(),
        i.range());
  }

  @Override
  public List<String> failures() {
    return inner.failures();
  }

  @Override
  public Topology topology() {
    return inner.topology();
  }

  @Override
  public List<SourceFile> code() {
    return hides(Kind.CODE) ? List.of() : inner.code();
  }

  @Override
  public void close() {
    inner.close();
  }
}
