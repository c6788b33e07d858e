package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.Event;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.store.EventQuery;
import dev.warroom.store.QueryResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An event query answered from a cluster: what to list is decided from the query (no rollouts when
 * only Kubernetes reasons are asked, no nodes when services are, …), the lists are read, turned
 * into events (Event objects, rollout changes, container terminations, node conditions) and
 * filtered as the store SPI defines: time in the window, service, object, reason or change type.
 */
final class ClusterEvents {
  private static final Set<String> CHANGE_TYPES = Set.of("deploy", "config", "restart");

  private ClusterEvents() {}

  static QueryResult<Event> read(
      Cluster cluster, EventQuery q, boolean rollouts, boolean pods, boolean nodes) {
    List<String> requested = new ArrayList<>();
    boolean changes =
        rollouts
            && q.objectKind() == null
            && (q.reasons().isEmpty() || q.reasons().stream().anyMatch(CHANGE_TYPES::contains));
    boolean kubeEvents =
        q.reasons().isEmpty() || q.reasons().stream().anyMatch(r -> !CHANGE_TYPES.contains(r));
    boolean nodeConditions =
        nodes
            && kubeEvents
            && q.services().isEmpty()
            && (q.objectKind() == null || q.objectKind().equals("Node"))
            && (q.reasons().isEmpty()
                || q.reasons().stream().anyMatch(WorkloadStatus.NODE_EVENT_REASONS::contains));
    boolean podStatus =
        pods && kubeEvents && (q.objectKind() == null || q.objectKind().equals("Pod"));
    String labelSelector = cluster.labelSelector(q.services());

    List<JsonNode> podList =
        pods && kubeEvents
            ? cluster.namespaced("/api/v1", "pods", labelSelector, null, "pods", requested)
            : List.of();
    List<JsonNode> deployments =
        changes
            ? cluster.namespaced(
                "/apis/apps/v1", "deployments", labelSelector, null, "deployments.apps", requested)
            : List.of();
    List<JsonNode> replicaSets =
        changes
            ? cluster.namespaced(
                "/apis/apps/v1", "replicasets", labelSelector, null, "replicasets.apps", requested)
            : List.of();
    // StatefulSet and DaemonSet revisions (they carry their workload's selector labels)
    List<JsonNode> controllerRevisions =
        changes
            ? cluster.namespaced(
                "/apis/apps/v1",
                "controllerrevisions",
                labelSelector,
                null,
                "controllerrevisions.apps",
                requested)
            : List.of();
    ServiceResolver services =
        new ServiceResolver(
            cluster.serviceLabels(), podList, replicaSets, Map.of("Deployment", deployments));

    List<Event> all = new ArrayList<>();
    if (kubeEvents) {
      EventMapper mapper = new EventMapper(services);
      for (JsonNode e : cluster.events(q, requested)) {
        KubernetesEvent k = mapper.map(e);
        if (k != null) {
          all.add(k);
        }
      }
    }
    if (podStatus) {
      for (JsonNode p : podList) {
        all.addAll(WorkloadStatus.terminations(p, services.ofPod(p)));
      }
    }
    if (nodeConditions) {
      for (JsonNode n : cluster.nodes(requested)) {
        all.addAll(WorkloadStatus.conditions(n, q.window()));
      }
    }
    if (changes) {
      List<JsonNode> revisions = new ArrayList<>(replicaSets);
      revisions.addAll(controllerRevisions);
      all.addAll(RolloutHistory.changes(deployments, revisions, services));
    }
    List<Event> rows = new ArrayList<>();
    for (Event e : all) {
      if (matches(e, q)) {
        rows.add(e);
      }
    }
    rows.sort(Comparator.comparing(Event::time).thenComparing(Event::describe));
    boolean truncated = rows.size() > q.limit();
    return new QueryResult<>(
        truncated ? rows.subList(0, q.limit()) : rows,
        Cluster.DIALECT,
        Cluster.nativeQuery(requested),
        truncated);
  }

  private static boolean matches(Event e, EventQuery q) {
    if (q.window() != null && !q.window().contains(e.time())) {
      return false;
    }
    if (!q.services().isEmpty() && (e.service() == null || !q.services().contains(e.service()))) {
      return false;
    }
    String type =
        switch (e) {
          case KubernetesEvent k -> {
            boolean object =
                (q.objectKind() == null || q.objectKind().equals(k.object().kind()))
                    && (q.objectName() == null || q.objectName().equals(k.object().name()));
            yield object ? k.reason() : null;
          }
          case dev.warroom.model.Deploy d -> "deploy";
          case dev.warroom.model.ConfigChange c -> "config";
          case dev.warroom.model.Restart r -> "restart";
          case dev.warroom.model.Scaling s -> "scaling";
          case dev.warroom.model.FeatureFlagChange f -> "feature_flag";
        };
    if (type == null
        || !(e instanceof KubernetesEvent) && (q.objectKind() != null || q.objectName() != null)) {
      return false;
    }
    return q.reasons().isEmpty() || q.reasons().contains(type);
  }
}
