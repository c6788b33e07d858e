package dev.warroom.store.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Host;
import dev.warroom.model.Instance;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON forms of the model records that the bundle formats and the store share: topology ({@code
 * topology.json}), the manifest, the store's form of an alert, and attribute maps (events: {@link
 * EventJson}). Decoding trusts the shape (the format readers check fields first and report problems
 * with their location); a missing required field surfaces as an {@link IllegalArgumentException}
 * naming the field.
 */
public final class ModelJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private ModelJson() {}

  /** The shared Jackson mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Writes a string map as a compact JSON object; null for an empty map. */
  public static String attributesToJson(Map<String, String> attributes) {
    if (attributes.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder(32 * attributes.size()).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : BundleWriter.byKey(attributes)) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      JsonText.quote(sb, e.getKey());
      sb.append(':');
      JsonText.quote(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  public static Map<String, String> attributesFromJson(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return stringMap(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "attributes: not a JSON object: " + e.getOriginalMessage());
    }
  }

  /** A JSON object of scalar values as a string map (numbers and booleans as their text). */
  public static Map<String, String> stringMap(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      out.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
    }
    return out;
  }

  static ObjectNode mapNode(Map<String, String> map) {
    ObjectNode n = MAPPER.createObjectNode();
    map.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> n.put(e.getKey(), e.getValue()));
    return n;
  }

  static void putOpt(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  static String text(JsonNode n, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + ": missing");
      }
      return null;
    }
    if (!v.isValueNode()) {
      throw new IllegalArgumentException(field + ": expected a string, got " + v.getNodeType());
    }
    return v.asText();
  }

  static Instant time(JsonNode n, String field, Timestamps ts) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(field + ": missing");
    }
    try {
      return ts.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage());
    }
  }

  static int integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !(v.canConvertToInt() || v.isTextual() && v.asText().matches("-?\\d{1,9}"))) {
      throw new IllegalArgumentException(
          field + ": expected an integer, got " + (v == null ? "nothing" : v.toString()));
    }
    return v.isTextual() ? Integer.parseInt(v.asText()) : v.intValue();
  }

  static boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isBoolean()) {
      throw new IllegalArgumentException(
          field + ": expected true or false, got " + (v == null ? "nothing" : v.toString()));
    }
    return v.booleanValue();
  }

  // ---- topology --------------------------------------------------------------------------

  public static ObjectNode topologyToJson(Topology t) {
    ObjectNode n = MAPPER.createObjectNode();
    ArrayNode services = n.putArray("services");
    for (ServiceNode s : t.services()) {
      ObjectNode o = services.addObject().put("name", s.name());
      o.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
      if (!s.language().isEmpty()) {
        o.put("language", s.language());
      }
    }
    ArrayNode instances = n.putArray("instances");
    for (Instance i : t.instances()) {
      ObjectNode o = instances.addObject().put("name", i.name()).put("service", i.service());
      putOpt(o, "host", i.host());
    }
    ArrayNode hosts = n.putArray("hosts");
    for (Host h : t.hosts()) {
      ObjectNode o = hosts.addObject().put("name", h.name());
      if (!h.attributes().isEmpty()) {
        o.set("attributes", mapNode(h.attributes()));
      }
    }
    ArrayNode edges = n.putArray("edges");
    for (DependencyEdge e : t.edges()) {
      ObjectNode o = edges.addObject().put("caller", e.caller()).put("callee", e.callee());
      if (!e.protocol().isEmpty()) {
        o.put("protocol", e.protocol());
      }
      if (e.callsPerMinute() != 0) {
        o.put("calls_per_minute", e.callsPerMinute());
      }
    }
    return n;
  }

  /** Runs {@code read}, prefixing the message of a failure with the element's JSON pointer. */
  private static <T> T at(String where, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    }
  }

  /** Decodes {@code topology.json}; an unknown service kind is an error naming the valid ones. */
  public static Topology topologyFromJson(JsonNode n) {
    List<ServiceNode> services = new ArrayList<>();
    int i = 0;
    for (JsonNode s : n.path("services")) {
      String where = "services/" + i++ + "/";
      String kind = s.hasNonNull("kind") ? s.get("kind").asText() : "service";
      ComponentKind ck;
      try {
        ck = ComponentKind.valueOf(kind.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where
                + "kind: unknown component kind '"
                + kind
                + "' (expected service, database, cache, queue, load_balancer or external)");
      }
      services.add(
          at(where, () -> new ServiceNode(text(s, "name", true), ck, text(s, "language", false))));
    }
    List<Instance> instances = new ArrayList<>();
    i = 0;
    for (JsonNode s : n.path("instances")) {
      instances.add(
          at(
              "instances/" + i++ + "/",
              () ->
                  new Instance(
                      text(s, "name", true), text(s, "service", true), text(s, "host", false))));
    }
    List<Host> hosts = new ArrayList<>();
    i = 0;
    for (JsonNode s : n.path("hosts")) {
      hosts.add(
          at(
              "hosts/" + i++ + "/",
              () -> new Host(text(s, "name", true), stringMap(s.get("attributes")))));
    }
    List<DependencyEdge> edges = new ArrayList<>();
    i = 0;
    for (JsonNode s : n.path("edges")) {
      edges.add(
          at(
              "edges/" + i++ + "/",
              () ->
                  new DependencyEdge(
                      text(s, "caller", true),
                      text(s, "callee", true),
                      text(s, "protocol", false),
                      s.path("calls_per_minute").asDouble(0))));
    }
    return new Topology(services, instances, hosts, edges);
  }

  // ---- manifest --------------------------------------------------------------------------

  public static ObjectNode manifestToJson(BundleManifest m) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", m.name()).put("description", m.description()).put("timeZone", m.timeZone());
    if (m.window() != null) {
      n.putObject("window")
          .put("start", m.window().start().toString())
          .put("end", m.window().end().toString());
    }
    if (!m.formats().isEmpty()) {
      n.set("formats", mapNode(m.formats()));
    }
    if (m.baseline() != null) {
      n.putObject("baseline")
          .put("start", m.baseline().start().toString())
          .put("end", m.baseline().end().toString());
    }
    return n;
  }

  public static BundleManifest manifestFromJson(JsonNode n) {
    TimeWindow window = null;
    JsonNode w = n.get("window");
    if (w != null && !w.isNull()) {
      window = new TimeWindow(time(w, "start", Timestamps.UTC), time(w, "end", Timestamps.UTC));
    }
    TimeWindow baseline = null;
    JsonNode b = n.get("baseline");
    if (b != null && !b.isNull()) {
      baseline = new TimeWindow(time(b, "start", Timestamps.UTC), time(b, "end", Timestamps.UTC));
    }
    return new BundleManifest(
        text(n, "name", false),
        text(n, "description", false),
        text(n, "timeZone", false),
        window,
        stringMap(n.get("formats")),
        baseline);
  }

  // ---- alert (the store's own lossless form; bundles use AlertParser's formats) ------------

  public static String alertToJson(Alert a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("fingerprint", a.fingerprint()).put("source", a.source().name());
    n.put("status", a.status().name()).put("title", a.title()).put("signal", a.signal());
    putOpt(n, "service", a.service());
    n.put("severity", a.severity());
    n.set("labels", mapNode(a.labels()));
    n.set("annotations", mapNode(a.annotations()));
    n.put("startsAt", a.startsAt().toString());
    putOpt(n, "endsAt", a.endsAt() == null ? null : a.endsAt().toString());
    return n.toString();
  }

  public static Alert alertFromJson(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      return new Alert(
          n.get("fingerprint").asText(),
          AlertSource.valueOf(n.get("source").asText()),
          AlertStatus.valueOf(n.get("status").asText()),
          n.get("title").asText(),
          n.get("signal").asText(),
          text(n, "service", false),
          n.get("severity").asText(),
          stringMap(n.get("labels")),
          stringMap(n.get("annotations")),
          Instant.parse(n.get("startsAt").asText()),
          n.hasNonNull("endsAt") ? Instant.parse(n.get("endsAt").asText()) : null);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
