package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names the service a Kubernetes object belongs to: the first of the service labels present on the
 * object (or its pod template) — the source's mapped {@code labels.service}, then {@code
 * app.kubernetes.io/name}, {@code app}, {@code k8s-app} — else the owning Deployment's (a pod's
 * ReplicaSet's Deployment), else the workload's own name, else, for an object already gone, its
 * name without the ReplicaSet and pod suffixes ({@code cart-7d9f8b6c4-x2x9q} is {@code cart}).
 * Nodes belong to no service.
 */
final class ServiceResolver {
  private static final Pattern POD_SUFFIX = Pattern.compile("-[a-z0-9]{6,10}-[a-z0-9]{5}$");
  private static final Pattern RS_SUFFIX = Pattern.compile("-[a-z0-9]{6,10}$");
  private static final Pattern ORDINAL = Pattern.compile("-\\d+$");

  private final List<String> labelKeys;
  private final Map<String, String> byObject = new HashMap<>();

  /**
   * @param labelKeys service label names, most specific first
   * @param pods pods read (may be empty)
   * @param replicaSets replica sets read (may be empty)
   * @param workloads workloads read, by kind ("Deployment", "StatefulSet"; list items carry no kind
   *     of their own)
   */
  ServiceResolver(
      List<String> labelKeys,
      List<JsonNode> pods,
      List<JsonNode> replicaSets,
      Map<String, List<JsonNode>> workloads) {
    this.labelKeys = List.copyOf(labelKeys);
    workloads.forEach(
        (kind, list) -> {
          for (JsonNode w : list) {
            byObject.put(kind + "|" + KubeJson.key(w), ofWorkload(w));
          }
        });
    for (JsonNode rs : replicaSets) {
      byObject.put("ReplicaSet|" + KubeJson.key(rs), ofReplicaSet(rs));
    }
    for (JsonNode p : pods) {
      byObject.put("Pod|" + KubeJson.key(p), ofPod(p));
    }
  }

  /** The service of a workload (Deployment, StatefulSet, DaemonSet). */
  String ofWorkload(JsonNode w) {
    String s = labelled(w.path("spec").path("template").path("metadata").path("labels"));
    if (s == null) {
      s = labelled(w.path("metadata").path("labels"));
    }
    return s != null ? s : KubeJson.name(w);
  }

  /** The service of a workload's revision: its template's labels, else the workload's. */
  String ofTemplate(JsonNode template, String kind, String namespace, String workload) {
    String s = labelled(template.path("metadata").path("labels"));
    return s != null ? s : of(kind, namespace, workload);
  }

  String ofReplicaSet(JsonNode rs) {
    String s = labelled(rs.path("spec").path("template").path("metadata").path("labels"));
    if (s != null) {
      return s;
    }
    String deployment = KubeJson.owner(rs, "Deployment");
    if (deployment != null) {
      String known = byObject.get("Deployment|" + KubeJson.key(KubeJson.namespace(rs), deployment));
      return known != null ? known : deployment;
    }
    return RS_SUFFIX.matcher(KubeJson.name(rs)).replaceFirst("");
  }

  String ofPod(JsonNode pod) {
    String s = labelled(pod.path("metadata").path("labels"));
    if (s != null) {
      return s;
    }
    String ns = KubeJson.namespace(pod);
    String rs = KubeJson.owner(pod, "ReplicaSet");
    if (rs != null) {
      String known = byObject.get("ReplicaSet|" + KubeJson.key(ns, rs));
      return known != null ? known : RS_SUFFIX.matcher(rs).replaceFirst("");
    }
    for (String kind : List.of("StatefulSet", "DaemonSet", "Job")) {
      String owner = KubeJson.owner(pod, kind);
      if (owner != null) {
        String known = byObject.get(kind + "|" + KubeJson.key(ns, owner));
        return known != null ? known : owner;
      }
    }
    return byName("Pod", KubeJson.name(pod));
  }

  /** The service of an object an event is about; null for nodes and cluster objects. */
  String of(String kind, String namespace, String name) {
    String known = byObject.get(kind + "|" + KubeJson.key(namespace, name));
    return known != null ? known : byName(kind, name);
  }

  private static String byName(String kind, String name) {
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "pod" -> {
        String n = POD_SUFFIX.matcher(name).replaceFirst("");
        yield n.equals(name) ? ORDINAL.matcher(n).replaceFirst("") : n;
      }
      case "replicaset" -> RS_SUFFIX.matcher(name).replaceFirst("");
      case "deployment",
          "statefulset",
          "daemonset",
          "service",
          "horizontalpodautoscaler",
          "poddisruptionbudget" ->
          name;
      default -> null;
    };
  }

  private String labelled(JsonNode labels) {
    for (String k : labelKeys) {
      String v = KubeJson.text(labels, k);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
