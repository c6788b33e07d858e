package dev.warroom.gym;

import static dev.warroom.model.EvidenceKind.CODE;
import static dev.warroom.model.EvidenceKind.DATABASE;
import static dev.warroom.model.EvidenceKind.EVENT;
import static dev.warroom.model.EvidenceKind.LOG;
import static dev.warroom.model.EvidenceKind.METRIC;
import static dev.warroom.model.EvidenceKind.TRACE;

import dev.warroom.gym.GroundTruth.ExpectedEvidence;
import dev.warroom.gym.GroundTruth.RedHerringTruth;
import dev.warroom.model.Alert;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes down what was injected: the root-cause service and component, the names that count as
 * naming it, the causal chain from the cause to the alerting service (shortest path up the caller
 * graph), and the evidence each fault leaves (see docs/gym.md, "Faults").
 */
final class TruthBuilder {
  private TruthBuilder() {}

  static GroundTruth build(
      String id,
      long seed,
      Scenario sc,
      Simulator sim,
      Injection inj,
      AlertRules.Firing firing,
      Alert alert,
      Herrings herrings,
      CodeSnapshot code,
      double severity) {
    List<RedHerringTruth> rh = new ArrayList<>();
    for (Herrings.Planted p : herrings.planted) {
      rh.add(
          new RedHerringTruth(
              p.kind().name().toLowerCase(),
              p.service(),
              Instant.ofEpochMilli(p.time()),
              p.detail()));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("window_minutes", Long.toString(sc.window().toMinutes()));
    params.put("baseline_hours", Long.toString(sc.baseline().toHours()));
    params.put("traces_per_minute", Integer.toString(sc.tracesPerMinute()));
    String alertSvc = sim.cluster.serviceName(firing.service());
    if (inj.fault() == null) {
      return new GroundTruth(
          id,
          seed,
          sc.system().name(),
          sc.name(),
          sc.difficulty().name().toLowerCase(),
          true,
          "none",
          FaultClass.NONE,
          null,
          null,
          null,
          null,
          null,
          null,
          alertSvc,
          firing.alertname(),
          alert.startsAt(),
          List.of(),
          List.of(),
          List.of(),
          rh,
          params);
    }
    FaultType f = inj.fault();
    params.put("severity", String.valueOf(Math.round(severity * 100) / 100.0));
    params.put("duty_cycle", String.valueOf(Math.round(inj.duty() * 100) / 100.0));
    String svc = inj.service() >= 0 ? sim.cluster.serviceName(inj.service()) : null;
    String peer = inj.peer() >= 0 ? sim.cluster.serviceName(inj.peer()) : null;
    String node = inj.node() >= 0 ? sim.cluster.nodeName(inj.node()) : null;
    String pod = inj.pod() >= 0 ? sim.cluster.pods.get(inj.pod()).name() : null;
    String ep = inj.endpoint() >= 0 ? sim.graph.endpointName[inj.endpoint()] : null;
    String root = svc;
    String component;
    String kind;
    String codeRef = null;
    Set<String> culprits = new LinkedHashSet<>();
    List<ExpectedEvidence> ev = new ArrayList<>();
    switch (f) {
      case CPU_HOG -> {
        component = pod;
        kind = "pod";
        ev.add(e(METRIC, "CPU at limit on the pod", "container_cpu_utilization_ratio", pod));
        ev.add(e(METRIC, "CFS throttling", "container_cpu_cfs_throttled_ratio", svc));
      }
      case NOISY_NEIGHBOUR -> {
        component = pod;
        kind = "pod";
        culprits.add(node);
        ev.add(e(METRIC, "CPU steal on the node", "node_cpu_steal_ratio", node));
        ev.add(
            e(
                METRIC,
                "the co-located container above 95% CPU",
                "container_cpu_utilization_ratio",
                pod));
      }
      case MEMORY_EXHAUSTION -> {
        component = svc;
        kind = "service";
        ev.add(
            e(METRIC, "working set reaching the limit", "container_memory_working_set_bytes", svc));
        ev.add(e(EVENT, "OOMKilled containers", "OOMKilled", svc));
        ev.add(e(METRIC, "GC time up", "runtime_gc_pause_ratio", svc));
      }
      case MEMORY_LEAK -> {
        CodeSnapshot.Site s = code.site(svc, "cache:" + ep);
        codeRef = s.path() + ":" + s.line();
        component = codeRef;
        kind = "code";
        ev.add(e(METRIC, "memory rising with traffic", "container_memory_working_set_bytes", svc));
        ev.add(e(EVENT, "OOMKilled containers", "OOMKilled", svc));
        ev.add(e(CODE, "the unbounded cache", s.path()));
      }
      case DISK_FULL, DISK_IO_SATURATION -> {
        component = node;
        kind = "node";
        culprits.add(node);
        culprits.add(sim.cluster.pods.get(sim.cluster.podsOfService[inj.service()][0]).name());
        if (f == FaultType.DISK_FULL) {
          ev.add(e(METRIC, "filesystem free space at 0", "node_filesystem_avail_bytes", node));
          ev.add(e(LOG, "write failures", "No space left on device"));
        } else {
          ev.add(e(METRIC, "disk busy ~100%", "node_disk_io_time_ratio", node));
          ev.add(e(METRIC, "query latency up", "db_query_mean_seconds", svc));
        }
      }
      case NETWORK_LATENCY, PACKET_LOSS -> {
        component = svc;
        kind = "network";
        ev.add(
            e(
                METRIC,
                "callers' client latency to the service",
                "http_client_requests_seconds",
                svc));
        ev.add(
            f == FaultType.PACKET_LOSS
                ? e(METRIC, "TCP retransmits", "pod_tcp_retransmits_per_second", svc)
                : e(TRACE, "slow client spans to the service", svc));
      }
      case NETWORK_PARTITION -> {
        root = peer;
        component = svc + "->" + peer;
        kind = "edge";
        culprits.add(svc);
        ev.add(
            e(METRIC, "client errors on the one edge", "http_client_errors_per_second", svc, peer));
        ev.add(e(LOG, "connection refused / timeouts to the peer", peer));
        ev.add(e(TRACE, "error client spans on the edge", svc, peer));
      }
      case DNS_FAILURE -> {
        component = "dns";
        kind = "dns";
        culprits.add("coredns");
        ev.add(e(METRIC, "SERVFAIL responses", "coredns_dns_responses_per_second", "SERVFAIL"));
        ev.add(e(LOG, "name resolution errors", svc));
      }
      case NODE_FAILURE -> {
        root = node;
        component = node;
        kind = "node";
        ev.add(e(EVENT, "node NotReady", "NodeNotReady", node));
        ev.add(e(METRIC, "node not ready", "kube_node_status_ready", node));
      }
      case CRASH_LOOP_BAD_CONFIG -> {
        component = "config:DB_POOL_MAX_SIZE";
        kind = "config";
        ev.add(e(EVENT, "the config change", "DB_POOL_MAX_SIZE"));
        ev.add(e(EVENT, "crash-looping pods", "BackOff", svc));
      }
      case WRONG_ARCHITECTURE -> {
        component = "image:" + svc;
        kind = "deployment";
        ev.add(e(LOG, "exec format error", "exec format error"));
        ev.add(e(EVENT, "the deploy", svc));
        ev.add(e(EVENT, "crash-looping pods", "BackOff", svc));
      }
      case BAD_DEPLOY -> {
        CodeSnapshot.Site s = code.site(svc, "validate:" + ep);
        codeRef = s.path() + ":" + s.line();
        component = "deploy:" + svc;
        kind = "deployment";
        ev.add(e(EVENT, "the deploy before onset", svc));
        ev.add(e(LOG, "errors from the new version", svc));
        ev.add(e(CODE, "the failing check", s.path()));
      }
      case MISCONFIGURED_PORT -> {
        component = "config:PORT";
        kind = "config";
        ev.add(e(EVENT, "the env change", "PORT"));
        ev.add(e(LOG, "upstream connect errors", "upstream connect error"));
      }
      case CPU_LIMIT_TOO_LOW -> {
        component = "config:resources.limits.cpu";
        kind = "config";
        ev.add(e(EVENT, "the limit change", "resources.limits.cpu"));
        ev.add(e(METRIC, "throttling", "container_cpu_cfs_throttled_ratio", svc));
      }
      case AUTOSCALER_MAX -> {
        component = "hpa:" + svc;
        kind = "hpa";
        ev.add(
            e(
                METRIC,
                "desired replicas above max",
                "kube_horizontalpodautoscaler_status_desired_replicas",
                svc));
        ev.add(e(METRIC, "CPU saturated", "container_cpu_utilization_ratio", svc));
      }
      case TLS_CERT_EXPIRED -> {
        component = "certificate:" + svc;
        kind = "certificate";
        ev.add(e(METRIC, "certificate expiry in the past", "probe_ssl_earliest_cert_expiry", svc));
        ev.add(e(LOG, "handshake failures", "certificate"));
      }
      case RATE_LIMITED -> {
        component = "rate-limit:" + svc;
        kind = "service";
        ev.add(e(METRIC, "client errors to the dependency", "http_client_errors_per_second", svc));
        ev.add(e(LOG, "429 responses", svc));
      }
      case UNINDEXED_QUERY -> {
        String stmt = sc.system().service(svc).endpoint(ep).statement();
        component = "query:" + ep;
        kind = "query";
        culprits.add(ep);
        culprits.add(stmt);
        ev.add(e(METRIC, "rows read spike", "db_rows_read_per_second", svc));
        ev.add(e(DATABASE, "the slow statement", ep));
        ev.add(e(METRIC, "database CPU up", "container_cpu_utilization_ratio", svc));
      }
      case LOCK_CONTENTION -> {
        component = "locks:" + svc;
        kind = "database";
        ev.add(e(METRIC, "lock waits", "db_lock_waits", svc));
        ev.add(e(LOG, "lock wait log", "still waiting for ShareLock"));
      }
      case CONNECTION_POOL_EXHAUSTION -> {
        CodeSnapshot.Site s = code.site(svc, "pool");
        codeRef = s.path() + ":" + s.line();
        component = "pool:" + svc;
        kind = "pool";
        ev.add(
            e(
                METRIC,
                "pool used at max, pending acquires",
                "db_client_connections_pending_requests",
                svc));
        ev.add(e(LOG, "pool timeouts", svc));
      }
      case CACHE_FAILURE -> {
        component = svc;
        kind = "cache";
        ev.add(e(METRIC, "hit ratio collapse", "redis_keyspace_hit_ratio", svc));
        ev.add(e(METRIC, "evictions", "redis_evicted_keys_per_second", svc));
      }
      case QUEUE_BACKLOG -> {
        component = "consumer:" + svc;
        kind = "consumer";
        ev.add(e(METRIC, "consumer lag", "kafka_consumergroup_lag", svc));
        ev.add(e(LOG, "poll timeout / leaving group", svc));
      }
      case NULL_DEREFERENCE -> {
        CodeSnapshot.Site s = code.site(svc, "lookup:" + ep);
        codeRef = s.path() + ":" + s.line();
        component = codeRef;
        kind = "code";
        ev.add(e(CODE, "the dereference", s.path()));
        ev.add(e(LOG, "the exception with stack trace", svc));
        ev.add(e(TRACE, "error spans originate here", svc));
      }
      case RETRY_STORM -> {
        CodeSnapshot.Site s = code.site(svc, "retry");
        codeRef = s.path() + ":" + s.line();
        component = codeRef;
        kind = "code";
        ev.add(
            e(
                METRIC,
                "request rate to the dependency multiplied",
                "http_client_requests_per_second",
                svc,
                peer));
        ev.add(e(LOG, "retry lines", "Retrying", peer));
        ev.add(e(CODE, "the retry loop without backoff", s.path()));
      }
      case THREAD_POOL_EXHAUSTION -> {
        CodeSnapshot.Site s =
            code.site(
                svc,
                "block:" + sim.graph.endpointName[sim.graph.endpointsOfService[inj.service()][0]]);
        codeRef = s.path() + ":" + s.line();
        component = codeRef;
        kind = "code";
        ev.add(e(METRIC, "threads at max", "executor_active_threads", svc));
        ev.add(e(LOG, "rejected work", svc));
      }
      case PERFORMANCE_REGRESSION -> {
        CodeSnapshot.Site s = code.site(svc, "loop:" + ep);
        codeRef = s.path() + ":" + s.line();
        component = codeRef;
        kind = "code";
        ev.add(e(EVENT, "the deploy", svc));
        ev.add(e(METRIC, "latency of one route up", "http_server_requests_seconds", svc));
        ev.add(e(CODE, "the quadratic loop", s.path()));
      }
      default -> throw new IllegalStateException("unhandled fault " + f);
    }
    if (root != null) {
      culprits.add(root);
    }
    if (pod != null && (f == FaultType.CPU_HOG || f == FaultType.NOISY_NEIGHBOUR)) {
      culprits.add(pod);
    }
    if (component != null) {
      culprits.add(component);
    }
    if (ep != null) {
      params.put("endpoint", ep);
    }
    if (peer != null) {
      params.put("peer", peer);
    }
    if (node != null) {
      params.put("node", node);
    }
    List<String> chain = chain(sim, inj, firing.service(), f, pod, node);
    return new GroundTruth(
        id,
        seed,
        sc.system().name(),
        sc.name(),
        sc.difficulty().name().toLowerCase(),
        false,
        f.id(),
        f.faultClass(),
        f.level(),
        root,
        component,
        kind,
        codeRef,
        Instant.ofEpochMilli(inj.onset()),
        alertSvc,
        firing.alertname(),
        alert.startsAt(),
        chain,
        new ArrayList<>(culprits),
        ev,
        rh,
        params);
  }

  private static ExpectedEvidence e(EvidenceKind k, String description, String... mentions) {
    List<String> m = new ArrayList<>();
    for (String s : mentions) {
      if (s != null) {
        m.add(s);
      }
    }
    return new ExpectedEvidence(k, description, m);
  }

  /** Cause first, alerting service last: the shortest path up the caller graph. */
  static List<String> chain(
      Simulator sim, Injection inj, int alert, FaultType f, String pod, String node) {
    List<Integer> seeds = new ArrayList<>(EpisodeFactory.impacted(sim, inj));
    List<String> head = new ArrayList<>();
    Set<Integer> start = new LinkedHashSet<>();
    switch (f) {
      case NODE_FAILURE -> {
        head.add("node:" + node);
        for (int p : sim.cluster.podsOnNode.get(inj.node())) {
          start.add(sim.cluster.pods.get(p).service());
        }
      }
      case NOISY_NEIGHBOUR -> {
        head.add("pod:" + pod);
        head.add("node:" + node);
        for (int p : sim.cluster.podsOnNode.get(inj.node())) {
          if (p != inj.pod()) {
            start.add(sim.cluster.pods.get(p).service());
          }
        }
      }
      case NETWORK_PARTITION -> {
        head.add(
            "edge:"
                + sim.cluster.serviceName(inj.service())
                + "->"
                + sim.cluster.serviceName(inj.peer()));
        start.add(inj.service());
      }
      default -> {
        boolean endpointFault =
            f == FaultType.UNINDEXED_QUERY
                || f == FaultType.NULL_DEREFERENCE
                || f == FaultType.BAD_DEPLOY
                || f == FaultType.PERFORMANCE_REGRESSION;
        if (endpointFault && inj.endpoint() >= 0 && inj.service() != alert) {
          // only the callers of the broken endpoint feel it
          head.add("service:" + sim.cluster.serviceName(inj.service()));
          for (int ep = 0; ep < sim.graph.nEndpoints; ep++) {
            for (Graph.CallRef c : sim.graph.calls.get(ep)) {
              if (c.callee() == inj.endpoint()) {
                start.add(sim.graph.endpointService[ep]);
              }
            }
          }
        }
        if (start.isEmpty()) {
          head.clear();
          start.add(inj.service());
        }
      }
    }
    Map<Integer, Integer> prev = new HashMap<>();
    Deque<Integer> queue = new ArrayDeque<>(start);
    for (int s : start) {
      prev.put(s, -1);
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      if (s == alert) {
        break;
      }
      for (int c : sim.graph.callersOf(s)) {
        if (!prev.containsKey(c)) {
          prev.put(c, s);
          queue.add(c);
        }
      }
    }
    List<String> tail = new ArrayList<>();
    if (prev.containsKey(alert)) {
      for (int s = alert; s >= 0; s = prev.get(s)) {
        tail.add(0, "service:" + sim.cluster.serviceName(s));
      }
    } else {
      // the consumer-lag alert sits on the broker the stalled consumer reads from
      tail.add("service:" + sim.cluster.serviceName(inj.service()));
      tail.add("service:" + sim.cluster.serviceName(alert));
    }
    if (seeds.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(head);
    out.addAll(tail);
    return out;
  }
}
