package dev.warroom.experts.metrics;

import dev.warroom.experts.metrics.MetricMeaning.Bad;
import dev.warroom.experts.metrics.MetricMeaning.Kind;
import dev.warroom.experts.metrics.MetricMeaning.Scope;
import dev.warroom.experts.metrics.MetricMeaning.Unit;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The meaning of a metric name across the conventions real exports use: cAdvisor ({@code
 * container_cpu_usage_seconds_total}), kube-state-metrics ({@code
 * kube_pod_container_status_restarts_total}), node_exporter ({@code node_cpu_seconds_total{mode}},
 * {@code node_memory_MemAvailable_bytes}), OpenTelemetry semantic conventions ({@code
 * http.server.request.duration}, {@code system.cpu.utilization}), Micrometer ({@code
 * http_server_requests_seconds_count}, {@code hikaricp_connections_pending}), Datadog ({@code
 * kubernetes.cpu.usage.total}, {@code aws.rds.cpuutilization}) and plain CSV columns ({@code
 * CpuUsageRate(%)}, {@code NetworkP90(ms)}, {@code PodSuccessRate(%)}, {@code latency-50}, {@code
 * rps}). Names are normalised first — camelCase split, dots, dashes and brackets to {@code _},
 * {@code %} to {@code percent} — and then read as words, so one rule covers every spelling.
 *
 * <p>Only the name (and, for node_exporter's CPU modes and kube-state-metrics' termination reason,
 * a label) is read: never where the data came from.
 */
public final class MetricSemantics {
  private MetricSemantics() {}

  /** The meaning of a series: its name, with the labels that qualify some names. */
  public static MetricMeaning of(SeriesKey key) {
    return of(key.name(), key.labels());
  }

  /** The meaning of a bare metric name or column header. */
  public static MetricMeaning of(String name) {
    return of(name, Map.of());
  }

  /** The meaning of {@code name} with {@code labels}; {@link MetricMeaning#UNKNOWN} if none. */
  public static MetricMeaning of(String name, Map<String, String> labels) {
    String n = normalise(name);
    Kind kind = kindOf(name, n);
    Unit unit = unitOf(n);
    Scope scope = scopeOf(n);
    String signal = signalOf(n, labels);
    if (signal == null) {
      return new MetricMeaning("other", kind, unit, scope, Bad.EITHER);
    }
    if (scope == Scope.UNKNOWN
        && (signal.equals("latency") || signal.equals("errors") || signal.equals("traffic"))) {
      scope = Scope.SERVICE;
    } else if (scope == Scope.UNKNOWN) {
      scope = Scope.POD;
    }
    // Histogram parts: _count of a duration counts requests; _sum and _bucket stay latency.
    if (signal.equals("latency") && n.endsWith("_count")) {
      signal = "traffic";
    }
    if (unit == Unit.UNKNOWN && signal.equals("cpu") && kind == Kind.COUNTER) {
      unit = Unit.SECONDS;
    }
    if (kind == Kind.UNKNOWN && LEVELS.contains(signal)) {
      // memory and disk space are levels whatever their unit; bytes of traffic may be either
      kind = Kind.GAUGE;
    }
    return new MetricMeaning(signal, kind, unit, scope, badOf(signal, n, labels));
  }

  private static final java.util.Set<String> LEVELS =
      java.util.Set.of("memory", "disk_free", "disk_usage", "config", "cpu_limit");

  /**
   * The name in lower case words joined by {@code _}: {@code CpuUsageRate(%)} → {@code
   * cpu_usage_rate_percent}, {@code http.server.request.duration} → {@code
   * http_server_request_duration}, {@code node_memory_MemAvailable_bytes} → {@code
   * node_memory_mem_available_bytes}.
   */
  static String normalise(String name) {
    String s = name.replace("%", "_percent_");
    s = s.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2");
    s = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return s.replaceAll("^_+|_+$", "");
  }

  private static Pattern words(String alternatives) {
    return Pattern.compile("(^|_)(" + alternatives + ")(_|$)");
  }

  private static boolean has(Pattern p, String n) {
    return p.matcher(n).find();
  }

  private static final Pattern CONFIG =
      Pattern.compile(
          "(^|_)(limit|limits|spec|capacity|allocatable|resource_requests|max_replicas"
              + "|max_threads|connections_max|memory_max|size_bytes)(_|$)");
  private static final Pattern CPU_LIMIT = words("limits?_cpu|cpu_limits?|cpu_quota");
  private static final Pattern RATE_LIMIT = words("rate_limit|ratelimit|rate_limited|429");
  private static final Pattern NODE_READY = words("node_status_ready|node_ready|node_status");
  private static final Pattern POD_HEALTH =
      words(
          "restarts?|status_ready|pod_ready|replicas_unavailable|terminated|crash_loop"
              + "|crashloop|waiting_reason|last_terminated_reason");
  private static final Pattern OOM = words("oom|oom_kills?|oomkilled|oom_killed");
  private static final Pattern THROTTLED = Pattern.compile("throttl");
  private static final Pattern STEAL = words("steal");
  private static final Pattern GC = words("gc|garbage|garbage_collection|gc_pause|collections");
  private static final Pattern THREADS = words("threads?|thread_count|threads_live|executor");
  private static final Pattern POOL =
      words("hikaricp|pool|connections_pending|pending_connections|connections_active");
  private static final Pattern CPU =
      Pattern.compile("(^|_)(cpu|cpus|cpuutilization|processor)(_|$)|cpu_?usage|cpu_?util");
  private static final Pattern MEMORY =
      Pattern.compile(
          "(^|_)(mem|memory|working_set|rss|heap|memutilization|mem_available|mem_free)(_|$)"
              + "|memory_?usage");
  private static final Pattern FS_FREE =
      words("filesystem_avail|filesystem_free|disk_free|fs_avail");
  private static final Pattern FS_USED =
      words("filesystem_usage|filesystem_used|fs_usage|disk_used|disk_usage|fs_used");
  private static final Pattern DISK =
      words("disk|fs|io_time|iops|blkio|iowait|io_wait|read_bytes|write_bytes|diskio");
  private static final Pattern PACKET_LOSS =
      words("drop|dropped|drops|retrans|retransmits|retransmitted|packet_loss|packets_lost|errs");
  private static final Pattern NETWORK = words("network|net|tcp|rx|tx|receive|transmit");
  private static final Pattern LATENCY_WORD =
      words("latency|duration|response_time|rt|rtt|p50|p75|p90|p95|p99|p999|delay|lat");
  private static final Pattern SUCCESS = words("success|availability|available|apdex|ok_rate");
  private static final Pattern ERRORS =
      words("error|errors|err|fail|failed|failure|failures|5xx|exception|exceptions|fault|faults");
  private static final Pattern TRAFFIC =
      words("requests|request|rps|qps|tps|throughput|calls|hits|per_second|count|req|ops");
  private static final Pattern SYSCALLS = words("syscall|syscalls");
  private static final Pattern QUEUE = words("lag|queue_depth|backlog|queue_size|messages_ready");
  private static final Pattern CACHE_HITS = words("cache_hit|hit_ratio|hit_rate|cache_hits");
  private static final Pattern LOCKS = words("lock|locks|deadlock|deadlocks|lock_waits");
  private static final Pattern REPLICAS = words("replicas|desired_replicas|hpa");

  private static String signalOf(String n, Map<String, String> labels) {
    String reason = labels.getOrDefault("reason", "").toLowerCase(Locale.ROOT);
    if (has(CPU_LIMIT, n)) {
      return "cpu_limit";
    }
    if (has(CONFIG, n) && !has(RATE_LIMIT, n)) {
      return "config";
    }
    if (has(RATE_LIMIT, n)) {
      return "rate_limited";
    }
    if (has(NODE_READY, n)) {
      return "node_ready";
    }
    if (has(OOM, n) || reason.contains("oom")) {
      return "oom_kills";
    }
    if (has(REPLICAS, n) && !n.contains("unavailable")) {
      return "replicas";
    }
    if (has(POD_HEALTH, n)) {
      return "pod_health";
    }
    if (has(THROTTLED, n)) {
      return "cpu_throttling";
    }
    if (has(STEAL, n)) {
      return "cpu_steal";
    }
    if (has(GC, n)) {
      return "gc";
    }
    if (has(POOL, n)) {
      return "connection_pool";
    }
    if (has(THREADS, n)) {
      return "threads";
    }
    if (has(CPU, n)) {
      return "cpu";
    }
    if (has(FS_FREE, n)) {
      return "disk_free";
    }
    if (has(FS_USED, n)) {
      return "disk_usage";
    }
    if (has(MEMORY, n)) {
      return "memory";
    }
    if (has(SYSCALLS, n)) {
      return "syscalls";
    }
    if (has(DISK, n)) {
      return "disk_io";
    }
    if (has(PACKET_LOSS, n)) {
      return "packet_loss";
    }
    if (has(NETWORK, n)) {
      return has(LATENCY_WORD, n) ? "network_latency" : "network_io";
    }
    if (has(QUEUE, n)) {
      return "queue_lag";
    }
    if (has(CACHE_HITS, n)) {
      return "cache_hits";
    }
    if (has(LOCKS, n)) {
      return "db_locks";
    }
    if (has(ERRORS, n) || has(SUCCESS, n)) {
      return "errors";
    }
    if (has(LATENCY_WORD, n) || n.contains("latency")) {
      return "latency";
    }
    if (has(TRAFFIC, n) && has(words("seconds|ms|milliseconds"), n)) {
      // Micrometer's http_server_requests_seconds_{sum,max,bucket}: request durations
      return "latency";
    }
    if (has(TRAFFIC, n)) {
      return "traffic";
    }
    return null;
  }

  private static Bad badOf(String signal, String n, Map<String, String> labels) {
    return switch (signal) {
      case "config" -> Bad.NONE;
      case "traffic", "network_io", "syscalls", "replicas", "other" -> Bad.EITHER;
      case "errors" -> has(SUCCESS, n) && !has(ERRORS, n) ? Bad.DOWN : Bad.UP;
      case "cpu_limit", "disk_free", "cache_hits", "node_ready" -> Bad.DOWN;
      case "cpu" -> "idle".equals(labels.get("mode")) || n.contains("idle") ? Bad.DOWN : Bad.UP;
      case "memory" -> n.contains("avail") || n.contains("free") ? Bad.DOWN : Bad.UP;
      case "pod_health" ->
          n.contains("status_ready") || n.contains("pod_ready") ? Bad.DOWN : Bad.UP;
      default -> Bad.UP;
    };
  }

  /** Counter by name: OpenMetrics suffixes, and CPU time (OTel {@code *.cpu.time}). */
  private static Kind kindOf(String raw, String n) {
    if (raw.endsWith("_total")
        || raw.endsWith("_count")
        || raw.endsWith("_sum")
        || raw.endsWith("_bucket")
        || raw.endsWith(".cpu.time")) {
      return Kind.COUNTER;
    }
    if (raw.contains(".")) {
      // Dotted names (OpenTelemetry, Datadog) carry the kind in metadata, not the name;
      // Datadog reports rates already, so "kubernetes.cpu.usage.total" is a gauge.
      return n.endsWith("_count") ? Kind.COUNTER : Kind.GAUGE;
    }
    if (has(
            words(
                "percent|ratio|utilization|usage|mebibytes|millicores|rate|max|min|mean|avg|seconds|ms"),
            n)
        || has(LATENCY_WORD, n)) {
      return Kind.GAUGE;
    }
    return Kind.UNKNOWN;
  }

  private static Unit unitOf(String n) {
    if (has(words("percent|pct|utilization_percent"), n)) {
      return Unit.PERCENT;
    }
    if (has(words("ratio|utilization|cpuutilization"), n)
        || n.endsWith("cpu_usage") && !n.contains("percent")) {
      return has(words("cpuutilization"), n) ? Unit.PERCENT : Unit.RATIO;
    }
    if (has(words("millicores|mcores"), n)) {
      return Unit.MILLICORES;
    }
    if (n.startsWith("kubernetes_cpu")) {
      return Unit.NANOCORES;
    }
    if (has(words("ms|millis|milliseconds"), n)) {
      return Unit.MILLISECONDS;
    }
    if (has(words("us|micros|microseconds"), n)) {
      return Unit.MICROSECONDS;
    }
    if (has(words("ns|nanos|nanoseconds"), n)) {
      return Unit.NANOSECONDS;
    }
    if (has(words("seconds|s|sec|secs"), n) || n.equals("http_server_request_duration")) {
      return Unit.SECONDS;
    }
    if (n.equals("http_server_duration") || n.endsWith("rpc_server_duration")) {
      // OpenTelemetry's older HTTP and RPC conventions record milliseconds.
      return Unit.MILLISECONDS;
    }
    if (has(words("mebibytes|mib|mb"), n)) {
      return Unit.MEBIBYTES;
    }
    if (has(words("bytes|byte"), n)) {
      return Unit.BYTES;
    }
    if (has(words("per_second|rps|qps|tps"), n)) {
      return Unit.PER_SECOND;
    }
    if (n.endsWith("_total") || n.endsWith("_count")) {
      return Unit.COUNT;
    }
    return Unit.UNKNOWN;
  }

  private static Scope scopeOf(String n) {
    if (n.startsWith("node_")
        || n.startsWith("system_")
        || n.startsWith("host_")
        || n.startsWith("aws_rds")) {
      return Scope.NODE;
    }
    if (n.startsWith("container_")
        || n.startsWith("kube_pod")
        || n.startsWith("pod_")
        || n.startsWith("process_")
        || n.startsWith("jvm_")
        || n.startsWith("kubernetes_")) {
      return Scope.POD;
    }
    if (n.startsWith("http_") || n.startsWith("rpc_") || n.startsWith("trace_")) {
      return Scope.SERVICE;
    }
    return Scope.UNKNOWN;
  }

  /**
   * Whether {@code s} must be turned into a rate. A counter by name qualifies when it falls in at
   * most 5% of its steps other than resets (a fall to under half, as when a process restarts) and
   * resets in at most 20%; a series whose name does not say qualifies when it never falls (bar 5%
   * of its steps) and rises in at least 80% of at least 10 steps. A gauge by name never does.
   */
  public static boolean isCumulative(MetricMeaning meaning, MetricSeries s) {
    if (meaning.kind() == Kind.GAUGE) {
      return false;
    }
    int steps = 0;
    int resets = 0;
    int dips = 0;
    int increases = 0;
    for (int i = 1; i < s.size(); i++) {
      double a = s.valueAt(i - 1);
      double b = s.valueAt(i);
      if (!Double.isNaN(a) && !Double.isNaN(b)) {
        steps++;
        if (b < 0.5 * a) {
          resets++;
        } else if (b < a) {
          dips++;
        } else if (b > a) {
          increases++;
        }
      }
    }
    if (steps < 2 || dips > 0.05 * steps) {
      return false;
    }
    if (meaning.kind() == Kind.COUNTER) {
      return resets <= 0.2 * steps;
    }
    return resets + dips <= 0.05 * steps && increases >= 0.8 * steps && steps >= 10;
  }

  private static final long MAX_CONTIGUOUS_STEP_MS = 15 * 60_000L;

  /** {@link #isCumulative} decided from the series' own name and data. */
  public static boolean isCumulative(MetricSeries s) {
    return isCumulative(of(s.key()), s);
  }

  /**
   * The per-second rate of a cumulative series, as Prometheus' {@code rate()} reads it: a fall is a
   * counter reset (a restarted process) where the increase is the new value itself. A step over a
   * gap (more than 10 times the median step and more than 15 minutes, e.g. between stitched days of
   * history) gives no point; coarser history before finer incident points is not a gap.
   */
  public static MetricSeries rate(MetricSeries s) {
    int n = s.size();
    if (n < 2) {
      return new MetricSeries(s.key(), new long[0], new double[0]);
    }
    long[] steps = new long[n - 1];
    for (int i = 1; i < n; i++) {
      steps[i - 1] = s.timestampAt(i) - s.timestampAt(i - 1);
    }
    long[] sorted = steps.clone();
    Arrays.sort(sorted);
    long maxStep = Math.max(sorted[sorted.length / 2] * 10, MAX_CONTIGUOUS_STEP_MS);
    long[] ts = new long[n - 1];
    double[] v = new double[n - 1];
    int k = 0;
    for (int i = 1; i < n; i++) {
      long dtMs = steps[i - 1];
      if (dtMs <= 0 || dtMs > maxStep) {
        continue;
      }
      double a = s.valueAt(i - 1);
      double b = s.valueAt(i);
      ts[k] = s.timestampAt(i);
      v[k++] =
          Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : (b >= a ? b - a : b) / (dtMs / 1e3);
    }
    return new MetricSeries(s.key(), Arrays.copyOf(ts, k), Arrays.copyOf(v, k));
  }

  /**
   * The series as a level for a level-shift test: the rate of a cumulative series that rises in at
   * least half its steps (requests, CPU seconds, bytes); itself otherwise. A sparse counter
   * (restarts, OOM kills: flat with rare steps) is already a level — how many events so far — and
   * its rate would turn each event into a one-point spike.
   */
  public static MetricSeries asLevel(MetricSeries s) {
    return isCumulative(s) && !isSparse(s) ? rate(s) : s;
  }

  /** True when fewer than half of the series' steps rise: a counter of rare events. */
  static boolean isSparse(MetricSeries s) {
    int steps = 0;
    int rises = 0;
    for (int i = 1; i < s.size(); i++) {
      double a = s.valueAt(i - 1);
      double b = s.valueAt(i);
      if (!Double.isNaN(a) && !Double.isNaN(b)) {
        steps++;
        if (b > a) {
          rises++;
        }
      }
    }
    return rises < 0.5 * steps;
  }
}
