package dev.warroom.gym;

import dev.warroom.model.FaultClass;
import dev.warroom.model.FaultLevel;
import java.util.Locale;

/**
 * The fault catalogue. Each gym fault maps to exactly one {@link FaultClass} (several may share
 * one), names what it targets, and documents its symptoms; {@link FaultEffects} implements it.
 * docs/gym.md is written from these descriptions.
 */
public enum FaultType {
  CPU_HOG(
      FaultClass.CPU_SATURATION,
      Target.APP_SERVICE,
      "A runaway process in one pod burns CPU up to its limit.",
      "container CPU at limit and throttled on one pod, that pod's latency up, callers slower"),
  NOISY_NEIGHBOUR(
      FaultClass.CPU_STEAL,
      Target.NOISY_PAIR,
      "A co-located container runs above 95% CPU and starves the other pods on its node.",
      "node CPU steal/saturation on one node, latency only on pods of that node (p99 up, p50 flat)"),
  MEMORY_EXHAUSTION(
      FaultClass.MEMORY_EXHAUSTION,
      Target.APP_SERVICE,
      "Working set climbs to the container limit (large payloads); GC thrashes, then OOMKilled.",
      "memory working set -> limit, GC time up, p90 latency > seconds, OOMKilled + restarts"),
  DISK_FULL(
      FaultClass.DISK_FULL,
      Target.DATABASE,
      "The data volume of a database fills up; writes fail with 'No space left on device'.",
      "filesystem avail -> 0, write errors in the DB log, 5xx on writing endpoints, eviction events"),
  DISK_IO_SATURATION(
      FaultClass.DISK_IO_SATURATION,
      Target.DATABASE,
      "The disk under a database saturates (IO util ~100%, await up).",
      "disk IO time ratio ~1, DB query latency up, callers slower"),
  NETWORK_LATENCY(
      FaultClass.NETWORK_LATENCY,
      Target.APP_SERVICE,
      "Egress of one service's pods is delayed with jitter (tc netem delay).",
      "network latency up on the target, client latency of its callers up, no errors at first"),
  PACKET_LOSS(
      FaultClass.PACKET_LOSS,
      Target.APP_SERVICE,
      "Packets to and from one service are dropped (a flapping NIC / netem loss).",
      "TCP retransmits and drops up, tail latency up, some timeouts at callers"),
  NETWORK_PARTITION(
      FaultClass.NETWORK_PARTITION,
      Target.EDGE,
      "Traffic from one service to another is intermittently blocked (bad NetworkPolicy / route).",
      "connection refused and timeouts on one edge only, jittery dial latency, 5xx on routes using it"),
  DNS_FAILURE(
      FaultClass.DNS_FAILURE,
      Target.APP_SERVICE,
      "Name resolution fails for one service's pods (broken ndots / resolver config on its node).",
      "UnknownHost / no such host errors in its logs, CoreDNS SERVFAIL up, callers see 5xx"),
  NODE_FAILURE(
      FaultClass.NODE_FAILURE,
      Target.NODE,
      "A node goes NotReady; its pods are lost until rescheduled elsewhere.",
      "NodeNotReady + eviction events, pods of several services gone, connection errors to them"),
  CRASH_LOOP_BAD_CONFIG(
      FaultClass.CRASH_LOOP,
      Target.APP_SERVICE,
      "A config change sets an invalid value; new pods crash at start-up.",
      "config change event, CrashLoopBackOff/BackOff, restarts up, start-up error logs, capacity lost"),
  WRONG_ARCHITECTURE(
      FaultClass.WRONG_ARCHITECTURE,
      Target.APP_SERVICE,
      "A deploy ships an amd64-only image; pods on arm64 nodes fail with 'exec format error'.",
      "deploy event, exec format error + BackOff on arm64 nodes, 502s at the load balancer"),
  BAD_DEPLOY(
      FaultClass.BAD_DEPLOY,
      Target.APP_SERVICE,
      "A new version rejects a field its callers still send; one endpoint fails.",
      "deploy event right before onset, new version label, errors at a code line of the new version"),
  MISCONFIGURED_PORT(
      FaultClass.MISCONFIGURED_PORT,
      Target.APP_SERVICE,
      "The service's PORT env var is changed and no longer matches the Service's targetPort.",
      "config change, readiness probe failures, 502 'upstream connect error' from the proxy"),
  CPU_LIMIT_TOO_LOW(
      FaultClass.CPU_THROTTLING,
      Target.APP_SERVICE,
      "The CPU limit is lowered; the pods are CFS-throttled at normal load.",
      "config change of resources.limits.cpu, throttled ratio up, latency up without more traffic"),
  AUTOSCALER_MAX(
      FaultClass.AUTOSCALER_LIMIT,
      Target.APP_SERVICE,
      "A traffic surge drives the HPA to maxReplicas; remaining pods saturate.",
      "SuccessfulRescale up to max, desired > max replicas, CPU saturated on all pods, latency up"),
  TLS_CERT_EXPIRED(
      FaultClass.TLS_EXPIRED,
      Target.APP_SERVICE,
      "The serving certificate of one service expires; callers fail the TLS handshake.",
      "x509 certificate has expired errors at callers, probe_ssl_earliest_cert_expiry < now, 5xx"),
  RATE_LIMITED(
      FaultClass.RATE_LIMITED,
      Target.APP_SERVICE,
      "A dependency starts enforcing a lower quota and answers 429 Too Many Requests.",
      "429s from the dependency, retries at callers, errors on routes using it"),
  UNINDEXED_QUERY(
      FaultClass.SLOW_QUERY,
      Target.DATABASE,
      "A query loses its index (migration) and scans the table; rows read explode.",
      "rows read per second spike, DB CPU ~70%+, read IOPS up, slow-query log, callers slower"),
  LOCK_CONTENTION(
      FaultClass.LOCK_CONTENTION,
      Target.DATABASE,
      "A long transaction holds row locks; writers queue behind it.",
      "lock waits up, 'still waiting for ShareLock' logs, write latency and timeouts"),
  CONNECTION_POOL_EXHAUSTION(
      FaultClass.CONNECTION_POOL_EXHAUSTION,
      Target.DB_CLIENT,
      "A code path leaks connections; the service's pool is exhausted.",
      "pool used = max, pending acquires up, 'Connection is not available' errors"),
  CACHE_FAILURE(
      FaultClass.CACHE_FAILURE,
      Target.CACHE,
      "The cache is flushed and evicting (maxmemory); misses stampede the backends.",
      "cache hit ratio collapses, evictions, backend load and latency up"),
  QUEUE_BACKLOG(
      FaultClass.QUEUE_BACKLOG,
      Target.CONSUMER,
      "A consumer stalls (stuck handler); its topic backs up and the work it does stops.",
      "consumer lag grows without bound, consumer throughput ~0, poll-timeout and rebalance logs"),
  NULL_DEREFERENCE(
      FaultClass.CODE_EXCEPTION,
      Target.APP_SERVICE,
      "Requests for records with a missing field hit an unguarded dereference.",
      "exceptions with a stack trace at the faulty line, 5xx on one endpoint, no deploy needed"),
  RETRY_STORM(
      FaultClass.RETRY_STORM,
      Target.DB_CLIENT_OR_CALLER,
      "A client retries without backoff; load on its dependency multiplies.",
      "request rate to the dependency x3-x5, dependency saturated, retry log lines at the caller"),
  THREAD_POOL_EXHAUSTION(
      FaultClass.THREAD_POOL_EXHAUSTION,
      Target.APP_SERVICE,
      "A blocking call in a handler pins worker threads; the pool is exhausted.",
      "active threads = max, queued tasks, rejected executions, latency up then 503s"),
  MEMORY_LEAK(
      FaultClass.MEMORY_LEAK,
      Target.APP_SERVICE,
      "An unbounded in-process cache grows with every request until OOMKilled.",
      "memory rises steadily (sawtooth with restarts), GC up, OOMKilled, code line of the cache"),
  PERFORMANCE_REGRESSION(
      FaultClass.PERFORMANCE_REGRESSION,
      Target.APP_SERVICE,
      "A deploy adds a quadratic loop to a hot path.",
      "deploy event, CPU per request up, latency up on one endpoint, no errors");

  /** What a fault is injected into. */
  public enum Target {
    APP_SERVICE,
    NOISY_PAIR,
    DATABASE,
    CACHE,
    NODE,
    EDGE,
    DB_CLIENT,
    DB_CLIENT_OR_CALLER,
    CONSUMER
  }

  private final FaultClass faultClass;
  private final Target target;
  private final String description;
  private final String symptoms;

  FaultType(FaultClass faultClass, Target target, String description, String symptoms) {
    this.faultClass = faultClass;
    this.target = target;
    this.description = description;
    this.symptoms = symptoms;
  }

  public FaultClass faultClass() {
    return faultClass;
  }

  public FaultLevel level() {
    return faultClass.level();
  }

  public Target target() {
    return target;
  }

  public String description() {
    return description;
  }

  public String symptoms() {
    return symptoms;
  }

  /** {@code memory_exhaustion}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an id such as {@code noisy_neighbour} or {@code noisy-neighbour}. */
  public static FaultType parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown fault '" + text + "' (see 'warroom gym list')", e);
    }
  }
}
