package dev.warroom.store.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Zipkin v2 JSON span arrays (<a href="https://zipkin.io/zipkin-api/#/default/post_spans">the
 * api</a>): {@code traceId}, {@code id}, {@code parentId}, {@code name}, {@code kind}, {@code
 * timestamp} and {@code duration} in microseconds, {@code localEndpoint.serviceName}, {@code
 * annotations}, {@code tags}. Span status follows the OpenTelemetry Zipkin exporter: tag {@code
 * otel.status_code} (OK or ERROR), else ERROR when an {@code error} tag is present; annotation
 * values of the form {@code "name":{json}} are span events with attributes. Parsed as a token
 * stream, span by span, so a million spans need no tree in memory.
 */
final class ZipkinSpans {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,32}");

  private ZipkinSpans() {}

  static void read(String rel, InputStream in, ReadContext ctx) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        ctx.problems.add(rel + "#: expected a JSON array of Zipkin v2 spans");
        return;
      }
      int index = 0;
      int fileProblems = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          ctx.problems.add(rel + "#/" + index + ": expected a span object, got " + t);
          p.skipChildren();
        } else {
          String problem = span(p, ctx);
          if (problem != null) {
            ctx.problems.add(rel + "#/" + index + problem);
            if (ctx.problems.fileDone(++fileProblems)) {
              ctx.problems.add(rel + ": too many problems, rest of file skipped");
              return;
            }
          }
        }
        index++;
      }
    } catch (IOException e) {
      ctx.problems.add(JsonProblems.at(rel, e));
    }
  }

  /** Reads one span object (the parser is on its START_OBJECT); returns a problem or null. */
  private static String span(JsonParser p, ReadContext ctx) throws IOException {
    String traceId = null;
    String id = null;
    String parentId = null;
    String name = null;
    String kind = null;
    long timestamp = -1;
    long duration = 0;
    String service = null;
    List<JsonNode> annotations = null;
    Map<String, String> tags = new HashMap<>();
    String problem = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      switch (f) {
        case "traceId" -> traceId = p.getValueAsString();
        case "id" -> id = p.getValueAsString();
        case "parentId" -> parentId = p.getValueAsString();
        case "name" -> name = p.getValueAsString();
        case "kind" -> kind = p.getValueAsString();
        case "timestamp" -> {
          if (v != JsonToken.VALUE_NUMBER_INT) {
            problem =
                problem != null ? problem : "/timestamp: expected epoch microseconds, got " + v;
          } else {
            timestamp = p.getLongValue();
          }
        }
        case "duration" -> {
          if (v != JsonToken.VALUE_NUMBER_INT) {
            problem = problem != null ? problem : "/duration: expected microseconds, got " + v;
          } else {
            duration = p.getLongValue();
          }
        }
        case "localEndpoint" -> {
          if (v == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String ef = p.currentName();
              p.nextToken();
              if (ef.equals("serviceName")) {
                service = p.getValueAsString();
              } else {
                p.skipChildren();
              }
            }
          }
        }
        case "tags" -> {
          if (v != JsonToken.START_OBJECT) {
            problem = problem != null ? problem : "/tags: expected an object, got " + v;
            p.skipChildren();
          } else {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String k = p.currentName();
              JsonToken tv = p.nextToken();
              if (tv.isScalarValue()) {
                tags.put(k, p.getText());
              } else {
                tags.put(k, ModelJson.MAPPER.readTree(p).toString());
              }
            }
          }
        }
        case "annotations" -> {
          JsonNode arr = ModelJson.MAPPER.readTree(p);
          if (!arr.isArray()) {
            problem = problem != null ? problem : "/annotations: expected an array";
          } else {
            annotations = new ArrayList<>();
            arr.forEach(annotations::add);
          }
        }
        default -> p.skipChildren();
      }
    }
    if (problem != null) {
      return problem;
    }
    if (traceId == null || !HEX.matcher(traceId = traceId.toLowerCase()).matches()) {
      return "/traceId: expected 16 or 32 hex characters, got " + quoted(traceId);
    }
    if (id == null || !HEX.matcher(id = id.toLowerCase()).matches()) {
      return "/id: expected 16 hex characters, got " + quoted(id);
    }
    if (parentId != null && !HEX.matcher(parentId = parentId.toLowerCase()).matches()) {
      return "/parentId: expected 16 hex characters, got " + quoted(parentId);
    }
    if (timestamp < 0) {
      return "/timestamp: missing";
    }
    if (duration < 0) {
      return "/duration: negative: " + duration;
    }
    if (service == null || service.isBlank()) {
      return "/localEndpoint/serviceName: missing";
    }
    SpanKind k = SpanKind.INTERNAL;
    if (kind != null) {
      try {
        k = SpanKind.valueOf(kind);
      } catch (IllegalArgumentException e) {
        return "/kind: unknown span kind '"
            + kind
            + "' (expected CLIENT, SERVER, PRODUCER or CONSUMER)";
      }
    }
    Instant start;
    try {
      start =
          Timestamps.checkRange(
              Instant.ofEpochSecond(timestamp / 1_000_000, (timestamp % 1_000_000) * 1000),
              timestamp + "us");
    } catch (IllegalArgumentException e) {
      return "/timestamp: " + e.getMessage();
    }
    SpanStatus status = SpanStatus.UNSET;
    String code = tags.remove("otel.status_code");
    if (code != null) {
      try {
        status = SpanStatus.valueOf(code);
      } catch (IllegalArgumentException e) {
        return "/tags/otel.status_code: unknown status '" + code + "' (expected OK or ERROR)";
      }
      if (status == SpanStatus.ERROR && "".equals(tags.get("error"))) {
        tags.remove("error");
      }
    } else if (tags.containsKey("error")) {
      status = SpanStatus.ERROR;
    }
    List<SpanEvent> events = new ArrayList<>();
    if (annotations != null) {
      for (int i = 0; i < annotations.size(); i++) {
        JsonNode a = annotations.get(i);
        if (!a.path("timestamp").canConvertToLong() || !a.path("value").isTextual()) {
          return "/annotations/" + i + ": expected {timestamp, value}";
        }
        long at = a.get("timestamp").longValue();
        events.add(
            annotation(
                Instant.ofEpochSecond(at / 1_000_000, (at % 1_000_000) * 1000),
                a.get("value").asText()));
      }
    }
    ctx.sink.span(
        new Span(
            traceId,
            id,
            parentId,
            service,
            name == null || name.isBlank() ? "unknown" : name,
            k,
            start,
            Duration.ofNanos(duration * 1000),
            status,
            tags,
            events));
    return null;
  }

  /** {@code "name":{attributes}} per the OpenTelemetry Zipkin exporter, else a bare name. */
  static SpanEvent annotation(Instant at, String value) {
    if (value.startsWith("\"") && value.endsWith("}")) {
      try {
        JsonNode n = ModelJson.MAPPER.readTree("{" + value + "}");
        if (n.size() == 1) {
          var e = n.fields().next();
          if (e.getValue().isObject()) {
            return new SpanEvent(at, e.getKey(), ModelJson.stringMap(e.getValue()));
          }
        }
      } catch (IOException e) {
        // not that form: a plain annotation
      }
    }
    return new SpanEvent(at, value.isBlank() ? "annotation" : value, Map.of());
  }

  private static String quoted(String s) {
    return s == null ? "nothing" : "'" + Timestamps.abbreviate(s) + "'";
  }
}
