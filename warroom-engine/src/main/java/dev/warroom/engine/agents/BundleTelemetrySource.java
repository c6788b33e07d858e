package dev.warroom.engine.agents;

import dev.warroom.model.Event;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs intents by scanning a bundle's records in memory. Its native query is the SQL rendering of
 * the intent, marked {@code in-memory scan}, because the scan applies exactly that selection.
 */
final class BundleTelemetrySource implements TelemetrySource {
  private final IncidentBundle bundle;
  private final DataInventory inventory;

  BundleTelemetrySource(IncidentBundle bundle) {
    this.bundle = bundle;
    this.inventory = inventoryOf(bundle);
  }

  private static String nativeOf(QueryIntent q) {
    return "-- in-memory scan\n" + QueryRenderer.render(q, Dialect.SQL);
  }

  @Override
  public Result<MetricSeries> metrics(QueryIntent.Metrics q) {
    long from = q.window().start().toEpochMilli();
    long to = q.window().end().toEpochMilli();
    List<MetricSeries> out = new ArrayList<>();
    for (MetricSeries s : bundle.metrics()) {
      if (!q.metric().isEmpty() && !q.metric().equals(s.key().name())) {
        continue;
      }
      boolean match = true;
      for (Map.Entry<String, String> m : q.matchers().entrySet()) {
        if (!m.getValue().equals(s.key().label(m.getKey()))) {
          match = false;
          break;
        }
      }
      if (match) {
        MetricSeries cut = cut(s, from, to);
        if (cut.size() > 0) {
          out.add(cut);
        }
      }
    }
    return new Result<>(out, nativeOf(q));
  }

  static MetricSeries cut(MetricSeries s, long from, long to) {
    long[] ts = s.timestampsMillis();
    double[] vs = s.values();
    int a = lowerBound(ts, from);
    int b = lowerBound(ts, to);
    return new MetricSeries(
        s.key(), java.util.Arrays.copyOfRange(ts, a, b), java.util.Arrays.copyOfRange(vs, a, b));
  }

  private static int lowerBound(long[] ts, long t) {
    int lo = 0;
    int hi = ts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public Result<LogRecord> logs(QueryIntent.Logs q, int limit) {
    Set<String> services = new HashSet<>(q.services());
    Pattern p = q.bodyRegex() == null ? null : Pattern.compile(q.bodyRegex());
    List<LogRecord> out = new ArrayList<>();
    for (LogRecord r : bundle.logs()) {
      if (out.size() >= limit) {
        break;
      }
      if ((services.isEmpty() || services.contains(r.service()))
          && q.window().contains(r.timestamp())
          && (q.minSeverity() == null || r.severity().atLeast(q.minSeverity()))
          && (p == null || p.matcher(r.body()).find())) {
        out.add(r);
      }
    }
    return new Result<>(out, nativeOf(q));
  }

  @Override
  public Result<Span> spans(QueryIntent.Spans q, int limit) {
    Set<String> services = new HashSet<>(q.services());
    List<Span> out = new ArrayList<>();
    for (Span s : bundle.spans()) {
      if (out.size() >= limit) {
        break;
      }
      if ((services.isEmpty() || services.contains(s.service()))
          && q.window().contains(s.start())
          && (!q.errorsOnly() || s.isError())) {
        out.add(s);
      }
    }
    return new Result<>(out, nativeOf(q));
  }

  @Override
  public Result<SpanAggregate> spanAggregates(QueryIntent.Spans q) {
    Map<String, List<Span>> groups = new java.util.TreeMap<>();
    for (Span s : spans(q, Integer.MAX_VALUE).rows()) {
      groups.computeIfAbsent(s.service() + "\u0000" + s.operation(), k -> new ArrayList<>()).add(s);
    }
    List<SpanAggregate> out = new ArrayList<>();
    for (var e : groups.entrySet()) {
      List<Span> ss = e.getValue();
      double[] d = ss.stream().mapToDouble(s -> s.duration().toNanos() / 1e6).sorted().toArray();
      long errors = ss.stream().filter(Span::isError).count();
      double p95 = d[Math.min(d.length - 1, (int) Math.ceil(0.95 * d.length) - 1)];
      out.add(
          new SpanAggregate(ss.get(0).service(), ss.get(0).operation(), ss.size(), errors, p95));
    }
    return new Result<>(out, "-- in-memory aggregate\n" + QueryRenderer.render(q, Dialect.SQL));
  }

  @Override
  public Result<Event> events(QueryIntent.Events q) {
    Set<String> services = new HashSet<>(q.services());
    List<Event> out = new ArrayList<>();
    for (Event e : bundle.events()) {
      boolean inWindow =
          q.window().contains(e.time())
              || (e instanceof KubernetesEvent k
                  && new TimeWindow(k.firstSeen(), k.lastSeen().plusMillis(1))
                      .overlaps(q.window()));
      if (inWindow && (services.isEmpty() || services.contains(e.service()))) {
        out.add(e);
      }
    }
    return new Result<>(out, nativeOf(q));
  }

  @Override
  public java.util.Optional<Instant> earliestLog(TimeWindow w) {
    return bundle.logs().stream()
        .map(LogRecord::timestamp)
        .filter(w::contains)
        .min(Instant::compareTo);
  }

  @Override
  public java.util.Optional<Instant> earliestSpan(TimeWindow w) {
    return bundle.spans().stream().map(Span::start).filter(w::contains).min(Instant::compareTo);
  }

  @Override
  public DataInventory inventory() {
    return inventory;
  }

  @Override
  public Topology topology() {
    return bundle.topology();
  }

  @Override
  public List<SourceFile> code() {
    return bundle.code();
  }

  static DataInventory inventoryOf(IncidentBundle b) {
    Set<String> services = new HashSet<>();
    Instant[] range = {null, null};
    for (MetricSeries s : b.metrics()) {
      if (s.key().service() != null) {
        services.add(s.key().service());
      }
      if (s.size() > 0) {
        widen(range, Instant.ofEpochMilli(s.timestampAt(0)));
        widen(range, Instant.ofEpochMilli(s.timestampAt(s.size() - 1)));
      }
    }
    for (LogRecord r : b.logs()) {
      services.add(r.service());
      widen(range, r.timestamp());
    }
    for (Span s : b.spans()) {
      services.add(s.service());
      widen(range, s.start());
    }
    for (Event e : b.events()) {
      if (e.service() != null) {
        services.add(e.service());
      }
    }
    b.topology().services().forEach(n -> services.add(n.name()));
    TimeWindow w = range[0] == null ? null : new TimeWindow(range[0], range[1].plusMillis(1));
    return new DataInventory(
        b.metrics().size(),
        b.logs().size(),
        b.spans().size(),
        b.events().size(),
        b.code().size(),
        !b.topology().isEmpty(),
        DataInventory.sorted(services),
        w);
  }

  private static void widen(Instant[] range, Instant t) {
    if (range[0] == null || t.isBefore(range[0])) {
      range[0] = t;
    }
    if (range[1] == null || t.isAfter(range[1])) {
      range[1] = t;
    }
  }
}
