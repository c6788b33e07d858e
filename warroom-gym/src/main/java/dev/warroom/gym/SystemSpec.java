package dev.warroom.gym;

import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Host;
import dev.warroom.model.Instance;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A simulated system: Kubernetes-like nodes and the services that run on them, each with endpoints
 * whose calls to other services' endpoints form the request tree. Built-in systems are in {@link
 * SystemCatalog}; users describe their own in a topology file ({@link SystemFile}, docs/gym.md).
 *
 * <p>Validation happens here once: unknown callees, unknown placement nodes, call cycles and
 * duplicate names are rejected with a message naming the offending element.
 */
public record SystemSpec(
    String name, String description, List<Node> nodes, List<Service> services) {

  /** A node (host) with its CPU architecture ({@code amd64} or {@code arm64}) and zone. */
  public record Node(String name, String arch, int cpus, double memoryGib, String zone) {
    public Node {
      requireName(name, "node name");
      if (!arch.equals("amd64") && !arch.equals("arm64")) {
        throw new IllegalArgumentException(
            "node " + name + ": arch must be amd64 or arm64: " + arch);
      }
      if (cpus < 1) {
        throw new IllegalArgumentException("node " + name + ": cpus < 1: " + cpus);
      }
      if (!(memoryGib > 0)) {
        throw new IllegalArgumentException("node " + name + ": memoryGib <= 0: " + memoryGib);
      }
      zone = zone == null || zone.isBlank() ? "zone-a" : zone;
    }
  }

  /**
   * A service, datastore, cache, queue or load balancer. {@code language} is one of java, python,
   * go, node for application services (it selects log style and code snapshot), or the engine for
   * infrastructure (postgres, redis, kafka, envoy). {@code entryRps} &gt; 0 marks a service that
   * receives external traffic (requests per second at the daily mean). {@code placement} lists node
   * names; empty means spread by the scheduler.
   */
  public record Service(
      String name,
      ComponentKind kind,
      String language,
      int replicas,
      double cpuLimit,
      double memoryLimitMib,
      double baseLatencyMs,
      double entryRps,
      List<String> placement,
      List<Endpoint> endpoints) {
    public Service {
      requireName(name, "service name");
      Objects.requireNonNull(kind, name + ": kind");
      language = language == null ? "" : language;
      if (replicas < 1) {
        throw new IllegalArgumentException("service " + name + ": replicas < 1: " + replicas);
      }
      if (!(cpuLimit > 0) || !(memoryLimitMib > 0) || !(baseLatencyMs > 0) || entryRps < 0) {
        throw new IllegalArgumentException(
            "service "
                + name
                + ": cpuLimit, memoryLimitMib, baseLatencyMs must be > 0, entryRps >= 0");
      }
      placement = placement == null ? List.of() : List.copyOf(placement);
      endpoints = List.copyOf(endpoints);
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("service " + name + ": no endpoints");
      }
    }

    /** True for services that run application code (and so log in a language's style). */
    public boolean isApplication() {
      return kind == ComponentKind.SERVICE;
    }

    public Endpoint endpoint(String endpointName) {
      for (Endpoint e : endpoints) {
        if (e.name().equals(endpointName)) {
          return e;
        }
      }
      return null;
    }
  }

  /**
   * An endpoint (HTTP route, gRPC method, SQL statement, cache command, topic). {@code weight} is
   * its share of the service's external traffic; {@code statement} is the SQL text for database
   * endpoints (may be empty).
   */
  public record Endpoint(String name, double weight, String statement, List<Call> calls) {
    public Endpoint {
      requireEndpoint(name);
      if (!(weight >= 0)) {
        throw new IllegalArgumentException("endpoint " + name + ": weight < 0");
      }
      statement = statement == null ? "" : statement;
      calls = calls == null ? List.of() : List.copyOf(calls);
    }
  }

  /**
   * A call made while serving an endpoint: {@code count} calls per request (may be fractional: 0.3
   * means 30% of requests make one call) to {@code service}'s {@code endpoint}; {@code async} calls
   * (queue publishes) do not add the callee's latency to the caller.
   */
  public record Call(String service, String endpoint, double count, boolean async) {
    public Call {
      requireName(service, "call service");
      requireEndpoint(endpoint);
      if (!(count > 0)) {
        throw new IllegalArgumentException("call to " + service + ": count <= 0");
      }
    }
  }

  public SystemSpec {
    requireName(name, "system name");
    description = description == null ? "" : description;
    nodes = List.copyOf(nodes);
    services = List.copyOf(services);
    if (nodes.isEmpty() || services.isEmpty()) {
      throw new IllegalArgumentException("system " + name + ": needs nodes and services");
    }
    Set<String> nodeNames = new HashSet<>();
    for (Node n : nodes) {
      if (!nodeNames.add(n.name())) {
        throw new IllegalArgumentException("system " + name + ": duplicate node " + n.name());
      }
    }
    Map<String, Service> byName = new LinkedHashMap<>();
    for (Service s : services) {
      if (byName.put(s.name(), s) != null) {
        throw new IllegalArgumentException("system " + name + ": duplicate service " + s.name());
      }
      for (String p : s.placement()) {
        if (!nodeNames.contains(p)) {
          throw new IllegalArgumentException("service " + s.name() + ": unknown node " + p);
        }
      }
    }
    boolean anyEntry = false;
    for (Service s : services) {
      anyEntry |= s.entryRps() > 0;
      for (Endpoint e : s.endpoints()) {
        for (Call c : e.calls()) {
          Service callee = byName.get(c.service());
          if (callee == null) {
            throw new IllegalArgumentException(
                s.name() + " " + e.name() + ": calls unknown service " + c.service());
          }
          if (callee.endpoint(c.endpoint()) == null) {
            throw new IllegalArgumentException(
                s.name()
                    + " "
                    + e.name()
                    + ": calls unknown endpoint "
                    + c.service()
                    + " "
                    + c.endpoint());
          }
        }
      }
    }
    if (!anyEntry) {
      throw new IllegalArgumentException("system " + name + ": no service has entryRps > 0");
    }
    checkAcyclic(byName);
  }

  private static void checkAcyclic(Map<String, Service> byName) {
    Map<String, Integer> state = new LinkedHashMap<>();
    for (String s : byName.keySet()) {
      visit(s, byName, state, new ArrayList<>());
    }
  }

  private static void visit(
      String s, Map<String, Service> byName, Map<String, Integer> state, List<String> path) {
    Integer st = state.get(s);
    if (st != null && st == 2) {
      return;
    }
    path.add(s);
    if (st != null && st == 1) {
      throw new IllegalArgumentException("call cycle: " + String.join(" -> ", path));
    }
    state.put(s, 1);
    for (Endpoint e : byName.get(s).endpoints()) {
      for (Call c : e.calls()) {
        visit(c.service(), byName, state, path);
      }
    }
    state.put(s, 2);
    path.remove(path.size() - 1);
  }

  private static void requireEndpoint(String value) {
    if (value == null || !value.matches("[A-Za-z0-9_./{}:-]+")) {
      throw new IllegalArgumentException("invalid endpoint name: '" + value + "'");
    }
  }

  private static void requireName(String value, String what) {
    if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9_./-]*")) {
      throw new IllegalArgumentException("invalid " + what + ": '" + value + "'");
    }
  }

  public Service service(String serviceName) {
    for (Service s : services) {
      if (s.name().equals(serviceName)) {
        return s;
      }
    }
    throw new IllegalArgumentException("system " + name + " has no service '" + serviceName + "'");
  }

  public int serviceIndex(String serviceName) {
    for (int i = 0; i < services.size(); i++) {
      if (services.get(i).name().equals(serviceName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("system " + name + " has no service '" + serviceName + "'");
  }

  public Node node(String nodeName) {
    for (Node n : nodes) {
      if (n.name().equals(nodeName)) {
        return n;
      }
    }
    throw new IllegalArgumentException("system " + name + " has no node '" + nodeName + "'");
  }

  /** The model topology: services, the given pod placement, nodes, and edges with call rates. */
  public Topology toTopology(List<Instance> instances, double[] callsPerMinuteByEdge) {
    List<ServiceNode> svc = new ArrayList<>();
    for (Service s : services) {
      svc.add(new ServiceNode(s.name(), s.kind(), s.language()));
    }
    List<Host> hosts = new ArrayList<>();
    for (Node n : nodes) {
      hosts.add(
          new Host(
              n.name(),
              Map.of(
                  "arch", n.arch(),
                  "cpus", Integer.toString(n.cpus()),
                  "zone", n.zone(),
                  "memory_gib", Double.toString(n.memoryGib()))));
    }
    List<DependencyEdge> edges = new ArrayList<>();
    List<String[]> pairs = edgePairs();
    for (int i = 0; i < pairs.size(); i++) {
      String[] p = pairs.get(i);
      edges.add(
          new DependencyEdge(
              p[0],
              p[1],
              protocolOf(service(p[1])),
              Math.round(callsPerMinuteByEdge[i] * 10) / 10.0));
    }
    return new Topology(svc, instances, hosts, edges);
  }

  /** Distinct caller/callee pairs, in declaration order. */
  public List<String[]> edgePairs() {
    List<String[]> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Service s : services) {
      for (Endpoint e : s.endpoints()) {
        for (Call c : e.calls()) {
          if (seen.add(s.name() + "\u0000" + c.service())) {
            out.add(new String[] {s.name(), c.service()});
          }
        }
      }
    }
    return out;
  }

  /** The wire protocol used to call a service of this kind. */
  public static String protocolOf(Service callee) {
    return switch (callee.kind()) {
      case DATABASE -> callee.language().equals("mysql") ? "mysql" : "postgresql";
      case CACHE -> "redis";
      case QUEUE -> "kafka";
      case SERVICE, LOAD_BALANCER, EXTERNAL -> callee.language().equals("go") ? "grpc" : "http";
    };
  }
}
