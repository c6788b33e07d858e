package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.store.EventQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a cluster a source reads: its namespaces (all when none are mapped), which events API
 * it lists, and which label names the service. Lists resources through {@link KubernetesApi}, each
 * path appended to the caller's list of requests.
 */
final class Cluster {
  static final String DIALECT = "kubernetes-api";
  private final KubernetesApi api;
  private final List<String> namespaces;
  private final boolean newEventsApi;
  private final String serviceLabel;
  private final boolean serviceLabelMapped;
  private final List<String> serviceLabels;

  /**
   * @param serviceLabel the source's service label ({@code labels.service}); "service" when not
   *     mapped
   */
  Cluster(KubernetesApi api, List<String> namespaces, boolean newEventsApi, String serviceLabel) {
    this.api = api;
    this.namespaces = List.copyOf(namespaces);
    this.newEventsApi = newEventsApi;
    this.serviceLabel = serviceLabel;
    this.serviceLabelMapped = !serviceLabel.equals("service");
    this.serviceLabels =
        List.copyOf(
            new LinkedHashSet<>(List.of(serviceLabel, "app.kubernetes.io/name", "app", "k8s-app")));
  }

  /** Label names that name a service, most specific first. */
  List<String> serviceLabels() {
    return serviceLabels;
  }

  /** Every node (cluster-scoped). */
  List<JsonNode> nodes(List<String> requested) {
    return api.list("/api/v1/nodes", Map.of(), "nodes (cluster-wide)", "nodes", requested);
  }

  /** Core or events.k8s.io events, with the object and a single reason pushed into the selector. */
  List<JsonNode> events(EventQuery q, List<String> requested) {
    String prefix = newEventsApi ? "regarding." : "involvedObject.";
    List<String> fields = new ArrayList<>();
    if (q.objectKind() != null) {
      fields.add(prefix + "kind=" + q.objectKind());
    }
    if (q.objectName() != null) {
      fields.add(prefix + "name=" + q.objectName());
    }
    if (q.reasons().size() == 1) {
      fields.add("reason=" + q.reasons().iterator().next());
    }
    String group = newEventsApi ? "/apis/events.k8s.io/v1" : "/api/v1";
    return namespaced(
        group,
        "events",
        null,
        fields.isEmpty() ? null : String.join(",", fields),
        newEventsApi ? "events.events.k8s.io" : "events",
        requested);
  }

  /** A resource in each mapped namespace, or cluster-wide when none are mapped. */
  List<JsonNode> namespaced(
      String group,
      String resource,
      String labelSelector,
      String fieldSelector,
      String rbac,
      List<String> requested) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("labelSelector", labelSelector);
    params.put("fieldSelector", fieldSelector);
    if (namespaces.isEmpty()) {
      return api.list(
          group + "/" + resource, params, resource + " (all namespaces)", rbac, requested);
    }
    List<JsonNode> out = new ArrayList<>();
    for (String ns : namespaces) {
      out.addAll(
          api.list(
              group + "/namespaces/" + ns + "/" + resource,
              params,
              resource + " in namespace " + ns,
              rbac,
              requested));
    }
    return out;
  }

  /** {@code <label> in (a,b)} when the source maps the service label and services are asked. */
  String labelSelector(Set<String> services) {
    if (!serviceLabelMapped || services.isEmpty()) {
      return null;
    }
    return serviceLabel + " in (" + String.join(",", new java.util.TreeSet<>(services)) + ")";
  }

  static String nativeQuery(List<String> requested) {
    StringBuilder b = new StringBuilder();
    for (String p : requested) {
      b.append("GET ").append(p).append('\n');
    }
    return b.toString().strip();
  }
}
