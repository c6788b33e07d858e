package dev.warroom.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The system under investigation: services, their instances, hosts and dependencies. */
public record Topology(
    List<ServiceNode> services,
    List<Instance> instances,
    List<Host> hosts,
    List<DependencyEdge> edges) {
  public Topology {
    services = List.copyOf(services);
    instances = List.copyOf(instances);
    hosts = List.copyOf(hosts);
    edges = List.copyOf(edges);
    Set<String> names = new LinkedHashSet<>();
    for (ServiceNode s : services) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("duplicate service: " + s.name());
      }
    }
  }

  public static Topology empty() {
    return new Topology(List.of(), List.of(), List.of(), List.of());
  }

  public boolean isEmpty() {
    return services.isEmpty() && edges.isEmpty();
  }

  /** Services the given one calls directly. */
  public List<String> calleesOf(String service) {
    return edges.stream()
        .filter(e -> e.caller().equals(service))
        .map(DependencyEdge::callee)
        .distinct()
        .toList();
  }

  /** Services that call the given one directly. */
  public List<String> callersOf(String service) {
    return edges.stream()
        .filter(e -> e.callee().equals(service))
        .map(DependencyEdge::caller)
        .distinct()
        .toList();
  }

  public List<Instance> instancesOf(String service) {
    return instances.stream().filter(i -> i.service().equals(service)).toList();
  }

  public List<Instance> instancesOn(String host) {
    return instances.stream().filter(i -> host.equals(i.host())).toList();
  }
}
