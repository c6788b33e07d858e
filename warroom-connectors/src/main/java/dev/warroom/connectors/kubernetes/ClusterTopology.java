package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.Host;
import dev.warroom.model.Instance;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The topology a cluster shows: Deployments and StatefulSets as services, pods as their instances
 * on nodes, nodes as hosts (zone, instance type, architecture, CPU, memory). Kubernetes knows no
 * call edges, so there are none.
 */
final class ClusterTopology {
  private ClusterTopology() {}

  static Topology read(Cluster cluster, boolean nodes) {
    List<String> requested = new ArrayList<>();
    Map<String, List<JsonNode>> byKind = new LinkedHashMap<>();
    byKind.put(
        "Deployment",
        cluster.namespaced(
            "/apis/apps/v1", "deployments", null, null, "deployments.apps", requested));
    byKind.put(
        "StatefulSet",
        cluster.namespaced(
            "/apis/apps/v1", "statefulsets", null, null, "statefulsets.apps", requested));
    List<JsonNode> workloads = new ArrayList<>();
    byKind.values().forEach(workloads::addAll);
    List<JsonNode> podList = cluster.namespaced("/api/v1", "pods", null, null, "pods", requested);
    ServiceResolver services =
        new ServiceResolver(cluster.serviceLabels(), podList, List.of(), byKind);
    Map<String, ServiceNode> nodesByName = new TreeMap<>();
    for (JsonNode w : workloads) {
      String s = services.ofWorkload(w);
      nodesByName.putIfAbsent(s, new ServiceNode(s, ComponentKind.SERVICE, ""));
    }
    List<Instance> instances = new ArrayList<>();
    for (JsonNode p : podList) {
      String s = services.ofPod(p);
      if (s != null) {
        nodesByName.putIfAbsent(s, new ServiceNode(s, ComponentKind.SERVICE, ""));
        instances.add(new Instance(KubeJson.name(p), s, KubeJson.text(p, "spec", "nodeName")));
      }
    }
    List<Host> hosts = new ArrayList<>();
    if (nodes) {
      for (JsonNode n : cluster.nodes(requested)) {
        Map<String, String> attrs = new LinkedHashMap<>();
        Map<String, String> labels = KubeJson.strings(n.path("metadata").path("labels"));
        put(attrs, "zone", labels.get("topology.kubernetes.io/zone"));
        put(attrs, "instanceType", labels.get("node.kubernetes.io/instance-type"));
        put(attrs, "arch", labels.get("kubernetes.io/arch"));
        put(attrs, "cpu", KubeJson.text(n, "status", "capacity", "cpu"));
        put(attrs, "memory", KubeJson.text(n, "status", "capacity", "memory"));
        hosts.add(new Host(KubeJson.name(n), attrs));
      }
    }
    return new Topology(List.copyOf(nodesByName.values()), instances, hosts, List.of());
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
