package dev.warroom.engine.actors;

import dev.warroom.experts.metrics.MetricMeaning;
import dev.warroom.experts.metrics.MetricSemantics;
import dev.warroom.model.FaultClass;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a metric name, a log line or a Kubernetes reason is evidence of. Metric names follow the
 * common exporters (node_exporter, cAdvisor/kubelet, Micrometer, OpenTelemetry semantic
 * conventions, postgres/mysqld exporters); a match gives a signal group and, for cause-like
 * signals, the fault class it points to. Symptom signals (request latency, error rate) carry no
 * fault class: they say where it hurts, not why.
 */
public final class Signals {
  private Signals() {}

  /** The layer a metric belongs to, used to route it to an actor. */
  public enum Group {
    SYMPTOM,
    RESOURCE,
    DATABASE,
    DEPENDENCY,
    OTHER
  }

  /** A metric family: a name pattern, its group, the fault it suggests when it rises. */
  public record MetricSignal(
      String id, Group group, FaultClass faultWhenUp, FaultClass faultWhenDown) {}

  private record Rule(Pattern pattern, MetricSignal signal) {}

  private static Rule rule(String regex, String id, Group g, FaultClass up, FaultClass down) {
    return new Rule(Pattern.compile(regex), new MetricSignal(id, g, up, down));
  }

  // Order matters: the first match wins, specific names before generic ones.
  private static final List<Rule> METRIC_RULES =
      List.of(
          // Configuration and capacity series: they describe limits, not behaviour.
          rule(
              "(spec_memory_limit|_size_bytes|_max_threads|connections_max|spec_max_replicas|"
                  + "limits_memory)",
              "config",
              Group.OTHER,
              null,
              null),
          rule("limits_cpu", "cpu_limit", Group.RESOURCE, null, FaultClass.CPU_THROTTLING),
          rule("steal", "cpu_steal", Group.RESOURCE, FaultClass.CPU_STEAL, null),
          // Throttling follows from hitting the CPU limit: the cause is a lowered limit or more
          // use.
          rule("throttl", "cpu_throttling", Group.RESOURCE, null, null),
          rule("oom", "oom_kills", Group.RESOURCE, FaultClass.MEMORY_EXHAUSTION, null),
          rule("(gc_|_gc|garbage|heap)", "gc", Group.RESOURCE, FaultClass.MEMORY_LEAK, null),
          rule(
              "(memory|_mem_|working_set|rss)",
              "memory",
              Group.RESOURCE,
              FaultClass.MEMORY_EXHAUSTION,
              null),
          rule(
              "(node_status_ready|node_ready)",
              "node_ready",
              Group.RESOURCE,
              null,
              FaultClass.NODE_FAILURE),
          // Restarts and unready pods follow OOM kills, bad images and bad config alike: symptoms.
          rule("(pod_status_ready|restarts)", "pod_health", Group.RESOURCE, null, null),
          rule("cpu", "cpu", Group.RESOURCE, FaultClass.CPU_SATURATION, null),
          rule(
              "(filesystem_avail|disk_free|fs_avail)",
              "disk_free",
              Group.RESOURCE,
              null,
              FaultClass.DISK_FULL),
          rule(
              "(filesystem_usage|disk_used|disk_usage|fs_usage|filesystem_used)",
              "disk_usage",
              Group.RESOURCE,
              FaultClass.DISK_FULL,
              null),
          rule(
              "(disk_io|io_time|iops|disk_read|disk_write|io_wait|iowait|blkio)",
              "disk_io",
              Group.RESOURCE,
              FaultClass.DISK_IO_SATURATION,
              null),
          rule(
              "(retrans|drop|packet_loss|packets_lost)",
              "packet_loss",
              Group.RESOURCE,
              FaultClass.PACKET_LOSS,
              null),
          rule(
              "(network_latency|rtt|dial|connect_time|tcp_connect)",
              "network_latency",
              Group.RESOURCE,
              FaultClass.NETWORK_LATENCY,
              null),
          rule("dns", "dns", Group.DEPENDENCY, FaultClass.DNS_FAILURE, FaultClass.DNS_FAILURE),
          rule(
              "(ssl|cert_expiry|certificate)",
              "tls",
              Group.DEPENDENCY,
              null,
              FaultClass.TLS_EXPIRED),
          rule("(lock|deadlock)", "db_locks", Group.DATABASE, FaultClass.LOCK_CONTENTION, null),
          rule(
              "(rows_read|rows_examined|tup_returned|tup_fetched|seq_scan|slow_quer|rows_scanned)",
              "db_rows",
              Group.DATABASE,
              FaultClass.SLOW_QUERY,
              null),
          rule(
              "(pool|pending_connections|connections_pending|active_connections|"
                  + "connections_usage|client_connections)",
              "connection_pool",
              Group.DATABASE,
              FaultClass.CONNECTION_POOL_EXHAUSTION,
              null),
          rule(
              "(query_mean|query_duration|db_connections|queries_per)",
              "db_load",
              Group.DATABASE,
              null,
              null),
          rule(
              "(cache_hit|hit_ratio|hit_rate)",
              "cache_hits",
              Group.DEPENDENCY,
              null,
              FaultClass.CACHE_FAILURE),
          rule(
              "(evicted|cache_miss)",
              "cache_evictions",
              Group.DEPENDENCY,
              FaultClass.CACHE_FAILURE,
              null),
          rule("(cache|redis)", "cache", Group.DEPENDENCY, null, null),
          rule(
              "(lag|queue_depth|backlog|queue_size|messages_ready)",
              "queue_lag",
              Group.DEPENDENCY,
              FaultClass.QUEUE_BACKLOG,
              null),
          rule(
              "(thread|executor|worker)",
              "threads",
              Group.RESOURCE,
              FaultClass.THREAD_POOL_EXHAUSTION,
              null),
          rule(
              "(desired_replicas|replica|hpa|autoscal)",
              "replicas",
              Group.RESOURCE,
              FaultClass.AUTOSCALER_LIMIT,
              null),
          rule(
              "(429|rate_limit|ratelimit|throttled_requests)",
              "rate_limited",
              Group.DEPENDENCY,
              FaultClass.RATE_LIMITED,
              null),
          rule("(retry|retries)", "retries", Group.DEPENDENCY, FaultClass.RETRY_STORM, null),
          rule(
              "http_client_requests_per",
              "client_calls",
              Group.DEPENDENCY,
              FaultClass.RETRY_STORM,
              null),
          rule("(duration|latency|_seconds|response_time)", "latency", Group.SYMPTOM, null, null),
          rule("(error|fail|5xx|status)", "errors", Group.SYMPTOM, null, null),
          rule(
              "(requests|rps|throughput|_total|per_second)", "traffic", Group.SYMPTOM, null, null));

  /** The signal a metric name belongs to, if any ({@link #ofMetric(String, Map)}, no labels). */
  public static Optional<MetricSignal> ofMetric(String metricName) {
    return ofMetric(metricName, Map.of());
  }

  // ---- any naming (issue 13): names the rules above miss, read by MetricSemantics ----

  /** The catch-all ids the last rules give on weak evidence ({@code _seconds}, {@code _total}). */
  private static final Set<String> GENERIC = Set.of("latency", "errors", "traffic");

  /** Signals {@link MetricSemantics} knows that no rule above gives. */
  private static final Map<String, MetricSignal> EXTRA =
      Map.of(
          "network_io", new MetricSignal("network_io", Group.RESOURCE, null, null),
          "syscalls", new MetricSignal("syscalls", Group.RESOURCE, null, null));

  /**
   * The signal of a metric: the rules above (matched lower-case) first; {@link MetricSemantics}
   * (any convention: camelCase CSV columns, dotted OpenTelemetry and Datadog names) when they say
   * nothing, or when they give only a catch-all ({@code traffic} for any {@code _total}) and it
   * gives a specific signal. When the name says that a fall is what hurts ({@code
   * node_memory_MemAvailable_bytes}, {@code node_cpu_seconds_total{mode="idle"}}), the fault the
   * signal suggests on a rise is the one it suggests on a fall.
   */
  public static Optional<MetricSignal> ofMetric(String metricName, Map<String, String> labels) {
    Optional<MetricSignal> byRule = byRules(metricName);
    MetricMeaning meaning = MetricSemantics.of(metricName, labels);
    MetricSignal bySemantics = meaning.known() ? signalWithId(meaning.signal()) : null;
    MetricSignal chosen = byRule.orElse(null);
    if (bySemantics != null
        && (chosen == null
            || GENERIC.contains(chosen.id()) && !GENERIC.contains(bySemantics.id()))) {
      chosen = bySemantics;
    }
    if (chosen != null
        && chosen.id().equals(meaning.signal())
        && meaning.bad() == MetricMeaning.Bad.DOWN
        && chosen.faultWhenDown() == null
        && chosen.faultWhenUp() != null) {
      chosen = new MetricSignal(chosen.id(), chosen.group(), null, chosen.faultWhenUp());
    }
    return Optional.ofNullable(chosen);
  }

  private static Optional<MetricSignal> byRules(String metricName) {
    String n = metricName.toLowerCase(Locale.ROOT);
    for (Rule r : METRIC_RULES) {
      if (r.pattern().matcher(n).find()) {
        return Optional.of(r.signal());
      }
    }
    return Optional.empty();
  }

  /** The signal of the first rule with that id, or one of {@link #EXTRA}; null if none. */
  private static MetricSignal signalWithId(String id) {
    for (Rule r : METRIC_RULES) {
      if (r.signal().id().equals(id)) {
        return r.signal();
      }
    }
    return EXTRA.get(id);
  }

  // ---- end any naming ----

  /**
   * An error category recognised in a log line and the fault it points to (null: symptom). The
   * category names are {@link LogCategories}' names.
   */
  public record LogSignal(String category, FaultClass fault) {}

  /** The error category of the text ({@link LogCategories#of}), if any. */
  public static Optional<LogSignal> ofLog(String text) {
    return LogCategories.of(text);
  }
}
