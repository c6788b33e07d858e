package dev.warroom.engine.director;

import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency graph to rank over: the bundle's topology when it has one, else derived from spans
 * (a child span in another service is a call from the parent's service to it), plus every service
 * seen in the data as a node.
 */
final class TopologyView {
  private TopologyView() {}

  static Topology of(Topology given, List<Span> spans, Set<String> services) {
    Map<String, ServiceNode> nodes = new LinkedHashMap<>();
    given.services().forEach(n -> nodes.put(n.name(), n));
    for (String s : services) {
      nodes.putIfAbsent(s, new ServiceNode(s, ComponentKind.SERVICE, ""));
    }
    Set<String> edgeKeys = new LinkedHashSet<>();
    List<DependencyEdge> edges = new java.util.ArrayList<>(given.edges());
    given.edges().forEach(e -> edgeKeys.add(e.caller() + ">" + e.callee()));
    if (given.edges().isEmpty() && !spans.isEmpty()) {
      Map<String, String> serviceOf = new HashMap<>();
      for (Span s : spans) {
        serviceOf.put(s.traceId() + "/" + s.spanId(), s.service());
      }
      for (Span s : spans) {
        if (s.parentSpanId() == null) {
          continue;
        }
        String caller = serviceOf.get(s.traceId() + "/" + s.parentSpanId());
        if (caller != null
            && !caller.equals(s.service())
            && edgeKeys.add(caller + ">" + s.service())) {
          nodes.putIfAbsent(caller, new ServiceNode(caller, ComponentKind.SERVICE, ""));
          nodes.putIfAbsent(s.service(), new ServiceNode(s.service(), ComponentKind.SERVICE, ""));
          edges.add(new DependencyEdge(caller, s.service(), "", 0));
        }
      }
    }
    return new Topology(List.copyOf(nodes.values()), given.instances(), given.hosts(), edges);
  }
}
