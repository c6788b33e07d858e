package dev.warroom.connectors.zipkin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps the Zipkin API v2 span JSON a server answers to {@link Span}s: {@code timestamp} and {@code
 * duration} in microseconds, {@code kind}, {@code localEndpoint.serviceName} as the service, the
 * {@code remoteEndpoint} as OpenTelemetry peer attributes ({@code peer.service}, {@code
 * net.peer.ip}, {@code net.peer.port}), tags as attributes. Status as the OpenTelemetry Zipkin
 * exporter writes it: tag {@code otel.status_code}; else ERROR when an {@code error} tag is present
 * or {@code http.status_code} is 5xx; else UNSET. Annotations are span events, {@code
 * "name":{attributes}} values carrying attributes. A span without a timestamp, service or ids
 * cannot be placed and is skipped with the reason.
 */
final class ZipkinSpanJson {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,32}");

  /** Either a span or why it was skipped. */
  sealed interface Read {
    record Ok(Span span) implements Read {}

    record Skipped(String reason) implements Read {}
  }

  private final boolean padTraceIds;

  /**
   * @param padTraceIds widen trace ids to 32 hex digits: Zipkin shortens a 128-bit id whose high
   *     half is zero to 16 digits, while OpenTelemetry (and the logs that carry the id) keep 32
   */
  ZipkinSpanJson(boolean padTraceIds) {
    this.padTraceIds = padTraceIds;
  }

  Read read(JsonNode s) {
    String traceId = s.path("traceId").asText("").toLowerCase(java.util.Locale.ROOT);
    String id = s.path("id").asText("").toLowerCase(java.util.Locale.ROOT);
    if (!HEX.matcher(traceId).matches()) {
      return new Read.Skipped("bad traceId");
    }
    if (!HEX.matcher(id).matches()) {
      return new Read.Skipped("bad id");
    }
    if (padTraceIds && traceId.length() < 32) {
      traceId = "0".repeat(32 - traceId.length()) + traceId;
    }
    if (!s.path("timestamp").canConvertToLong()) {
      return new Read.Skipped("no timestamp");
    }
    String service = s.path("localEndpoint").path("serviceName").asText("");
    if (service.isBlank()) {
      return new Read.Skipped("no localEndpoint.serviceName");
    }
    long micros = s.get("timestamp").asLong();
    long duration = Math.max(0, s.path("duration").asLong(0));
    SpanKind kind =
        switch (s.path("kind").asText("")) {
          case "CLIENT" -> SpanKind.CLIENT;
          case "SERVER" -> SpanKind.SERVER;
          case "PRODUCER" -> SpanKind.PRODUCER;
          case "CONSUMER" -> SpanKind.CONSUMER;
          default -> SpanKind.INTERNAL;
        };
    Map<String, String> tags = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("tags").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      tags.put(
          e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
    }
    JsonNode remote = s.path("remoteEndpoint");
    putAbsent(tags, "peer.service", remote.path("serviceName").asText(null));
    putAbsent(tags, "net.peer.ip", remote.path("ipv4").asText(remote.path("ipv6").asText(null)));
    putAbsent(tags, "net.peer.port", remote.has("port") ? remote.get("port").asText() : null);
    SpanStatus status = status(tags);
    List<SpanEvent> events = new ArrayList<>();
    for (JsonNode a : s.path("annotations")) {
      if (a.path("timestamp").canConvertToLong() && a.path("value").isTextual()) {
        events.add(annotation(instant(a.get("timestamp").asLong()), a.get("value").asText()));
      }
    }
    String name = s.path("name").asText("");
    String parent = s.path("parentId").asText(null);
    return new Read.Ok(
        new Span(
            traceId,
            id,
            parent == null ? null : parent.toLowerCase(java.util.Locale.ROOT),
            service,
            name.isBlank() ? "unknown" : name,
            kind,
            instant(micros),
            Duration.ofNanos(duration * 1000),
            status,
            tags,
            events));
  }

  private static SpanStatus status(Map<String, String> tags) {
    String code = tags.remove("otel.status_code");
    if ("ERROR".equalsIgnoreCase(code)) {
      if ("".equals(tags.get("error"))) {
        tags.remove("error");
      }
      return SpanStatus.ERROR;
    }
    if ("OK".equalsIgnoreCase(code)) {
      return SpanStatus.OK;
    }
    if (tags.containsKey("error")) {
      return SpanStatus.ERROR;
    }
    String http = tags.get("http.status_code");
    return http != null && http.length() == 3 && http.charAt(0) == '5'
        ? SpanStatus.ERROR
        : SpanStatus.UNSET;
  }

  /**
   * {@code "name":{attributes}} as the OpenTelemetry Zipkin exporter writes events, else a name.
   */
  private static SpanEvent annotation(Instant at, String value) {
    if (value.startsWith("\"") && value.endsWith("}")) {
      try {
        JsonNode n = JSON.readTree("{" + value + "}");
        if (n.size() == 1 && n.fields().next().getValue().isObject()) {
          Map.Entry<String, JsonNode> e = n.fields().next();
          Map<String, String> attrs = new LinkedHashMap<>();
          e.getValue()
              .fields()
              .forEachRemaining(
                  f ->
                      attrs.put(
                          f.getKey(),
                          f.getValue().isValueNode()
                              ? f.getValue().asText()
                              : f.getValue().toString()));
          return new SpanEvent(at, e.getKey(), attrs);
        }
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        // not that form: a plain annotation
      }
    }
    return new SpanEvent(at, value.isBlank() ? "annotation" : value, Map.of());
  }

  private static void putAbsent(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.putIfAbsent(k, v);
    }
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
  }
}
