package dev.warroom.engine.actors;

import dev.warroom.engine.agents.Observation;
import dev.warroom.engine.agents.QueryIntent;
import dev.warroom.experts.metrics.LevelShift;
import dev.warroom.experts.metrics.MetricExpert;
import dev.warroom.experts.metrics.MetricSemantics;
import dev.warroom.experts.metrics.SeriesIdentity;
import dev.warroom.model.Instance;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over every metric series of the baseline and incident windows (a few scan queries),
 * shared by the metric, infrastructure and database actors: each series' {@link LevelShift} as the
 * metrics expert ({@link MetricExpert#levelShift}, reached through {@code ctx.experts().metrics()})
 * measures it against a seasonal baseline (the same time of day on the past days, plus the hour
 * before the window), its signal, service and node. Actors confirm what they report with a targeted
 * query per series (see {@link SeriesEvidence}).
 *
 * <p>Why not {@link MetricExpert#detect}: only the seasonal parts of the history are fetched
 * (stitched, with day-long gaps), and that detector's seasonal and recent baselines count points
 * per day on a contiguous history; the level-shift test takes any baseline sample.
 *
 * <p>Any naming (issue 13): a series' service, pod and node come from {@link SeriesIdentity}
 * (whatever labels an exporter wrote, pod-name shapes, a known service prefixing the name), its
 * signal from {@link Signals#ofMetric(String, java.util.Map)}, and a busy counter is tested as its
 * per-second rate ({@link MetricSemantics#asLevel}).
 */
final class MetricScan {
  /** Half-width of the time-of-day band of the seasonal baseline. */
  static final Duration SEASONAL_BAND = Duration.ofMinutes(30);

  /** One scanned series. {@code service} and {@code node} are null when unknown. */
  record Entry(
      SeriesKey key, String service, String node, Signals.MetricSignal signal, LevelShift shift) {}

  private final List<Entry> entries;

  private MetricScan(List<Entry> entries) {
    this.entries = entries;
  }

  List<Entry> entries() {
    return entries;
  }

  /** Anomalous entries, strongest first. */
  List<Entry> anomalies() {
    return entries.stream()
        .filter(e -> e.shift().anomalous())
        .sorted(Comparator.comparingDouble((Entry e) -> -e.shift().score()))
        .toList();
  }

  static MetricScan of(InvestigationContext ctx) {
    return ctx.memo("metric-scan", () -> compute(ctx));
  }

  private static MetricScan compute(InvestigationContext ctx) {
    if (!ctx.inventory().hasMetrics()) {
      return new MetricScan(List.of());
    }
    List<MetricSeries> rows = fetch(ctx);
    Map<String, String> serviceOfPod = new HashMap<>();
    Map<String, String> nodeOfPod = new HashMap<>();
    for (Instance i : ctx.topology().instances()) {
      serviceOfPod.put(i.name(), i.service());
      if (i.host() != null) {
        nodeOfPod.put(i.name(), i.host());
      }
    }
    long ws = ctx.window().start().toEpochMilli();
    MetricExpert expert = ctx.experts().metrics();
    List<Entry> out = new ArrayList<>();
    java.util.Set<String> known = ctx.inventory().services();
    for (MetricSeries raw : rows) {
      // any naming (issue 13): a busy counter is tested as its rate (MetricSemantics#asLevel)
      MetricSeries s = MetricSemantics.asLevel(raw);
      long[] ts = s.timestampsMillis();
      int split = 0;
      while (split < ts.length && ts[split] < ws) {
        split++;
      }
      if (split == ts.length) {
        continue;
      }
      MetricSeries incident = slice(s, split, ts.length);
      MetricSeries baseline = seasonalBaseline(s, split, ws);
      SeriesKey k = s.key();
      // any naming (issue 13): service, node and metric from whatever labels and name say
      SeriesIdentity id = SeriesIdentity.of(k.name(), k.labels(), known, serviceOfPod, nodeOfPod);
      String group = consumerGroup(k, ctx.inventory()::knows);
      String service = group != null ? group : id.service();
      String node = id.node();
      Signals.MetricSignal signal =
          Signals.ofMetric(id.metric(), k.labels())
              .orElse(new Signals.MetricSignal("other", Signals.Group.OTHER, null, null));
      out.add(new Entry(k, service, node, signal, expert.levelShift(baseline, incident)));
    }
    return new MetricScan(List.copyOf(out));
  }

  /**
   * Only what the seasonal baseline uses is fetched: the same time of day (± {@link
   * #SEASONAL_BAND}) on each earlier day the baseline covers, and the hour before the window with
   * the window itself — a few queries instead of days of points. Parts are stitched per series.
   */
  private static List<MetricSeries> fetch(InvestigationContext ctx) {
    TimeWindow w = ctx.window();
    List<TimeWindow> parts = new ArrayList<>();
    long day = Duration.ofDays(1).toMillis();
    if (w.length().compareTo(Duration.ofHours(22)) < 0) {
      for (int k = 1; k <= 7; k++) {
        java.time.Instant from = w.start().minusMillis(k * day).minus(SEASONAL_BAND);
        java.time.Instant to = w.end().minusMillis(k * day).plus(SEASONAL_BAND);
        if (to.isAfter(ctx.baseline().start())
            && to.isBefore(w.start().minus(Duration.ofHours(1)))) {
          parts.add(
              new TimeWindow(
                  from.isBefore(ctx.baseline().start()) ? ctx.baseline().start() : from, to));
        }
      }
      java.time.Instant recent = w.start().minus(Duration.ofHours(1));
      parts.add(
          new TimeWindow(
              recent.isBefore(ctx.baseline().start()) ? ctx.baseline().start() : recent, w.end()));
    } else {
      parts.add(ctx.baseline().span(w));
    }
    Map<SeriesKey, List<MetricSeries>> byKey = new java.util.LinkedHashMap<>();
    for (TimeWindow part : parts.reversed()) {
      Observation<MetricSeries> obs =
          ctx.agent()
              .metrics(
                  new QueryIntent.Metrics(
                      "", Map.of(), QueryIntent.Aggregation.RAW, Duration.ofMinutes(1), part));
      for (MetricSeries m : obs.rows()) {
        byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
      }
    }
    List<MetricSeries> out = new ArrayList<>();
    for (var e : byKey.entrySet()) {
      out.add(stitch(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** One series from parts fetched in any order: by time, the first copy of a timestamp kept. */
  static MetricSeries stitch(SeriesKey key, List<MetricSeries> fetched) {
    if (fetched.size() == 1) {
      return fetched.get(0);
    }
    List<MetricSeries> parts =
        fetched.stream()
            .filter(p -> p.size() > 0)
            .sorted(Comparator.comparingLong(p -> p.timestampAt(0)))
            .toList();
    int n = parts.stream().mapToInt(MetricSeries::size).sum();
    long[] ts = new long[n];
    double[] vs = new double[n];
    int k = 0;
    for (MetricSeries p : parts) {
      for (int i = 0; i < p.size(); i++) {
        if (k == 0 || p.timestampAt(i) > ts[k - 1]) {
          ts[k] = p.timestampAt(i);
          vs[k++] = p.valueAt(i);
        }
      }
    }
    return new MetricSeries(key, java.util.Arrays.copyOf(ts, k), java.util.Arrays.copyOf(vs, k));
  }

  /** Labels naming a consumer group: kafka-exporter, Burrow, the OpenTelemetry kafka receiver. */
  private static final List<String> GROUP_LABELS =
      List.of("consumergroup", "consumer_group", "group");

  /**
   * The service a consumer-lag series belongs to: its consumer group when that names a service of
   * the system. Exporters label lag with the broker or the exporter as the series' service ({@code
   * kafka_consumergroup_lag{service="events-bus", consumergroup="loyalty"}}), but the lag is the
   * consumer's: it is the consumer that falls behind.
   */
  static String consumerGroup(SeriesKey k, java.util.function.Predicate<String> known) {
    for (String label : GROUP_LABELS) {
      String g = k.label(label);
      if (g != null && !g.equals(k.service()) && known.test(g)) {
        return g;
      }
    }
    return null;
  }

  static MetricSeries slice(MetricSeries s, int from, int to) {
    return new MetricSeries(
        s.key(),
        java.util.Arrays.copyOfRange(s.timestampsMillis(), from, to),
        java.util.Arrays.copyOfRange(s.values(), from, to));
  }

  /**
   * Baseline points at the incident's time of day (± {@link #SEASONAL_BAND}) on earlier days, plus
   * the hour before the window; all baseline points when that leaves fewer than 10.
   */
  static MetricSeries seasonalBaseline(MetricSeries s, int split, long windowStart) {
    long[] ts = s.timestampsMillis();
    double[] vs = s.values();
    long day = Duration.ofDays(1).toMillis();
    long band = SEASONAL_BAND.toMillis();
    long hour = Duration.ofHours(1).toMillis();
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < split; i++) {
      long delta = windowStart - ts[i];
      long mod = Math.floorMod(delta, day);
      if (delta <= hour || mod <= band || day - mod <= band + hour) {
        keep.add(i);
      }
    }
    if (keep.size() < 10) {
      return slice(s, 0, split);
    }
    long[] kt = new long[keep.size()];
    double[] kv = new double[keep.size()];
    for (int j = 0; j < kt.length; j++) {
      kt[j] = ts[keep.get(j)];
      kv[j] = vs[keep.get(j)];
    }
    return new MetricSeries(s.key(), kt, kv);
  }
}
