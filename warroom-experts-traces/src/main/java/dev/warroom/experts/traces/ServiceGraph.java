package dev.warroom.experts.traces;

import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The service dependency graph derived from spans: every service seen, and an edge for each
 * caller/callee pair with call counts, error rate and latency. Calls within one service are not
 * edges; a client span whose callee has no span of its own (a database, a cache) is an edge to the
 * peer it names ({@code peer.service}, {@code server.address}, {@code db.system}).
 *
 * @param services all services, sorted
 * @param edges edges sorted by caller, then callee
 * @param windowSeconds the time the spans span (first start to last end), for calls per minute
 */
public record ServiceGraph(List<String> services, List<ServiceEdge> edges, double windowSeconds) {
  public ServiceGraph {
    services = List.copyOf(services);
    edges = List.copyOf(edges);
  }

  /** The graph as the model's topology, for {@code RootCauseRanker} and reports. */
  public Topology toTopology() {
    List<ServiceNode> nodes = new ArrayList<>();
    for (String s : services) {
      nodes.add(new ServiceNode(s, ComponentKind.SERVICE, ""));
    }
    List<DependencyEdge> deps = new ArrayList<>();
    for (ServiceEdge e : edges) {
      double perMinute = windowSeconds > 0 ? e.calls() * 60.0 / windowSeconds : 0;
      deps.add(new DependencyEdge(e.caller(), e.callee(), "", perMinute));
    }
    return new Topology(nodes, List.of(), List.of(), deps);
  }

  private static boolean hasChildOf(TraceIndex ix, int span, String service) {
    for (int c : ix.children[span]) {
      if (ix.operations.get(ix.operation[c]).service().equals(service)) {
        return true;
      }
    }
    return false;
  }

  static ServiceGraph of(TraceIndex ix) {
    TreeSet<String> services = new TreeSet<>();
    Map<String, Map<String, List<Integer>>> calls = new HashMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < ix.spans.size(); i++) {
      String svc = ix.operations.get(ix.operation[i]).service();
      services.add(svc);
      first = Math.min(first, ix.startNanos[i]);
      last = Math.max(last, ix.endNanos[i]);
      // A client span to a peer with no span of its own (a database, a cache, an external API)
      // is still an edge: to the peer it names.
      if (ix.peer[i] != null && !ix.peer[i].equals(svc) && !hasChildOf(ix, i, ix.peer[i])) {
        services.add(ix.peer[i]);
        calls
            .computeIfAbsent(svc, k -> new HashMap<>())
            .computeIfAbsent(ix.peer[i], k -> new ArrayList<>())
            .add(i);
      }
      int p = ix.parent[i];
      if (p >= 0) {
        String caller = ix.operations.get(ix.operation[p]).service();
        if (!caller.equals(svc)) {
          calls
              .computeIfAbsent(caller, k -> new HashMap<>())
              .computeIfAbsent(svc, k -> new ArrayList<>())
              .add(i);
        }
      }
    }
    List<ServiceEdge> edges = new ArrayList<>();
    for (String caller : new TreeSet<>(calls.keySet())) {
      Map<String, List<Integer>> byCallee = calls.get(caller);
      for (String callee : new TreeSet<>(byCallee.keySet())) {
        List<Integer> spans = byCallee.get(callee);
        long[] d = new long[spans.size()];
        int errors = 0;
        double sum = 0;
        for (int k = 0; k < d.length; k++) {
          int i = spans.get(k);
          d[k] = ix.endNanos[i] - ix.startNanos[i];
          sum += d[k];
          if (ix.error[i]) {
            errors++;
          }
        }
        Arrays.sort(d);
        int rank = (int) Math.ceil(0.95 * d.length) - 1;
        edges.add(
            new ServiceEdge(
                caller,
                callee,
                d.length,
                errors,
                sum / d.length / 1e6,
                d[Math.max(0, rank)] / 1e6));
      }
    }
    double window = ix.spans.isEmpty() ? 0 : (last - first) / 1e9;
    return new ServiceGraph(List.copyOf(services), edges, window);
  }
}
