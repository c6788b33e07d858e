package dev.warroom.store.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.FeatureFlagChange;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.ObjectRef;
import dev.warroom.model.Restart;
import dev.warroom.model.Scaling;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The change-event JSON form: one object per line of {@code events/*.jsonl}, with a {@code type}
 * that tells the variant (deploy, config, feature_flag, scaling, restart, kubernetes). The store
 * keeps events in this form too.
 */
public final class EventJson {
  private EventJson() {}

  /** The change-event JSON line of an event; its {@code type} tells the variant. */
  public static ObjectNode eventToJson(Event event) {
    ObjectNode n = ModelJson.MAPPER.createObjectNode();
    n.put("time", event.time().toString());
    switch (event) {
      case Deploy d -> {
        n.put("type", "deploy").put("service", d.service()).put("version", d.version());
        ModelJson.putOpt(n, "image", d.image().isEmpty() ? null : d.image());
        ModelJson.putOpt(n, "previous_version", d.previousVersion());
        common(n, d.author(), d.attributes());
      }
      case ConfigChange c -> {
        n.put("type", "config").put("service", c.service()).put("key", c.key());
        ModelJson.putOpt(n, "old_value", c.oldValue());
        ModelJson.putOpt(n, "new_value", c.newValue());
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
        ModelJson.putOpt(n, "instance", r.instance());
        ModelJson.putOpt(n, "reason", r.reason().isEmpty() ? null : r.reason());
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
        ModelJson.putOpt(n, "service", k.service());
        ModelJson.putOpt(n, "host", k.host());
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
    String type = ModelJson.text(n, "type", true).toLowerCase(Locale.ROOT);
    Map<String, String> attrs = ModelJson.stringMap(n.get("attributes"));
    String author = ModelJson.text(n, "author", false);
    return switch (type) {
      case "deploy" ->
          new Deploy(
              ModelJson.time(n, "time", ts),
              ModelJson.text(n, "service", true),
              ModelJson.text(n, "version", true),
              ModelJson.text(n, "image", false),
              ModelJson.text(n, "previous_version", false),
              author,
              attrs);
      case "config" ->
          new ConfigChange(
              ModelJson.time(n, "time", ts),
              ModelJson.text(n, "service", true),
              ModelJson.text(n, "key", true),
              ModelJson.text(n, "old_value", false),
              ModelJson.text(n, "new_value", false),
              author,
              attrs);
      case "feature_flag" ->
          new FeatureFlagChange(
              ModelJson.time(n, "time", ts),
              ModelJson.text(n, "service", true),
              ModelJson.text(n, "flag", true),
              ModelJson.bool(n, "enabled"),
              author,
              attrs);
      case "scaling" ->
          new Scaling(
              ModelJson.time(n, "time", ts),
              ModelJson.text(n, "service", true),
              ModelJson.integer(n, "from_replicas"),
              ModelJson.integer(n, "to_replicas"),
              author,
              attrs);
      case "restart" ->
          new Restart(
              ModelJson.time(n, "time", ts),
              ModelJson.text(n, "service", true),
              ModelJson.text(n, "instance", false),
              ModelJson.text(n, "reason", false),
              author,
              attrs);
      case "kubernetes" -> {
        JsonNode o = n.path("object");
        Instant last = ModelJson.time(n, "last_seen", ts);
        Instant first = n.hasNonNull("first_seen") ? ModelJson.time(n, "first_seen", ts) : last;
        yield new KubernetesEvent(
            ModelJson.text(n, "reason", true),
            ModelJson.text(n, "event_type", false),
            new ObjectRef(
                ModelJson.text(o, "kind", true),
                ModelJson.text(o, "name", true),
                ModelJson.text(o, "namespace", false)),
            n.hasNonNull("count") ? ModelJson.integer(n, "count") : 1,
            first,
            last,
            ModelJson.text(n, "message", false),
            ModelJson.text(n, "service", false),
            ModelJson.text(n, "host", false));
      }
      default ->
          throw new IllegalArgumentException(
              "type: unknown event type '"
                  + type
                  + "' (expected deploy, config, feature_flag, scaling, restart or kubernetes)");
    };
  }

  private static void common(ObjectNode n, String author, Map<String, String> attributes) {
    ModelJson.putOpt(n, "author", author);
    if (!attributes.isEmpty()) {
      n.set("attributes", ModelJson.mapNode(attributes));
    }
  }
}
