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
import dev.warroom.model.ConfigChange;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.FeatureFlagChange;
import dev.warroom.model.Host;
import dev.warroom.model.Instance;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.ObjectRef;
import dev.warroom.model.Restart;
import dev.warroom.model.Scaling;
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
 * The JSON forms of the model records that the bundle formats and the store share: generic change
 * events (one object per line of {@code events/*.jsonl}), topology ({@code topology.json}), the
 * manifest and attribute maps. Decoding trusts the shape (the format readers check fields first and
 * report problems with their location); a missing required field surfaces as an {@link
 * IllegalArgumentException} naming the field.
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
    for (Map.Entry<String, String> e : attributes.entrySet()) {
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

  // ---- events ----------------------------------------------------------------------------

  /** The change-event JSON line of an event; its {@code type} tells the variant. */
  public static ObjectNode eventToJson(Event event) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("time", event.time().toString());
    switch (event) {
      case Deploy d -> {
        n.put("type", "deploy").put("service", d.service()).put("version", d.version());
        putOpt(n, "image", d.image().isEmpty() ? null : d.image());
        putOpt(n, "previous_version", d.previousVersion());
        common(n, d.author(), d.attributes());
      }
      case ConfigChange c -> {
        n.put("type", "config").put("service", c.service()).put("key", c.key());
        putOpt(n, "old_value", c.oldValue());
        putOpt(n, "new_value", c.newValue());
        common(n, c.author(), c.attributes());
      }
      case FeatureFlagChange f -> {
        n.put("type", "feature_flag").put("service", f.service()).put("flag", f.flag());
        n.put("enabled", f.enabled());
        common(n, f.author(), f.attributes());
      }
      case Scaling s -> {
        n.put("type", "scaling").put("service", s.service());
        n.put("from_replicas", s.fromReplicas()).put("to_replicas", s.toReplicas());
        common(n, s.author(), s.attributes());
      }
      case Restart r -> {
        n.put("type", "restart").put("service", r.service());
        putOpt(n, "instance", r.instance());
        putOpt(n, "reason", r.reason().isEmpty() ? null : r.reason());
        common(n, r.author(), r.attributes());
      }
      case KubernetesEvent k -> {
        n.put("type", "kubernetes").put("reason", k.reason()).put("event_type", k.type());
        ObjectNode o = n.putObject("object");
        o.put("kind", k.object().kind()).put("name", k.object().name());
        o.put("namespace", k.object().namespace());
        n.put("count", k.count());
        n.put("first_seen", k.firstSeen().toString()).put("last_seen", k.lastSeen().toString());
        n.put("message", k.message());
        putOpt(n, "service", k.service());
        putOpt(n, "host", k.host());
      }
    }
    return n;
  }

  /** The names {@link #eventToJson} uses for the {@code type} of each variant. */
  public static String typeOf(Event event) {
    return switch (event) {
      case Deploy d -> "deploy";
      case ConfigChange c -> "config";
      case FeatureFlagChange f -> "feature_flag";
      case Scaling s -> "scaling";
      case Restart r -> "restart";
      case KubernetesEvent k -> "kubernetes";
    };
  }

  /**
   * Decodes a change-event line. {@code time} is parsed by the caller's timestamp rule (RFC 3339 or
   * epoch numbers); unknown {@code type} values are an error naming the accepted ones.
   */
  public static Event eventFromJson(JsonNode n, Timestamps ts) {
    String type = text(n, "type", true).toLowerCase(Locale.ROOT);
    Map<String, String> attrs = stringMap(n.get("attributes"));
    String author = text(n, "author", false);
    return switch (type) {
      case "deploy" ->
          new Deploy(
              time(n, "time", ts),
              text(n, "service", true),
              text(n, "version", true),
              text(n, "image", false),
              text(n, "previous_version", false),
              author,
              attrs);
      case "config" ->
          new ConfigChange(
              time(n, "time", ts),
              text(n, "service", true),
              text(n, "key", true),
              text(n, "old_value", false),
              text(n, "new_value", false),
              author,
              attrs);
      case "feature_flag" ->
          new FeatureFlagChange(
              time(n, "time", ts),
              text(n, "service", true),
              text(n, "flag", true),
              bool(n, "enabled"),
              author,
              attrs);
      case "scaling" ->
          new Scaling(
              time(n, "time", ts),
              text(n, "service", true),
              integer(n, "from_replicas"),
              integer(n, "to_replicas"),
              author,
              attrs);
      case "restart" ->
          new Restart(
              time(n, "time", ts),
              text(n, "service", true),
              text(n, "instance", false),
              text(n, "reason", false),
              author,
              attrs);
      case "kubernetes" -> {
        JsonNode o = n.path("object");
        Instant last = time(n, "last_seen", ts);
        Instant first = n.hasNonNull("first_seen") ? time(n, "first_seen", ts) : last;
        yield new KubernetesEvent(
            text(n, "reason", true),
            text(n, "event_type", false),
            new ObjectRef(
                text(o, "kind", true), text(o, "name", true), text(o, "namespace", false)),
            n.hasNonNull("count") ? integer(n, "count") : 1,
            first,
            last,
            text(n, "message", false),
            text(n, "service", false),
            text(n, "host", false));
      }
      default ->
          throw new IllegalArgumentException(
              "type: unknown event type '"
                  + type
                  + "' (expected deploy, config, feature_flag, scaling, restart or kubernetes)");
    };
  }

  private static void common(ObjectNode n, String author, Map<String, String> attributes) {
    putOpt(n, "author", author);
    if (!attributes.isEmpty()) {
      n.set("attributes", mapNode(attributes));
    }
  }

  private static void putOpt(ObjectNode n, String field, String value) {
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
      services.add(new ServiceNode(text(s, "name", true), ck, text(s, "language", false)));
    }
    List<Instance> instances = new ArrayList<>();
    for (JsonNode s : n.path("instances")) {
      instances.add(
          new Instance(text(s, "name", true), text(s, "service", true), text(s, "host", false)));
    }
    List<Host> hosts = new ArrayList<>();
    for (JsonNode s : n.path("hosts")) {
      hosts.add(new Host(text(s, "name", true), stringMap(s.get("attributes"))));
    }
    List<DependencyEdge> edges = new ArrayList<>();
    for (JsonNode s : n.path("edges")) {
      edges.add(
          new DependencyEdge(
              text(s, "caller", true),
              text(s, "callee", true),
              text(s, "protocol", false),
              s.path("calls_per_minute").asDouble(0)));
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
    return n;
  }

  public static BundleManifest manifestFromJson(JsonNode n) {
    TimeWindow window = null;
    JsonNode w = n.get("window");
    if (w != null && !w.isNull()) {
      window = new TimeWindow(time(w, "start", Timestamps.UTC), time(w, "end", Timestamps.UTC));
    }
    return new BundleManifest(
        text(n, "name", false),
        text(n, "description", false),
        text(n, "timeZone", false),
        window,
        stringMap(n.get("formats")));
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
