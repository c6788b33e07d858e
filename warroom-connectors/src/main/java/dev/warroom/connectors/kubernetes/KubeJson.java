package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading fields of Kubernetes API objects (absent fields read as null). */
final class KubeJson {
  private KubeJson() {}

  /** Text at a path of field names, or null when absent or empty. */
  static String text(JsonNode n, String... path) {
    JsonNode cur = n;
    for (String p : path) {
      cur = cur.path(p);
    }
    return cur.isValueNode() && !cur.asText().isEmpty() ? cur.asText() : null;
  }

  /** An RFC 3339 time (Time or MicroTime) at a path, or null when absent or unreadable. */
  static Instant time(JsonNode n, String... path) {
    String t = text(n, path);
    if (t == null) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String name(JsonNode o) {
    return text(o, "metadata", "name");
  }

  static String namespace(JsonNode o) {
    String ns = text(o, "metadata", "namespace");
    return ns == null ? "" : ns;
  }

  /** {@code namespace/name}, the key objects are looked up by. */
  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  static String key(JsonNode o) {
    return key(namespace(o), name(o));
  }

  static Map<String, String> strings(JsonNode map) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map != null && map.isObject()) {
      map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** The controlling owner of kind {@code kind} ({@code ownerReferences}), or null. */
  static String owner(JsonNode o, String kind) {
    for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
      if (kind.equals(ref.path("kind").asText())) {
        return ref.path("name").asText(null);
      }
    }
    return null;
  }
}
