package dev.warroom.gym;

import dev.warroom.model.ComponentKind;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Samples the simulated state into metric series named like the exporters that would produce them
 * (Micrometer/OpenTelemetry HTTP server and client metrics, cAdvisor, kube-state-metrics,
 * node_exporter, postgres/mysql, redis and kafka exporters, blackbox, CoreDNS). Counters end in
 * {@code _total}; {@code _per_second} series are rates as a recording rule would store them. The
 * full list is in docs/gym.md.
 */
final class MetricRecorder {
  private final Simulator sim;
  private final Timeline timeline;
  private final RandomGenerator rnd;
  private final List<SeriesKey> keys = new ArrayList<>();
  private final List<double[]> values = new ArrayList<>();
  private final Map<String, Integer> byKey = new HashMap<>();
  private final Herrings herrings;
  private final List<Integer> order = new ArrayList<>();
  private int cursor;

  MetricRecorder(Simulator sim, Herrings herrings, RandomGenerator rnd) {
    this.sim = sim;
    this.timeline = sim.timeline;
    this.herrings = herrings;
    this.rnd = rnd;
  }

  private int h(String name, String... labels) {
    String id = name + String.join("\u0000", labels);
    Integer idx = byKey.get(id);
    if (idx == null) {
      idx = keys.size();
      keys.add(SeriesKey.of(name, labels));
      values.add(new double[timeline.size()]);
      byKey.put(id, idx);
    }
    return idx;
  }

  /**
   * Records a sample. {@link #record} calls this in the same order every step, so after the first
   * step the handle is found by position instead of by building the key again (the key build
   * dominated generation time); a name mismatch falls back to the lookup.
   */
  private void set(int step, double v, String name, String... labels) {
    int handle;
    if (cursor < order.size() && keys.get(order.get(cursor)).name() == name) {
      handle = order.get(cursor);
    } else {
      handle = h(name, labels);
      if (cursor < order.size()) {
        order.set(cursor, handle);
      } else {
        order.add(handle);
      }
    }
    cursor++;
    values.get(handle)[step] = v;
  }

  /** A ratio as measured over n requests: binomial sampling noise around the true value. */
  private double sampledRatio(double p, double n) {
    if (n < 1) {
      return p;
    }
    return Math.min(1, Math.max(0, p + Math.sqrt(p * (1 - p) / n) * rnd.nextGaussian()));
  }

  private double jitter(double v, double rel) {
    return v * (1 + rel * rnd.nextGaussian());
  }

  /** Samples every series at a step. */
  void record(int i, SimState st, double dt) {
    cursor = 0;
    Cluster cl = sim.cluster;
    Graph g = sim.graph;
    SystemSpec sys = sim.system;
    for (int s = 0; s < sys.services().size(); s++) {
      SystemSpec.Service svc = sys.services().get(s);
      String name = svc.name();
      switch (svc.kind()) {
        case SERVICE, LOAD_BALANCER, EXTERNAL -> {
          set(i, st.svcRate[s], "http_server_requests_per_second", "service", name);
          set(
              i,
              sampledRatio(st.svcErr[s], st.svcRate[s] * dt),
              "http_server_error_ratio",
              "service",
              name);
          set(
              i,
              st.svcP50[s] / 1000,
              "http_server_requests_seconds",
              "service",
              name,
              "quantile",
              "0.5");
          set(
              i,
              st.svcP90[s] / 1000,
              "http_server_requests_seconds",
              "service",
              name,
              "quantile",
              "0.9");
          set(
              i,
              st.svcP99[s] / 1000,
              "http_server_requests_seconds",
              "service",
              name,
              "quantile",
              "0.99");
          for (int ep : g.endpointsOfService[s]) {
            String route = g.endpointName[ep];
            set(
                i,
                st.epRate[ep],
                "http_server_requests_per_second",
                "service",
                name,
                "route",
                route);
            set(
                i,
                st.epRate[ep] * st.epErr[ep],
                "http_server_errors_per_second",
                "service",
                name,
                "route",
                route);
            set(
                i,
                st.epP90[ep] / 1000,
                "http_server_requests_seconds",
                "service",
                name,
                "route",
                route,
                "quantile",
                "0.9");
          }
          if (svc.kind() == ComponentKind.SERVICE) {
            set(
                i,
                st.svcDesiredReplicas[s],
                "kube_horizontalpodautoscaler_status_desired_replicas",
                "service",
                name);
            set(
                i,
                st.svcMaxReplicas[s],
                "kube_horizontalpodautoscaler_spec_max_replicas",
                "service",
                name);
            double expiry =
                st.svcCertExpirySec[s] > 0
                    ? st.svcCertExpirySec[s]
                    : (timeline.windowStart / 1000.0) + 61 * 86400 + s * 86400;
            set(i, Math.floor(expiry), "probe_ssl_earliest_cert_expiry", "service", name);
          }
        }
        case DATABASE -> recordDatabase(i, st, s, name);
        case CACHE -> {
          double hit =
              st.svcEvictions[s] > 0
                  ? 0.15 + 0.35 * (1 - Math.min(1, st.svcEvictions[s] / 4800))
                  : st.svcHitRatio[s];
          set(i, Math.min(1, jitter(hit, 0.005)), "redis_keyspace_hit_ratio", "service", name);
          set(i, st.svcEvictions[s], "redis_evicted_keys_per_second", "service", name);
          set(i, st.svcRate[s], "redis_commands_processed_per_second", "service", name);
          set(i, 40 + Math.round(st.svcRate[s] / 50), "redis_connected_clients", "service", name);
        }
        case QUEUE -> {
          for (int ep : g.endpointsOfService[s]) {
            set(
                i,
                st.epRate[ep],
                "kafka_topic_messages_in_per_second",
                "service",
                name,
                "topic",
                g.endpointName[ep]);
            for (Graph.CallRef c : g.calls.get(ep)) {
              int consumer = g.endpointService[c.callee()];
              String group = sys.services().get(consumer).name();
              set(
                  i,
                  Math.max(0, Math.round(st.svcLag[consumer] + 20 * rnd.nextDouble())),
                  "kafka_consumergroup_lag",
                  "service",
                  name,
                  "topic",
                  g.endpointName[ep],
                  "consumergroup",
                  group);
            }
          }
        }
      }
    }
    for (int e = 0; e < g.edgeCaller.length; e++) {
      SystemSpec.Service caller = sys.services().get(g.edgeCaller[e]);
      if (caller.kind() == ComponentKind.QUEUE) {
        continue;
      }
      String c = caller.name();
      String peer = sys.services().get(g.edgeCallee[e]).name();
      set(i, st.edgeRate[e], "http_client_requests_per_second", "service", c, "peer", peer);
      set(i, st.edgeErrRate[e], "http_client_errors_per_second", "service", c, "peer", peer);
      set(
          i,
          st.edgeLatMs[e] * 1.9 / 1000,
          "http_client_requests_seconds",
          "service",
          c,
          "peer",
          peer,
          "quantile",
          "0.9");
    }
    recordPods(i, st, cl);
    recordNodes(i, st);
    set(
        i,
        jitter(st.dnsServfail + 0.05, 0.2),
        "coredns_dns_responses_per_second",
        "service",
        "coredns",
        "rcode",
        "SERVFAIL");
  }

  private void recordDatabase(int i, SimState st, int s, String name) {
    double rows = 0;
    double queries = 0;
    for (int ep : sim.graph.endpointsOfService[s]) {
      String q = sim.graph.endpointName[ep];
      double r = st.epRate[ep] * sim.dbRowsPerCall[ep] * st.epRowsMult[ep];
      rows += r;
      queries += st.epRate[ep];
      set(i, st.epRate[ep], "db_queries_per_second", "service", name, "query", q);
      set(i, st.epLatMs[ep] / 1000, "db_query_mean_seconds", "service", name, "query", q);
      set(i, r, "db_rows_read_per_second", "service", name, "query", q);
    }
    set(i, rows, "db_rows_read_per_second", "service", name);
    set(i, queries, "db_queries_per_second", "service", name);
    set(
        i,
        Math.max(0, Math.round(st.svcLockWaits[s] + (rnd.nextDouble() < 0.05 ? 1 : 0))),
        "db_lock_waits",
        "service",
        name);
    set(
        i,
        st.svcSlowQps[s] + (herrings != null && herrings.batchRunning(timeline.times[i]) ? 0.4 : 0),
        "db_slow_queries_per_second",
        "service",
        name);
    set(i, Math.round(12 + queries * 0.05 + st.svcLockWaits[s]), "db_connections", "service", name);
  }

  private void recordPods(int i, SimState st, Cluster cl) {
    for (Cluster.Pod pod : cl.pods) {
      int p = pod.index();
      SystemSpec.Service svc = sim.system.services().get(pod.service());
      String s = svc.name();
      String n = sim.system.nodes().get(pod.node()).name();
      boolean serving = sim.servingPod(p);
      if (svc.kind() == ComponentKind.SERVICE || svc.kind() == ComponentKind.LOAD_BALANCER) {
        double err = serving ? 1 - (1 - st.podErr[p]) * (1 - sim.baseErr[pod.service()]) : 0;
        set(
            i,
            st.podRate[p],
            "http_server_requests_per_second",
            "service",
            s,
            "pod",
            pod.name(),
            "node",
            n);
        set(
            i,
            st.podRate[p] * err,
            "http_server_errors_per_second",
            "service",
            s,
            "pod",
            pod.name(),
            "node",
            n);
        set(
            i,
            serving ? st.podSelfMs[p] * 1.9 / 1000 : 0,
            "http_server_requests_seconds",
            "service",
            s,
            "pod",
            pod.name(),
            "node",
            n,
            "quantile",
            "0.9");
      }
      double limitBytes = svc.memoryLimitMib() * 1024 * 1024;
      set(
          i,
          st.podCpuSeconds[p],
          "container_cpu_usage_seconds_total",
          "service",
          s,
          "pod",
          pod.name(),
          "node",
          n);
      set(
          i,
          jitter(st.podCpuUsage[p] / st.podCpuLimit[p], 0.03),
          "container_cpu_utilization_ratio",
          "service",
          s,
          "pod",
          pod.name(),
          "node",
          n);
      set(
          i,
          st.podCpuLimit[p],
          "kube_pod_container_resource_limits_cpu_cores",
          "service",
          s,
          "pod",
          pod.name(),
          "node",
          n);
      set(
          i,
          st.podThrottle[p],
          "container_cpu_cfs_throttled_ratio",
          "service",
          s,
          "pod",
          pod.name(),
          "node",
          n);
      set(
          i,
          st.podUp[p] ? Math.round(jitter(st.podMemFrac[p], 0.01) * limitBytes) : 0,
          "container_memory_working_set_bytes",
          "service",
          s,
          "pod",
          pod.name(),
          "node",
          n);
      set(
          i,
          limitBytes,
          "container_spec_memory_limit_bytes",
          "service",
          s,
          "pod",
          pod.name(),
          "node",
          n);
      set(
          i,
          st.podRestarts[p],
          "kube_pod_container_status_restarts_total",
          "service",
          s,
          "pod",
          pod.name(),
          "node",
          n);
      set(i, serving ? 1 : 0, "kube_pod_status_ready", "service", s, "pod", pod.name(), "node", n);
      if (svc.kind() == ComponentKind.SERVICE) {
        set(i, st.podGc[p], "runtime_gc_pause_ratio", "service", s, "pod", pod.name(), "node", n);
        set(
            i,
            Math.round(st.podThreads[p]),
            "executor_active_threads",
            "service",
            s,
            "pod",
            pod.name(),
            "node",
            n);
        set(
            i,
            sim.threadsMax[pod.service()],
            "executor_pool_max_threads",
            "service",
            s,
            "pod",
            pod.name(),
            "node",
            n);
        set(
            i,
            jitter(st.podRttMs[p], 0.1) / 1000,
            "pod_network_rtt_seconds",
            "service",
            s,
            "pod",
            pod.name(),
            "node",
            n);
        set(
            i,
            st.podRetrans[p] + 0.02 * rnd.nextDouble(),
            "pod_tcp_retransmits_per_second",
            "service",
            s,
            "pod",
            pod.name(),
            "node",
            n);
        set(
            i,
            st.podDrops[p],
            "container_network_receive_packets_dropped_per_second",
            "service",
            s,
            "pod",
            pod.name(),
            "node",
            n);
        if (callsDatabase(pod.service())) {
          double used =
              Math.max(
                  st.podPoolUsed[p],
                  Math.min(sim.poolMax[pod.service()], 1 + st.podRate[p] * 0.004 + rnd.nextInt(2)));
          set(
              i,
              Math.round(used),
              "db_client_connections_usage",
              "service",
              s,
              "pod",
              pod.name(),
              "node",
              n,
              "state",
              "used");
          set(
              i,
              sim.poolMax[pod.service()],
              "db_client_connections_max",
              "service",
              s,
              "pod",
              pod.name(),
              "node",
              n);
          set(
              i,
              Math.round(st.podPoolPending[p]),
              "db_client_connections_pending_requests",
              "service",
              s,
              "pod",
              pod.name(),
              "node",
              n);
        }
      }
    }
  }

  private boolean callsDatabase(int s) {
    for (int c : sim.graph.calleesOf(s)) {
      if (sim.system.services().get(c).kind() == ComponentKind.DATABASE) {
        return true;
      }
    }
    return false;
  }

  private void recordNodes(int i, SimState st) {
    for (int n = 0; n < sim.system.nodes().size(); n++) {
      SystemSpec.Node node = sim.system.nodes().get(n);
      String name = node.name();
      boolean ready = st.nodeReady[n];
      double size = 100L * 1024 * 1024 * 1024;
      set(i, ready ? 1 : 0, "kube_node_status_ready", "node", name);
      // node_exporter on a dead node reports nothing new: the last sample repeats
      set(
          i,
          ready
              ? Math.min(1, jitter(st.nodeCpuUtil[n], 0.02))
              : last(i, "node_cpu_utilization_ratio", name),
          "node_cpu_utilization_ratio",
          "node",
          name);
      set(
          i,
          ready
              ? Math.max(0, st.nodeSteal[n] + 0.003 * rnd.nextDouble())
              : last(i, "node_cpu_steal_ratio", name),
          "node_cpu_steal_ratio",
          "node",
          name);
      set(
          i,
          ready
              ? Math.round(size * (1 - st.nodeDiskUsed[n]))
              : last(i, "node_filesystem_avail_bytes", name),
          "node_filesystem_avail_bytes",
          "node",
          name);
      set(i, size, "node_filesystem_size_bytes", "node", name);
      set(
          i,
          ready
              ? Math.min(1, jitter(st.nodeIoUtil[n], 0.05))
              : last(i, "node_disk_io_time_ratio", name),
          "node_disk_io_time_ratio",
          "node",
          name);
      set(
          i,
          ready
              ? Math.round(jitter(40 + 1800 * st.nodeIoUtil[n], 0.05))
              : last(i, "node_disk_reads_per_second", name),
          "node_disk_reads_per_second",
          "node",
          name);
    }
  }

  private double last(int i, String metric, String node) {
    return i > 0 ? values.get(h(metric, "node", node))[i - 1] : 0;
  }

  double[] values(SeriesKey key) {
    for (int k = 0; k < keys.size(); k++) {
      if (keys.get(k).equals(key)) {
        return values.get(k);
      }
    }
    return null;
  }

  /** The recorded series, sorted by key so output order never depends on registration order. */
  List<MetricSeries> series() {
    List<MetricSeries> out = new ArrayList<>(keys.size());
    for (int k = 0; k < keys.size(); k++) {
      out.add(new MetricSeries(keys.get(k), timeline.times, values.get(k)));
    }
    out.sort((a, b) -> a.key().compareTo(b.key()));
    return out;
  }
}
