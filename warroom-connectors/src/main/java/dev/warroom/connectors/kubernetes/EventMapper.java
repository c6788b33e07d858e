package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.ObjectRef;
import java.time.Instant;

/**
 * Kubernetes Event objects to {@link KubernetesEvent}s, in both API shapes that serve the same
 * stored events: core/v1 ({@code involvedObject}, {@code message}, {@code count}, {@code
 * firstTimestamp}/{@code lastTimestamp}, {@code source.host}) and events.k8s.io/v1 ({@code
 * regarding}, {@code note}, {@code series.count}/{@code series.lastObservedTime}, {@code
 * deprecatedCount}/{@code deprecated*Timestamp}, {@code reportingInstance}). An event without any
 * time or without the object it is about is not an event warroom can place and is skipped.
 */
final class EventMapper {
  private final ServiceResolver services;

  EventMapper(ServiceResolver services) {
    this.services = services;
  }

  /** The event, or null when it names no object or no time. */
  KubernetesEvent map(JsonNode e) {
    boolean v1 = e.has("involvedObject");
    JsonNode obj = v1 ? e.path("involvedObject") : e.path("regarding");
    String kind = KubeJson.text(obj, "kind");
    String name = KubeJson.text(obj, "name");
    if (kind == null || name == null) {
      return null;
    }
    String ns = KubeJson.text(obj, "namespace");
    if (ns == null) {
      ns = KubeJson.namespace(e);
      ns = kind.equals("Node") ? "" : ns;
    }
    Instant eventTime = KubeJson.time(e, "eventTime");
    Instant seriesLast = KubeJson.time(e, "series", "lastObservedTime");
    Instant first =
        first(
            KubeJson.time(e, v1 ? "firstTimestamp" : "deprecatedFirstTimestamp"),
            eventTime,
            KubeJson.time(e, "metadata", "creationTimestamp"));
    Instant last =
        first(
            seriesLast,
            KubeJson.time(e, v1 ? "lastTimestamp" : "deprecatedLastTimestamp"),
            eventTime,
            first);
    if (first == null || last == null) {
      return null;
    }
    if (first.isAfter(last)) {
      first = last;
    }
    int count = e.path("series").path("count").asInt(0);
    if (count < 1) {
      count = e.path(v1 ? "count" : "deprecatedCount").asInt(1);
    }
    String reason = KubeJson.text(e, "reason");
    String host =
        first(
            KubeJson.text(e, v1 ? "source" : "deprecatedSource", "host"),
            kind.equals("Node") ? name : null);
    return new KubernetesEvent(
        reason == null ? "Unknown" : reason,
        KubeJson.text(e, "type"),
        new ObjectRef(kind, name, ns),
        Math.max(1, count),
        first,
        last,
        KubeJson.text(e, v1 ? "message" : "note"),
        services.of(kind, ns, name),
        host);
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
