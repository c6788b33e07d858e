package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.ObjectRef;
import dev.warroom.model.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events that the API's status fields hold but no Event object may (events expire after an hour by
 * default, and the kubelet records no event for an OOM kill): the last termination of each
 * container of a pod, and the adverse conditions of nodes.
 */
final class WorkloadStatus {
  /** Node condition type and status that is bad, to the kubelet's event reason for it. */
  private static final Map<String, String> NODE_REASONS =
      Map.of(
          "Ready=False", "NodeNotReady",
          "Ready=Unknown", "NodeNotReady",
          "MemoryPressure=True", "NodeHasInsufficientMemory",
          "DiskPressure=True", "NodeHasDiskPressure",
          "PIDPressure=True", "NodeHasInsufficientPID",
          "NetworkUnavailable=True", "NodeNetworkUnavailable");

  /** The event reasons node conditions become. */
  static final java.util.Set<String> NODE_EVENT_REASONS =
      java.util.Set.copyOf(NODE_REASONS.values());

  private WorkloadStatus() {}

  /**
   * One event per container whose last (or current) state is terminated: reason the termination
   * reason (OOMKilled, Error, ContainerCannotRun, …), the exit code and restart count in the
   * message, at the time the container finished.
   */
  static List<KubernetesEvent> terminations(JsonNode pod, String service) {
    List<KubernetesEvent> out = new ArrayList<>();
    String ns = KubeJson.namespace(pod);
    String name = KubeJson.name(pod);
    String node = KubeJson.text(pod, "spec", "nodeName");
    for (String list : List.of("initContainerStatuses", "containerStatuses")) {
      for (JsonNode cs : pod.path("status").path(list)) {
        JsonNode t = cs.path("state").path("terminated");
        if (!t.isObject()) {
          t = cs.path("lastState").path("terminated");
        }
        Instant finished = KubeJson.time(t, "finishedAt");
        if (!t.isObject() || finished == null) {
          continue;
        }
        int exit = t.path("exitCode").asInt(0);
        String reason = KubeJson.text(t, "reason");
        if (reason == null) {
          reason = exit == 0 ? "Completed" : "Error";
        }
        if (exit == 0 && reason.equals("Completed") && list.equals("initContainerStatuses")) {
          continue; // an init container that did its job
        }
        StringBuilder msg = new StringBuilder();
        msg.append("container ").append(cs.path("name").asText("?")).append(" terminated: ");
        msg.append(reason).append(", exit code ").append(exit);
        if (t.has("signal")) {
          msg.append(", signal ").append(t.path("signal").asInt());
        }
        msg.append("; restarted ").append(cs.path("restartCount").asInt(0)).append(" times");
        String last = KubeJson.text(t, "message");
        if (last != null) {
          msg.append("; last message: ").append(last.strip());
        }
        String waiting = KubeJson.text(cs, "state", "waiting", "reason");
        if (waiting != null) {
          msg.append("; now waiting: ").append(waiting);
        }
        out.add(
            new KubernetesEvent(
                reason,
                exit == 0 && reason.equals("Completed") ? "Normal" : "Warning",
                new ObjectRef("Pod", name, ns),
                1,
                finished,
                finished,
                msg.toString(),
                service,
                node));
      }
    }
    return out;
  }

  /**
   * One event per adverse condition of a node: from the condition's last transition to its last
   * heartbeat; a condition that still holds is taken to hold through the end of {@code window}.
   * Empty when the condition began after the window.
   */
  static List<KubernetesEvent> conditions(JsonNode node, TimeWindow window) {
    List<KubernetesEvent> out = new ArrayList<>();
    String name = KubeJson.name(node);
    for (JsonNode c : node.path("status").path("conditions")) {
      String reason = NODE_REASONS.get(c.path("type").asText() + "=" + c.path("status").asText());
      Instant since = KubeJson.time(c, "lastTransitionTime");
      if (reason == null || since == null) {
        continue;
      }
      Instant heartbeat = KubeJson.time(c, "lastHeartbeatTime");
      Instant last = heartbeat == null || heartbeat.isBefore(since) ? since : heartbeat;
      if (window != null) {
        if (!since.isBefore(window.end())) {
          continue;
        }
        Instant endOfWindow = window.end().minusMillis(1);
        last = since.isAfter(endOfWindow) ? since : endOfWindow;
      }
      String detail =
          c.path("type").asText()
              + "="
              + c.path("status").asText()
              + (KubeJson.text(c, "reason") == null ? "" : " (" + KubeJson.text(c, "reason") + ")")
              + (KubeJson.text(c, "message") == null ? "" : ": " + KubeJson.text(c, "message"));
      out.add(
          new KubernetesEvent(
              reason,
              "Warning",
              new ObjectRef("Node", name, ""),
              1,
              since,
              last,
              detail,
              null,
              name));
    }
    return out;
  }
}
