package dev.warroom.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.LogRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a search hit's {@code _source} into a {@link LogRecord}. Documents are whatever the user's
 * pipeline wrote, so a field may be missing or odd: a document without a usable timestamp, service
 * or body is skipped and the reason returned, never thrown. Field names may be dotted paths ({@code
 * resource.service.name}) written either as nested objects or as one flat key.
 */
final class LogDocuments {
  /** Either a record or why the document was skipped. */
  sealed interface Read {
    record Ok(LogRecord record) implements Read {}

    record Skipped(String reason) implements Read {}
  }

  // Timestamps outside these bounds are sort sentinels for a missing value, not times.
  private static final long MIN_MS = Instant.parse("1970-01-02T00:00:00Z").toEpochMilli();
  private static final long MAX_MS = Instant.parse("2300-01-01T00:00:00Z").toEpochMilli();

  private final LogFields fields;
  private final Map<String, String> extraAttributes;

  /**
   * @param extraAttributes attribute name to document field, for labels the sources file maps (the
   *     pod, node and namespace) that live outside the attributes object
   */
  LogDocuments(LogFields fields, Map<String, String> extraAttributes) {
    this.fields = fields;
    this.extraAttributes = extraAttributes;
  }

  Read read(JsonNode hit) {
    JsonNode src = hit.path("_source");
    JsonNode ts = at(src, fields.timestamp());
    Instant t;
    if (ts.isMissingNode() || ts.isNull()) {
      return new Read.Skipped("no " + fields.timestamp());
    }
    t = parseTime(ts);
    if (t == null) {
      // The backend may have parsed it with the index's own date format: its sort value.
      JsonNode sort = hit.path("sort").path(0);
      if (sort.canConvertToLong() && sort.asLong() > MIN_MS && sort.asLong() < MAX_MS) {
        t = Instant.ofEpochMilli(sort.asLong());
      } else {
        return new Read.Skipped("unparsable " + fields.timestamp());
      }
    }
    String service = text(at(src, fields.service()));
    if (service == null || service.isBlank()) {
      return new Read.Skipped("no " + fields.service());
    }
    JsonNode b = at(src, fields.body());
    if (b.isMissingNode() || b.isNull()) {
      return new Read.Skipped("no " + fields.body());
    }
    String body = b.isValueNode() ? b.asText() : b.toString();
    Map<String, String> attrs = new LinkedHashMap<>();
    flatten("", at(src, fields.attributes()), attrs);
    extraAttributes.forEach(
        (name, field) -> {
          String v = text(at(src, field));
          if (v != null && !attrs.containsKey(name)) {
            attrs.put(name, v);
          }
        });
    return new Read.Ok(
        new LogRecord(
            t,
            service,
            LogSearch.level(text(at(src, fields.severity()))),
            body,
            attrs,
            text(at(src, fields.traceId())),
            text(at(src, fields.spanId()))));
  }

  /** The value at a dotted path, as nested objects, a flat dotted key, or a mix. */
  static JsonNode at(JsonNode node, String path) {
    if (node == null || node.isMissingNode()) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    JsonNode direct = node.get(path);
    if (direct != null) {
      return direct;
    }
    int dot = path.indexOf('.');
    while (dot > 0) {
      JsonNode head = node.get(path.substring(0, dot));
      if (head != null && head.isObject()) {
        JsonNode v = at(head, path.substring(dot + 1));
        if (!v.isMissingNode()) {
          return v;
        }
      }
      dot = path.indexOf('.', dot + 1);
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /**
   * ISO-8601 with a zone or offset, a local date-time (read as UTC, 'T' or a space), or epoch
   * milliseconds (a number or digits); null when none of these.
   */
  static Instant parseTime(JsonNode v) {
    if (v.isIntegralNumber()) {
      return Instant.ofEpochMilli(v.asLong());
    }
    if (v.isNumber()) {
      double ms = v.asDouble();
      return Instant.ofEpochSecond(
          (long) Math.floor(ms / 1000), (long) ((ms - Math.floor(ms / 1000) * 1000) * 1e6));
    }
    if (!v.isTextual()) {
      return null;
    }
    String s = v.asText().strip();
    if (s.matches("\\d{10,16}")) {
      return Instant.ofEpochMilli(Long.parseLong(s));
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // try a local date-time
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return;
    }
    if (!n.isObject()) {
      if (!prefix.isEmpty()) {
        out.put(prefix, n.isValueNode() ? n.asText() : n.toString());
      }
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
    }
  }
}
