package dev.warroom.engine.agents;

import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link TelemetrySource} that counts the queries it passes on and the wall time spent in them,
 * per kind ({@code metrics}, {@code logs}, {@code spans}, {@code spanAggregates}, {@code events}),
 * for profiling an investigation's data path. Rows and native queries pass through unchanged.
 * Thread-safe: parallel branches may query at once (their times then overlap).
 */
public final class TimedTelemetrySource implements TelemetrySource {
  private final TelemetrySource inner;
  private final Map<String, long[]> stats = new LinkedHashMap<>();

  public TimedTelemetrySource(TelemetrySource inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  private <T> T timed(String kind, Supplier<T> call) {
    long t0 = System.nanoTime();
    try {
      return call.get();
    } finally {
      long ns = System.nanoTime() - t0;
      synchronized (stats) {
        long[] s = stats.computeIfAbsent(kind, k -> new long[2]);
        s[0]++;
        s[1] += ns;
      }
    }
  }

  /** Per kind: {@code <kind>.queries} (count) and {@code <kind>.ms} (wall milliseconds). */
  public Map<String, Long> stats() {
    Map<String, Long> out = new LinkedHashMap<>();
    synchronized (stats) {
      stats.forEach(
          (k, s) -> {
            out.put(k + ".queries", s[0]);
            out.put(k + ".ms", s[1] / 1_000_000);
          });
    }
    return out;
  }

  @Override
  public Result<MetricSeries> metrics(QueryIntent.Metrics query) {
    return timed("metrics", () -> inner.metrics(query));
  }

  @Override
  public Result<LogRecord> logs(QueryIntent.Logs query, int limit) {
    return timed("logs", () -> inner.logs(query, limit));
  }

  @Override
  public Result<Span> spans(QueryIntent.Spans query, int limit) {
    return timed("spans", () -> inner.spans(query, limit));
  }

  @Override
  public Result<Event> events(QueryIntent.Events query) {
    return timed("events", () -> inner.events(query));
  }

  @Override
  public Result<SpanAggregate> spanAggregates(QueryIntent.Spans query) {
    return timed("spanAggregates", () -> inner.spanAggregates(query));
  }

  @Override
  public java.util.Optional<java.time.Instant> earliestLog(dev.warroom.model.TimeWindow window) {
    return timed("logs", () -> inner.earliestLog(window));
  }

  @Override
  public java.util.Optional<java.time.Instant> earliestSpan(dev.warroom.model.TimeWindow window) {
    return timed("spans", () -> inner.earliestSpan(window));
  }

  @Override
  public dev.warroom.store.QueryResult<dev.warroom.model.DatabaseStats> databases(
      String component) {
    return timed("databases", () -> inner.databases(component));
  }

  @Override
  public DataInventory inventory() {
    return inner.inventory();
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
    return inner.code();
  }

  @Override
  public void close() {
    inner.close();
  }
}
