package dev.warroom.connectors.prometheus;

import dev.warroom.connectors.HttpReader;
import dev.warroom.connectors.LiveStore;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.store.LabelMatcher;
import dev.warroom.store.MetricAggregationQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.UnsupportedQueryException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A live, read-only {@link dev.warroom.store.TelemetryStore} over the Prometheus HTTP API (also
 * Thanos Query, Mimir, VictoriaMetrics and other servers of that API). Every read is one or a few
 * HTTP requests whose PromQL does the work in the backend: step aggregations become {@code rate},
 * {@code *_over_time}, {@code sum/avg/max by (…)}, {@code histogram_quantile} and {@code topk}, so
 * a result holds one series per group, never every raw series to fold here.
 *
 * <p>Raw reads ({@link #metrics}) are one instant query of a range selector ({@code sel[5400000ms]}
 * at the window's end): Prometheus then returns the stored samples themselves, with their own
 * timestamps, at whatever resolution they were scraped or downsampled. A {@code query_range} would
 * resample every series onto one step grid and fill gaps from the 5-minute lookback, so a series
 * that stopped (a crashed pod) would look alive for five more minutes. Step aggregations use {@code
 * query_range}, split into requests of at most {@value #MAX_POINTS} steps (Prometheus refuses
 * more).
 *
 * <p>The sources file's label mapping says which backend labels name the service, pod, node and
 * namespace; results carry them under warroom's names ({@code service}, {@code pod}, …) and
 * matchers on those names are sent as the backend's. The option {@code match} (a map of label to
 * value) adds equality matchers to every selector — one cluster or tenant of a shared Prometheus —
 * and those labels are left out of results. The option {@code history} (a duration, default 15d)
 * bounds reads without a window when the server does not publish its lowest timestamp.
 *
 * <p>Every result's native query is the PromQL sent and, on the next line, the API path with the
 * other parameters exactly as sent ({@code # GET /api/v1/query_range start=… end=… step=…}); a read
 * of several requests lists each.
 */
public final class PrometheusStore implements LiveStore {
  /** The dialect of every result's native query. */
  public static final String DIALECT = "promql";

  /** The most steps Prometheus answers per series in one range query. */
  static final int MAX_POINTS = 11_000;

  /** The most range requests one aggregation may be split into. */
  static final int MAX_CHUNKS = 8;

  private static final List<String> ROLES = List.of("service", "pod", "node", "namespace");

  private final SourceConfig source;
  private final HttpReader http;
  private final InstantSource clock;

  /** backend label → warroom name, only where they differ. */
  private final Map<String, String> toWarroom = new TreeMap<>();

  /** warroom name → backend label, only where they differ. */
  private final Map<String, String> toBackend = new TreeMap<>();

  private final Map<String, String> fixed = new TreeMap<>();
  private final Duration history;

  /** A store over {@code source}; no request is sent until a read. */
  public PrometheusStore(SourceConfig source) {
    this(source, new HttpReader(source), InstantSource.system());
  }

  PrometheusStore(SourceConfig source, HttpReader http, InstantSource clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (String role : ROLES) {
      String backend = source.label(role);
      if (!PromQl.validLabelName(backend)) {
        throw new dev.warroom.model.InvalidInputException(
            "source "
                + source.name()
                + ": labels."
                + role
                + ": '"
                + backend
                + "' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
      }
      if (!backend.equals(role)) {
        toWarroom.put(backend, role);
        toBackend.put(role, backend);
      }
    }
    if (source.options().get("match") instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (!PromQl.validLabelName(String.valueOf(k))) {
              throw new dev.warroom.model.InvalidInputException(
                  "source " + source.name() + ": options.match: '" + k + "' is not a label name");
            }
            fixed.put(String.valueOf(k), String.valueOf(v));
          });
    } else if (source.options().containsKey("match")) {
      throw new dev.warroom.model.InvalidInputException(
          "source " + source.name() + ": options.match must be a map of label to value");
    }
    this.history = parseHistory(source);
  }

  @Override
  public SourceConfig source() {
    return source;
  }

  /** The HTTP side: every request sent ({@link HttpReader#sent}) and the budget used. */
  public HttpReader http() {
    return http;
  }

  @Override
  public void startInvestigation() {
    http.resetBudget();
  }

  @Override
  public void check() {
    HttpReader.Response r = http.get("/api/v1/status/buildinfo");
    PromJson.data(r.body(), where("/api/v1/status/buildinfo"));
  }

  /** The server's version from {@code /api/v1/status/buildinfo} ("" when it does not say). */
  public String version() {
    HttpReader.Response r = http.get("/api/v1/status/buildinfo");
    return PromJson.data(r.body(), where("/api/v1/status/buildinfo")).path("version").asText("");
  }

  // ---- metrics ----

  @Override
  public QueryResult<MetricSeries> metrics(MetricQuery q) {
    String selector = selector(q);
    TimeWindow w = q.window() != null ? q.window() : allTime();
    long start = w.start().toEpochMilli();
    long end = w.end().toEpochMilli();
    if (end <= start) {
      return new QueryResult<>(List.of(), DIALECT, selector + "\n# empty window: not sent", false);
    }
    String promql = selector + "[" + PromQl.duration(end - start) + "]";
    // Evaluated at end - 1 ms over (end - start): the samples in [start, end) (Prometheus 3 reads
    // the range left-open; Prometheus 2 closed, so a sample at start - 1 ms is dropped below).
    Request req = new Request("/api/v1/query", promql, List.of("time", PromQl.seconds(end - 1)));
    List<PromJson.Series> got = PromJson.series(send(req), where(req.path));
    List<MetricSeries> rows = new ArrayList<>(got.size());
    for (PromJson.Series s : got) {
      MetricSeries m = raw(s, start, end);
      if (m != null) {
        rows.add(m);
      }
    }
    rows.sort(Comparator.comparing(MetricSeries::key));
    boolean truncated = rows.size() > q.limitSeries();
    if (truncated) {
      rows = rows.subList(0, q.limitSeries());
    }
    return new QueryResult<>(rows, DIALECT, req.text(), truncated);
  }

  private MetricSeries raw(PromJson.Series s, long start, long end) {
    Map<String, String> labels = new TreeMap<>(s.labels());
    String name = labels.remove("__name__");
    if (name == null) {
      return null;
    }
    long[] ts = s.timestampsMillis();
    double[] vs = s.values();
    int from = 0;
    while (from < ts.length && ts[from] < start) {
      from++;
    }
    int to = ts.length;
    while (to > from && ts[to - 1] >= end) {
      to--;
    }
    if (to == from) {
      return null;
    }
    return new MetricSeries(
        key(name, labels),
        java.util.Arrays.copyOfRange(ts, from, to),
        java.util.Arrays.copyOfRange(vs, from, to));
  }

  /** A series key under warroom's label names, without the fixed {@code match} labels. */
  private SeriesKey key(String name, Map<String, String> backendLabels) {
    TreeMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> e : backendLabels.entrySet()) {
      if (fixed.containsKey(e.getKey())) {
        continue;
      }
      String role = toWarroom.get(e.getKey());
      if (role != null && !backendLabels.containsKey(role)) {
        out.put(role, e.getValue());
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return new SeriesKey(name, out);
  }

  private String backendLabel(String warroomLabel) {
    return toBackend.getOrDefault(warroomLabel, warroomLabel);
  }

  /** The selector of a query: its name, the fixed matchers, the service, the label matchers. */
  String selector(MetricQuery q) {
    try {
      return selectorOf(q);
    } catch (IllegalArgumentException e) {
      // a name Prometheus cannot hold ('k8s.pod.name'): no series of this backend can match
      throw new UnsupportedQueryException(
          "source " + source.name() + " (prometheus) cannot select " + e.getMessage());
    }
  }

  private String selectorOf(MetricQuery q) {
    List<String> ms = new ArrayList<>();
    fixed.forEach((k, v) -> ms.add(PromQl.matcher(k, LabelMatcher.Op.EQ, v)));
    if (q.service() != null) {
      ms.add(PromQl.matcher(backendLabel("service"), LabelMatcher.Op.EQ, q.service()));
    }
    for (LabelMatcher m : q.matchers()) {
      ms.add(PromQl.matcher(backendLabel(m.label()), m.op(), m.value()));
    }
    return PromQl.selector(q.name(), ms);
  }

  // ---- step aggregation, pushed down ----

  @Override
  public QueryResult<MetricSeries> aggregate(MetricAggregationQuery q) {
    MetricQuery sel = q.select();
    long step = q.step().toMillis();
    String promql = PromQlAggregation.of(q, selector(sel), this::backendLabel);
    TimeWindow w = sel.window() != null ? sel.window() : allTime();
    long start = w.start().toEpochMilli();
    long end = w.end().toEpochMilli();
    if (end <= start) {
      return new QueryResult<>(List.of(), DIALECT, promql + "\n# empty window: not sent", false);
    }
    // Buckets aligned to the epoch, as the embedded store cuts them; bucket [b, b + step) is
    // evaluated at b + step - 1 ms over a range of one step, and stamped b.
    long first = Math.floorDiv(start, step) * step;
    long last = Math.floorDiv(end - 1, step) * step;
    long steps = (last - first) / step + 1;
    long chunks = (steps + MAX_POINTS - 1) / MAX_POINTS;
    if (chunks > MAX_CHUNKS) {
      throw new IllegalArgumentException(
          "source "
              + source.name()
              + ": "
              + steps
              + " steps of "
              + q.step()
              + " is more than "
              + MAX_CHUNKS * MAX_POINTS
              + "; give a shorter window or a longer step");
    }
    List<String> texts = new ArrayList<>();
    Map<SeriesKey, Points> groups = new LinkedHashMap<>();
    String name =
        (sel.name() == null ? "all" : sel.name())
            + ":"
            + q.aggregation().name().toLowerCase(java.util.Locale.ROOT);
    for (long c = 0; c < chunks; c++) {
      long b0 = first + c * MAX_POINTS * step;
      long b1 = Math.min(last, b0 + (MAX_POINTS - 1) * step);
      Request req =
          new Request(
              "/api/v1/query_range",
              promql,
              List.of(
                  "start", PromQl.seconds(b0 + step - 1),
                  "end", PromQl.seconds(b1 + step - 1),
                  "step", PromQl.seconds(step)));
      texts.add(req.text());
      for (PromJson.Series s : PromJson.series(send(req), where(req.path))) {
        TreeMap<String, String> labels = new TreeMap<>();
        for (String g : q.groupBy()) {
          labels.put(g, s.labels().getOrDefault(backendLabel(g), ""));
        }
        Points p = groups.computeIfAbsent(new SeriesKey(name, labels), k -> new Points());
        long[] ts = s.timestampsMillis();
        double[] vs = s.values();
        for (int i = 0; i < ts.length; i++) {
          p.add(ts[i] - step + 1, vs[i]);
        }
      }
    }
    List<MetricSeries> out = new ArrayList<>();
    groups.forEach((k, p) -> out.add(p.series(k)));
    out.sort(Comparator.comparing(MetricSeries::key));
    return new QueryResult<>(out, DIALECT, String.join("\n", texts), false);
  }

  @Override
  public List<String> metricNames() {
    StringBuilder path = new StringBuilder("/api/v1/label/__name__/values");
    if (!fixed.isEmpty()) {
      path.append("?match[]=").append(encode(selector(MetricQuery.of(null, null))));
    }
    String p = path.toString();
    List<String> names = new ArrayList<>(PromJson.strings(http.get(p).body(), where(p)));
    names.sort(null);
    return names;
  }

  // ---- summary ----

  @Override
  public StoreSummary summary() {
    TimeWindow range = allTime();
    String p =
        "/api/v1/series?match[]="
            + encode(selector(MetricQuery.of(null, null)))
            + "&start="
            + PromQl.seconds(range.start().toEpochMilli())
            + "&end="
            + PromQl.seconds(range.end().toEpochMilli());
    List<Map<String, String>> sets = PromJson.labelSets(http.get(p).body(), where(p));
    Map<String, Long> perService = new TreeMap<>();
    for (Map<String, String> labels : sets) {
      String svc = labels.get(backendLabel("service"));
      perService.merge(svc == null || svc.isEmpty() ? "(none)" : svc, 1L, Long::sum);
    }
    List<StoreSummary.ServiceSummary> services = new ArrayList<>();
    perService.forEach(
        (svc, n) -> services.add(new StoreSummary.ServiceSummary(svc, n, 0, 0, 0, 0, 0)));
    // Points are not counted: counting them would read every sample of the history.
    return new StoreSummary(sets.size(), 0, 0, 0, 0, 0, services, sets.isEmpty() ? null : range);
  }

  /**
   * From the server's lowest stored timestamp (its own {@code prometheus_tsdb_lowest_timestamp}
   * gauge) to now; when the server does not publish it (Thanos, Mimir), the option {@code history}
   * back from now.
   */
  TimeWindow allTime() {
    Instant now = clock.instant();
    Instant from = now.minus(history);
    try {
      String body = http.get("/metrics").body();
      for (String line : body.split("\n")) {
        if (line.startsWith("prometheus_tsdb_lowest_timestamp ")) {
          double ms = Double.parseDouble(line.substring(line.indexOf(' ') + 1).strip());
          if (ms > 0 && ms < now.toEpochMilli()) {
            from = Instant.ofEpochMilli((long) ms);
          }
        }
      }
    } catch (dev.warroom.model.WarroomException | NumberFormatException e) {
      // not a Prometheus server (or no self-metrics): the configured history stands
    }
    return new TimeWindow(from, now.plusMillis(1));
  }

  // ---- what a metrics backend does not hold ----

  @Override
  public UnsupportedQueryException unsupported(String what) {
    return new UnsupportedQueryException(
        "source " + source.name() + " (prometheus) holds metrics only, not " + what);
  }

  @Override
  public Topology topology() {
    return Topology.empty();
  }

  @Override
  public void close() {
    // nothing held: every request opens and ends within its read
  }

  // ---- requests ----

  /** One API request: path, PromQL, and the other parameters as name/value pairs in order. */
  private record Request(String path, String promql, List<String> params) {
    String url() {
      StringBuilder b = new StringBuilder(path).append("?query=").append(encode(promql));
      for (int i = 0; i < params.size(); i += 2) {
        b.append('&').append(params.get(i)).append('=').append(encode(params.get(i + 1)));
      }
      return b.toString();
    }

    /** The native query as a report shows it: the PromQL, then the path and the parameters. */
    String text() {
      StringBuilder b = new StringBuilder(promql).append("\n# GET ").append(path);
      for (int i = 0; i < params.size(); i += 2) {
        b.append(' ').append(params.get(i)).append('=').append(params.get(i + 1));
      }
      return b.toString();
    }
  }

  private String send(Request r) {
    return http.get(r.url()).body();
  }

  private String where(String path) {
    return source.name() + " (prometheus) " + path;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Duration parseHistory(SourceConfig source) {
    String h = source.option("history", "15d").strip();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smhdw])").matcher(h);
    if (!m.matches()) {
      throw new dev.warroom.model.InvalidInputException(
          "source " + source.name() + ": options.history '" + h + "' is not a duration like 15d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** Points of one result series, gathered over the requests of a split range. */
  private static final class Points {
    private long[] ts = new long[64];
    private double[] vs = new double[64];
    private int n;

    void add(long t, double v) {
      if (n > 0 && t <= ts[n - 1]) {
        return;
      }
      if (n == ts.length) {
        ts = java.util.Arrays.copyOf(ts, n * 2);
        vs = java.util.Arrays.copyOf(vs, n * 2);
      }
      ts[n] = t;
      vs[n++] = v;
    }

    MetricSeries series(SeriesKey key) {
      return new MetricSeries(key, java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(vs, n));
    }
  }
}
