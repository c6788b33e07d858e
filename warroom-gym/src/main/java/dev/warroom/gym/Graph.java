package dev.warroom.gym;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The request graph of a system flattened into arrays: endpoints numbered globally, the calls each
 * makes (callee endpoint, count, async, edge), services in caller-before-callee order, and the
 * distinct service-to-service edges.
 */
final class Graph {
  record CallRef(int callee, double count, boolean async, int edge) {}

  final SystemSpec system;
  final int nEndpoints;
  final int[] endpointService;
  final String[] endpointName;
  final double[] entryWeight;
  final List<List<CallRef>> calls = new ArrayList<>();
  final int[][] endpointsOfService;
  final int[] serviceOrder;
  final int[] edgeCaller;
  final int[] edgeCallee;
  private final Map<String, Integer> edgeIndex = new HashMap<>();

  Graph(SystemSpec system) {
    this.system = system;
    int nServices = system.services().size();
    endpointsOfService = new int[nServices][];
    List<Integer> epService = new ArrayList<>();
    List<String> epName = new ArrayList<>();
    Map<String, Integer> epIndex = new HashMap<>();
    for (int s = 0; s < nServices; s++) {
      SystemSpec.Service svc = system.services().get(s);
      endpointsOfService[s] = new int[svc.endpoints().size()];
      for (int k = 0; k < svc.endpoints().size(); k++) {
        endpointsOfService[s][k] = epService.size();
        epIndex.put(svc.name() + " " + svc.endpoints().get(k).name(), epService.size());
        epService.add(s);
        epName.add(svc.endpoints().get(k).name());
      }
    }
    nEndpoints = epService.size();
    endpointService = epService.stream().mapToInt(Integer::intValue).toArray();
    endpointName = epName.toArray(String[]::new);
    entryWeight = new double[nEndpoints];
    List<String[]> pairs = system.edgePairs();
    edgeCaller = new int[pairs.size()];
    edgeCallee = new int[pairs.size()];
    for (int e = 0; e < pairs.size(); e++) {
      edgeCaller[e] = system.serviceIndex(pairs.get(e)[0]);
      edgeCallee[e] = system.serviceIndex(pairs.get(e)[1]);
      edgeIndex.put(edgeCaller[e] + ":" + edgeCallee[e], e);
    }
    for (int s = 0; s < nServices; s++) {
      SystemSpec.Service svc = system.services().get(s);
      double totalWeight = svc.endpoints().stream().mapToDouble(SystemSpec.Endpoint::weight).sum();
      for (int k = 0; k < svc.endpoints().size(); k++) {
        SystemSpec.Endpoint ep = svc.endpoints().get(k);
        int idx = endpointsOfService[s][k];
        if (svc.entryRps() > 0 && totalWeight > 0) {
          entryWeight[idx] = svc.entryRps() * ep.weight() / totalWeight;
        }
        List<CallRef> refs = new ArrayList<>();
        for (SystemSpec.Call c : ep.calls()) {
          int callee = epIndex.get(c.service() + " " + c.endpoint());
          refs.add(
              new CallRef(callee, c.count(), c.async(), edge(s, system.serviceIndex(c.service()))));
        }
        calls.add(List.copyOf(refs));
      }
    }
    serviceOrder = topologicalOrder(nServices);
  }

  /** The edge index from caller to callee service, or -1. */
  int edge(int caller, int callee) {
    Integer e = edgeIndex.get(caller + ":" + callee);
    return e == null ? -1 : e;
  }

  private int[] topologicalOrder(int nServices) {
    List<Integer> post = new ArrayList<>();
    boolean[] seen = new boolean[nServices];
    for (int s = 0; s < nServices; s++) {
      dfs(s, seen, post);
    }
    int[] order = new int[nServices];
    for (int i = 0; i < nServices; i++) {
      order[i] = post.get(nServices - 1 - i);
    }
    return order;
  }

  private void dfs(int s, boolean[] seen, List<Integer> post) {
    if (seen[s]) {
      return;
    }
    seen[s] = true;
    for (int e = 0; e < edgeCaller.length; e++) {
      if (edgeCaller[e] == s) {
        dfs(edgeCallee[e], seen, post);
      }
    }
    post.add(s);
  }

  List<Integer> callersOf(int service) {
    List<Integer> out = new ArrayList<>();
    for (int e = 0; e < edgeCaller.length; e++) {
      if (edgeCallee[e] == service) {
        out.add(edgeCaller[e]);
      }
    }
    return out;
  }

  List<Integer> calleesOf(int service) {
    List<Integer> out = new ArrayList<>();
    for (int e = 0; e < edgeCaller.length; e++) {
      if (edgeCaller[e] == service) {
        out.add(edgeCallee[e]);
      }
    }
    return out;
  }
}
