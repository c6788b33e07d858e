package dev.warroom.connectors.zipkin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.connectors.HttpReader;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Span;
import dev.warroom.model.SpanStatus;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.model.WarroomException;
import dev.warroom.store.QueryResult;
import dev.warroom.store.SpanAggregate;
import dev.warroom.store.SpanAggregateQuery;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.UnsupportedQueryException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Traces in a Zipkin server, read with its API v2: {@link #trace} is {@code GET
 * /api/v2/trace/{id}}; {@link #spans} is {@code GET /api/v2/traces} with {@code serviceName} (one
 * request per service asked for; none when no service is given), {@code spanName}, {@code
 * annotationQuery=error} for error spans, {@code minDuration}, {@code endTs} and {@code lookback}
 * from the window, and {@code limit} = at most {@code maxTraces} traces; Zipkin matches whole
 * traces, so the spans are then filtered exactly and cut to the query's limit. {@link #topology} is
 * {@code GET /api/v2/dependencies}.
 *
 * <p>Zipkin has no aggregation API: {@link #spanAggregates} computes count, errors and percentiles
 * here from the traces of the same bounded request (at most {@code maxTraces} traces, most recent
 * first as Zipkin returns them; {@code truncated} says when the cap was reached, so that the
 * figures cover part of the window), and returns at most {@code maxRows} rows.
 *
 * <p>Zipkin lower-cases service and span names and shortens a 128-bit trace id whose high half is
 * zero to 16 hex digits; ids are widened back to 32 digits (option {@code padTraceIds}, default
 * true), names stay lower-case and name filters compare without case. A query without a window
 * looks back {@code lookback} (default 7d) from now. Every result's native query is the request
 * path and query string sent, one line per request (dialect {@value #DIALECT}). Zipkin has no
 * authentication of its own; the source's auth is sent when a proxy in front asks for it.
 */
public final class ZipkinStore implements dev.warroom.connectors.LiveStore {
  public static final String DIALECT = "zipkin-api-v2";

  private final SourceConfig source;
  private final HttpReader http;
  private final InstantSource clock;
  private final Duration lookback;
  private final int maxTraces;
  private final int maxRows;
  private final ZipkinSpanJson mapper;
  private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();

  /** No I/O here. */
  public ZipkinStore(SourceConfig source) {
    this(source, InstantSource.system());
  }

  /** With the clock that places window-less queries ("the last {@code lookback}"). */
  public ZipkinStore(SourceConfig source, InstantSource clock) {
    if (source.type() != SourceConfig.Type.ZIPKIN) {
      throw new InvalidInputException(
          "source " + source.name() + ": type " + source.type().id() + " is not zipkin");
    }
    this.source = source;
    this.clock = clock;
    ZipkinOptions o = ZipkinOptions.of(source);
    this.lookback = o.lookback();
    this.maxTraces = o.maxTraces();
    this.maxRows = o.maxRows();
    this.mapper = new ZipkinSpanJson(o.padTraceIds());
    this.http = new HttpReader(source);
  }

  /** The connector for a {@code zipkin} source. */
  public static TelemetryStore open(SourceConfig source) {
    return new ZipkinStore(source);
  }

  @Override
  public SourceConfig source() {
    return source;
  }

  /** A new investigation: the source's query budget is renewed. */
  @Override
  public void startInvestigation() {
    http.resetBudget();
  }

  /** The HTTP reader, whose {@link HttpReader#sent} lists every request sent. */
  public HttpReader reader() {
    return http;
  }

  /** Spans skipped since the store was opened, per reason ("no timestamp", …). */
  public Map<String, Long> skipped() {
    Map<String, Long> out = new TreeMap<>();
    skipped.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public void check() {
    JsonNode services = json(http.get("/api/v2/services"), "/api/v2/services");
    if (!services.isArray()) {
      throw new WarroomException.NonRetriable(
          where() + ": GET /api/v2/services did not answer a list of service names", null);
    }
  }

  @Override
  public QueryResult<Span> trace(String traceId) {
    String id = traceId.strip().toLowerCase(Locale.ROOT);
    if (!id.matches("[0-9a-f]{16}|[0-9a-f]{32}")) {
      throw new InvalidInputException(
          "trace id: expected 16 or 32 hex digits, got '" + traceId + "'");
    }
    String path = "/api/v2/trace/" + id;
    JsonNode spans;
    try {
      spans = json(http.get(path), path);
    } catch (WarroomException.NonRetriable e) {
      // Zipkin answers 404 for a trace it does not hold: that is an empty answer, not a failure.
      if (e.getMessage() != null && e.getMessage().contains(": HTTP 404")) {
        return new QueryResult<>(List.of(), DIALECT, path, false);
      }
      throw e;
    }
    List<Span> out = new ArrayList<>();
    for (JsonNode s : spans) {
      add(s, out);
    }
    out.sort(Comparator.comparing(Span::start).thenComparing(Span::spanId));
    return new QueryResult<>(out, DIALECT, path, false);
  }

  @Override
  public QueryResult<Span> spans(SpanQuery query) {
    Fetched f = fetch(query);
    List<Span> rows = f.spans.size() > query.limit() ? f.spans.subList(0, query.limit()) : f.spans;
    return new QueryResult<>(
        rows, DIALECT, f.nativeQuery, f.capped || f.spans.size() > query.limit());
  }

  @Override
  public QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery query) {
    Fetched f = fetch(query.filter());
    List<SpanAggregate> rows = SpanStats.of(f.spans, query.bucket());
    boolean cut = rows.size() > maxRows;
    return new QueryResult<>(
        cut ? rows.subList(0, maxRows) : rows, DIALECT, f.nativeQuery, f.capped || cut);
  }

  /** Service dependencies Zipkin derived from the traces of the last {@code lookback}. */
  @Override
  public Topology topology() {
    Instant end = clock.instant();
    return topology(new TimeWindow(end.minus(lookback), end));
  }

  /**
   * Service dependencies of a window ({@code GET /api/v2/dependencies}); calls per minute are the
   * window's call count over its length.
   */
  public Topology topology(TimeWindow window) {
    String path =
        "/api/v2/dependencies?endTs="
            + window.end().toEpochMilli()
            + "&lookback="
            + Math.max(1, window.length().toMillis());
    JsonNode links = json(http.get(path), path);
    Set<String> names = new TreeSet<>();
    List<DependencyEdge> edges = new ArrayList<>();
    double minutes = Math.max(1e-9, window.length().toMillis() / 60_000.0);
    for (JsonNode l : links) {
      String parent = l.path("parent").asText("");
      String child = l.path("child").asText("");
      if (parent.isBlank() || child.isBlank()) {
        continue;
      }
      names.add(parent);
      names.add(child);
      edges.add(new DependencyEdge(parent, child, "", l.path("callCount").asLong(0) / minutes));
    }
    edges.sort(Comparator.comparing(DependencyEdge::caller).thenComparing(DependencyEdge::callee));
    List<ServiceNode> services = new ArrayList<>();
    names.forEach(n -> services.add(new ServiceNode(n, ComponentKind.SERVICE, "")));
    return new Topology(services, List.of(), List.of(), edges);
  }

  /**
   * The services Zipkin knows ({@code /api/v2/services}) with span and trace counts and the time
   * range over the traces of the last {@code lookback}, at most {@code maxTraces} of them (a
   * sample, not a census, on a busy server).
   */
  @Override
  public StoreSummary summary() {
    JsonNode names = json(http.get("/api/v2/services"), "/api/v2/services");
    Fetched f = fetch(SpanQuery.all(null));
    Map<String, long[]> per = new TreeMap<>();
    names.forEach(n -> per.put(n.asText(), new long[2]));
    Map<String, Set<String>> traces = new LinkedHashMap<>();
    Instant first = null;
    Instant last = null;
    for (Span s : f.spans) {
      per.computeIfAbsent(s.service(), k -> new long[2])[0]++;
      traces.computeIfAbsent(s.service(), k -> new HashSet<>()).add(s.traceId());
      first = first == null || s.start().isBefore(first) ? s.start() : first;
      last = last == null || s.end().isAfter(last) ? s.end() : last;
    }
    List<StoreSummary.ServiceSummary> services = new ArrayList<>();
    per.forEach(
        (svc, c) ->
            services.add(
                new StoreSummary.ServiceSummary(
                    svc, 0, 0, 0, c[0], traces.getOrDefault(svc, Set.of()).size(), 0)));
    long traceCount = f.spans.stream().map(Span::traceId).distinct().count();
    return new StoreSummary(
        0,
        0,
        0,
        f.spans.size(),
        traceCount,
        0,
        services,
        first == null ? null : new TimeWindow(first, last));
  }

  private record Fetched(List<Span> spans, String nativeQuery, boolean capped) {}

  /** One bounded request per service (or one for all), spans filtered exactly, by start time. */
  private Fetched fetch(SpanQuery q) {
    Instant end = q.window() == null ? clock.instant() : q.window().end();
    long lookbackMs = Math.max(1, (q.window() == null ? lookback : q.window().length()).toMillis());
    List<String> paths = new ArrayList<>();
    List<String> services =
        q.services().isEmpty() ? List.of("") : new ArrayList<>(new TreeSet<>(q.services()));
    for (String svc : services) {
      StringBuilder p = new StringBuilder("/api/v2/traces?");
      if (!svc.isEmpty()) {
        p.append("serviceName=").append(enc(svc.toLowerCase(Locale.ROOT))).append('&');
      }
      if (q.operation() != null) {
        p.append("spanName=").append(enc(q.operation().toLowerCase(Locale.ROOT))).append('&');
      }
      if (q.status() == SpanStatus.ERROR) {
        p.append("annotationQuery=error&");
      }
      if (q.minDuration() != null && !q.minDuration().isZero()) {
        p.append("minDuration=").append(q.minDuration().toNanos() / 1000).append('&');
      }
      p.append("endTs=").append(end.toEpochMilli());
      p.append("&lookback=").append(lookbackMs);
      p.append("&limit=").append(maxTraces);
      paths.add(p.toString());
    }
    Set<String> wanted = new HashSet<>();
    q.services().forEach(s -> wanted.add(s.toLowerCase(Locale.ROOT)));
    Set<String> seen = new HashSet<>();
    List<Span> out = new ArrayList<>();
    boolean capped = false;
    for (String path : paths) {
      JsonNode traces = json(http.get(path), path);
      capped |= traces.size() >= maxTraces;
      for (JsonNode trace : traces) {
        List<Span> spans = new ArrayList<>();
        for (JsonNode s : trace) {
          add(s, spans);
        }
        for (Span s : spans) {
          if (matches(s, q, wanted)
              && seen.add(s.traceId() + "/" + s.spanId() + "/" + s.service())) {
            out.add(s);
          }
        }
      }
    }
    out.sort(
        Comparator.comparing(Span::start).thenComparing(Span::traceId).thenComparing(Span::spanId));
    return new Fetched(out, String.join("\n", paths), capped);
  }

  private static boolean matches(Span s, SpanQuery q, Set<String> services) {
    return (q.window() == null || q.window().contains(s.start()))
        && (services.isEmpty() || services.contains(s.service().toLowerCase(Locale.ROOT)))
        && (q.operation() == null || q.operation().equalsIgnoreCase(s.operation()))
        && (q.status() == null || q.status() == s.status())
        && (q.minDuration() == null || s.duration().compareTo(q.minDuration()) >= 0);
  }

  private void add(JsonNode s, List<Span> out) {
    switch (mapper.read(s)) {
      case ZipkinSpanJson.Read.Ok ok -> out.add(ok.span());
      case ZipkinSpanJson.Read.Skipped sk ->
          skipped.computeIfAbsent(sk.reason(), k -> new LongAdder()).increment();
    }
  }

  private JsonNode json(HttpReader.Response r, String path) {
    try {
      return ZipkinSpanJson.JSON.readTree(r.body());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new WarroomException.NonRetriable(
          where() + " " + path + ": the answer is not JSON (" + e.getOriginalMessage() + ")", null);
    }
  }

  private String where() {
    return "source " + source.name() + " (zipkin)";
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public UnsupportedQueryException unsupported(String what) {
    return new UnsupportedQueryException(
        where() + " holds traces only; it cannot answer " + what + " queries");
  }

  @Override
  public void close() {}
}
