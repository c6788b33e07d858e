package dev.warroom.store.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kubernetes Event lists as {@code kubectl get events -o json} prints them (core/v1 Event: {@code
 * involvedObject}, {@code reason}, {@code message}, {@code type}, {@code count}, {@code
 * firstTimestamp}, {@code lastTimestamp}, {@code eventTime}, {@code source.host}). The owning
 * service is read from the annotation {@code warroom.dev/service} when present (warroom writes it;
 * an empty value means none), else from the {@code app.kubernetes.io/name} or {@code app} label,
 * else guessed from a pod name by dropping the ReplicaSet and pod suffixes ({@code
 * cart-7d9f8b6c4-x2x9q} is {@code cart}).
 */
final class KubernetesEvents {
  static final String SERVICE_ANNOTATION = "warroom.dev/service";
  private static final Pattern POD_SUFFIX = Pattern.compile("-[a-z0-9]{6,10}-[a-z0-9]{5}$");
  private static final Pattern STATEFUL_SUFFIX = Pattern.compile("-\\d+$");

  private KubernetesEvents() {}

  static ObjectNode toEventList(List<KubernetesEvent> events) {
    ObjectNode doc = ModelJson.MAPPER.createObjectNode();
    doc.put("apiVersion", "v1").put("kind", "List");
    ArrayNode items = doc.putArray("items");
    int i = 0;
    for (KubernetesEvent e : events) {
      ObjectNode o = items.addObject().put("apiVersion", "v1").put("kind", "Event");
      ObjectNode md = o.putObject("metadata");
      md.put("name", e.object().name() + "." + Long.toHexString(e.lastSeen().toEpochMilli()) + i++);
      md.put("namespace", e.object().namespace());
      md.putObject("annotations").put(SERVICE_ANNOTATION, e.service() == null ? "" : e.service());
      ObjectNode io = o.putObject("involvedObject");
      io.put("kind", e.object().kind()).put("name", e.object().name());
      io.put("namespace", e.object().namespace());
      o.put("reason", e.reason()).put("message", e.message()).put("type", e.type());
      o.put("count", e.count());
      o.put("firstTimestamp", e.firstSeen().toString())
          .put("lastTimestamp", e.lastSeen().toString());
      ObjectNode src = o.putObject("source").put("component", "kubelet");
      if (e.host() != null) {
        src.put("host", e.host());
      }
    }
    return doc;
  }

  /** Reads one item; problems are thrown as IllegalArgumentException naming the field. */
  static KubernetesEvent fromItem(JsonNode item, Timestamps ts) {
    JsonNode io = item.path("involvedObject");
    if (!io.isObject()) {
      throw new IllegalArgumentException("involvedObject: missing");
    }
    String reason = ModelJson.text(item, "reason", true);
    Instant last = firstTime(item, ts, "lastTimestamp", "eventTime", "firstTimestamp");
    Instant first = firstTime(item, ts, "firstTimestamp", "eventTime", "lastTimestamp");
    if (last == null) {
      JsonNode series = item.path("series");
      if (series.hasNonNull("lastObservedTime")) {
        last = ModelJson.time(series, "lastObservedTime", ts);
      }
    }
    if (last == null) {
      throw new IllegalArgumentException("lastTimestamp: missing (and no eventTime)");
    }
    if (first == null || first.isAfter(last)) {
      first = last;
    }
    int count = 1;
    if (item.hasNonNull("count")) {
      count = ModelJson.integer(item, "count");
    } else if (item.path("series").hasNonNull("count")) {
      count = ModelJson.integer(item.get("series"), "count");
    }
    if (count < 1) {
      throw new IllegalArgumentException("count: must be at least 1, got " + count);
    }
    String type = ModelJson.text(item, "type", false);
    if (type != null && !type.equals("Normal") && !type.equals("Warning")) {
      throw new IllegalArgumentException(
          "type: unknown event type '" + type + "' (expected Normal or Warning)");
    }
    ObjectRef obj =
        new ObjectRef(
            ModelJson.text(io, "kind", true),
            ModelJson.text(io, "name", true),
            ModelJson.text(io, "namespace", false));
    String host = item.path("source").path("host").asText(null);
    return new KubernetesEvent(
        reason,
        type,
        obj,
        count,
        first,
        last,
        ModelJson.text(item, "message", false),
        service(item, obj),
        host);
  }

  private static Instant firstTime(JsonNode n, Timestamps ts, String... fields) {
    for (String f : fields) {
      if (n.hasNonNull(f) && !n.get(f).asText().isEmpty()) {
        return ModelJson.time(n, f, ts);
      }
    }
    return null;
  }

  private static String service(JsonNode item, ObjectRef obj) {
    JsonNode md = item.path("metadata");
    JsonNode ann = md.path("annotations").get(SERVICE_ANNOTATION);
    if (ann != null) {
      return ann.asText().isEmpty() ? null : ann.asText();
    }
    JsonNode labels = md.path("labels");
    for (String l : new String[] {"app.kubernetes.io/name", "app"}) {
      if (labels.hasNonNull(l)) {
        return labels.get(l).asText();
      }
    }
    String kind = obj.kind().toLowerCase(Locale.ROOT);
    if (kind.equals("pod")) {
      String n = POD_SUFFIX.matcher(obj.name()).replaceFirst("");
      return n.equals(obj.name()) ? STATEFUL_SUFFIX.matcher(n).replaceFirst("") : n;
    }
    if (kind.equals("deployment")
        || kind.equals("statefulset")
        || kind.equals("daemonset")
        || kind.equals("service")) {
      return obj.name();
    }
    if (kind.equals("replicaset")) {
      return obj.name().replaceFirst("-[a-z0-9]{6,10}$", "");
    }
    return null;
  }
}
