package dev.warroom.engine.actors;

import dev.warroom.model.FaultClass;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

  /** The signal a metric name belongs to (matched lower-case), if any. */
  public static Optional<MetricSignal> ofMetric(String metricName) {
    String n = metricName.toLowerCase(Locale.ROOT);
    for (Rule r : METRIC_RULES) {
      if (r.pattern().matcher(n).find()) {
        return Optional.of(r.signal());
      }
    }
    return Optional.empty();
  }

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
