package dev.warroom.store.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.LogRecord;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * OTLP/JSON (<a href="https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding">the
 * protobuf JSON mapping</a>): trace and span ids are hex strings, 64-bit integers (times in {@code
 * *UnixNano}, {@code asInt}, counts) are decimal strings or numbers, enums are integers (names are
 * accepted too). {@code service.name} of the resource becomes the service (the {@code service}
 * label of metrics). Gauges and sums give one series per point attribute set; histograms give
 * {@code _count}, {@code _sum} and cumulative {@code _bucket{le=…}} series, summaries {@code
 * _count}, {@code _sum} and {@code {quantile=…}} series, as Prometheus names them.
 */
final class OtlpJson {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,32}");

  private OtlpJson() {}

  static void read(String rel, JsonNode doc, Format format, ReadContext ctx) {
    String root =
        switch (format) {
          case OTLP_METRICS -> "resourceMetrics";
          case OTLP_LOGS -> "resourceLogs";
          default -> "resourceSpans";
        };
    JsonNode resources = doc.get(root);
    if (!doc.isObject() || resources == null || !resources.isArray()) {
      ctx.problems.add(rel + "#: expected an OTLP/JSON document with a \"" + root + "\" array");
      return;
    }
    String scopeField = root.replace("resource", "scope");
    String itemField =
        switch (format) {
          case OTLP_METRICS -> "metrics";
          case OTLP_LOGS -> "logRecords";
          default -> "spans";
        };
    int fileProblems = 0;
    for (int r = 0; r < resources.size(); r++) {
      JsonNode res = resources.get(r);
      String resAt = rel + "#/" + root + "/" + r;
      JsonNode scopes = res.path(scopeField);
      String shape =
          !res.isObject()
              ? ""
              : !scopes.isMissingNode() && !scopes.isArray() ? "/" + scopeField : null;
      if (shape != null) {
        ctx.problems.add(
            resAt + shape + ": expected " + (shape.isEmpty() ? "an object" : "an array"));
        continue;
      }
      Map<String, String> resAttrs = attributes(res.path("resource").path("attributes"));
      // The SDK default when a resource has no service.name (OpenTelemetry resource semantic
      // conventions); metrics without one get no service label, as over protobuf.
      String named = resAttrs.remove("service.name");
      String service =
          named != null ? named : format == Format.OTLP_METRICS ? null : "unknown_service";
      for (int s = 0; s < scopes.size(); s++) {
        JsonNode items = scopes.get(s).path(itemField);
        if (!items.isMissingNode() && !items.isArray()) {
          ctx.problems.add(
              resAt + "/" + scopeField + "/" + s + "/" + itemField + ": expected an array");
          continue;
        }
        for (int i = 0; i < items.size(); i++) {
          String at =
              rel + "#/" + root + "/" + r + "/" + scopeField + "/" + s + "/" + itemField + "/" + i;
          try {
            switch (format) {
              case OTLP_METRICS -> metric(rel, at, items.get(i), service, ctx);
              case OTLP_LOGS -> ctx.sink.log(withResource(log(items.get(i), service), resAttrs));
              default -> ctx.sink.span(withResource(span(items.get(i), service), resAttrs));
            }
          } catch (IllegalArgumentException | NullPointerException e) {
            ctx.problems.add(at + "/" + e.getMessage());
            if (ctx.problems.fileDone(++fileProblems)) {
              ctx.problems.add(rel + ": too many problems, rest of file skipped");
              return;
            }
          }
        }
      }
    }
  }

  /**
   * A record's attributes with the resource's (k8s.pod.name, host.name, service.version, …) under
   * them: the record's own value wins on a clash.
   */
  private static LogRecord withResource(LogRecord l, Map<String, String> res) {
    if (res.isEmpty()) {
      return l;
    }
    Map<String, String> a = new TreeMap<>(res);
    a.putAll(l.attributes());
    return new LogRecord(
        l.timestamp(), l.service(), l.severity(), l.body(), a, l.traceId(), l.spanId());
  }

  private static Span withResource(Span s, Map<String, String> res) {
    if (res.isEmpty()) {
      return s;
    }
    Map<String, String> a = new TreeMap<>(res);
    a.putAll(s.attributes());
    return new Span(
        s.traceId(),
        s.spanId(),
        s.parentSpanId(),
        s.service(),
        s.operation(),
        s.kind(),
        s.start(),
        s.duration(),
        s.status(),
        a,
        s.events());
  }

  static Map<String, String> attributes(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode kv : list) {
      String v = anyValue(kv.path("value"));
      if (v != null) {
        out.put(kv.path("key").asText(), v);
      }
    }
    return out;
  }

  static String anyValue(JsonNode v) {
    if (v.has("stringValue")) {
      return v.get("stringValue").asText();
    }
    if (v.has("intValue")) {
      return v.get("intValue").asText();
    }
    if (v.has("doubleValue")) {
      return v.get("doubleValue").asText();
    }
    if (v.has("boolValue")) {
      return v.get("boolValue").asText();
    }
    if (v.has("bytesValue")) {
      return v.get("bytesValue").asText();
    }
    if (v.has("arrayValue") || v.has("kvlistValue")) {
      return v.toString();
    }
    return null;
  }

  static Instant nanos(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(field + ": missing");
    }
    String s = v.asText();
    if (!s.matches("\\d{1,19}")) {
      throw new IllegalArgumentException(
          field + ": expected integer nanoseconds, got '" + Timestamps.abbreviate(s) + "'");
    }
    long ns;
    try {
      ns = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": timestamp out of range: " + s);
    }
    return Timestamps.checkRange(
        Instant.ofEpochSecond(ns / 1_000_000_000L, ns % 1_000_000_000L), s);
  }

  private static String id(JsonNode n, String field, boolean required) {
    String s = n.path(field).asText("");
    if (s.isEmpty()) {
      if (required) {
        throw new IllegalArgumentException(field + ": missing");
      }
      return null;
    }
    if (!HEX.matcher(s).matches()) {
      throw new IllegalArgumentException(
          field + ": expected a hex id, got '" + Timestamps.abbreviate(s) + "'");
    }
    return s.toLowerCase();
  }

  private static int enumValue(JsonNode v, String field, String[] names) {
    if (v == null || v.isNull()) {
      return 0;
    }
    if (v.canConvertToInt()) {
      int i = v.intValue();
      if (i < 0 || i >= names.length) {
        throw new IllegalArgumentException(field + ": unknown value " + i);
      }
      return i;
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(v.asText())) {
        return i;
      }
    }
    throw new IllegalArgumentException(field + ": unknown value '" + v.asText() + "'");
  }

  private static final String[] KINDS = {
    "SPAN_KIND_UNSPECIFIED",
    "SPAN_KIND_INTERNAL",
    "SPAN_KIND_SERVER",
    "SPAN_KIND_CLIENT",
    "SPAN_KIND_PRODUCER",
    "SPAN_KIND_CONSUMER"
  };
  private static final String[] STATUS = {
    "STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"
  };

  static Span span(JsonNode n, String service) {
    Instant start = nanos(n, "startTimeUnixNano");
    Instant end = nanos(n, "endTimeUnixNano");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("endTimeUnixNano: before startTimeUnixNano");
    }
    int kind = enumValue(n.get("kind"), "kind", KINDS);
    SpanKind k =
        switch (kind) {
          case 2 -> SpanKind.SERVER;
          case 3 -> SpanKind.CLIENT;
          case 4 -> SpanKind.PRODUCER;
          case 5 -> SpanKind.CONSUMER;
          default -> SpanKind.INTERNAL;
        };
    int code = enumValue(n.path("status").get("code"), "status/code", STATUS);
    List<SpanEvent> events = new ArrayList<>();
    for (JsonNode e : n.path("events")) {
      events.add(
          new SpanEvent(
              nanos(e, "timeUnixNano"),
              e.path("name").asText("event"),
              attributes(e.path("attributes"))));
    }
    String name = n.path("name").asText("");
    return new Span(
        id(n, "traceId", true),
        id(n, "spanId", true),
        id(n, "parentSpanId", false),
        service,
        name.isBlank() ? "unknown" : name,
        k,
        start,
        Duration.between(start, end),
        SpanStatus.values()[code],
        attributes(n.path("attributes")),
        events);
  }

  static LogRecord log(JsonNode n, String service) {
    Instant ts =
        n.hasNonNull("timeUnixNano") && !"0".equals(n.get("timeUnixNano").asText())
            ? nanos(n, "timeUnixNano")
            : nanos(n, "observedTimeUnixNano");
    Severity sev = Severity.INFO;
    JsonNode num = n.get("severityNumber");
    if (num != null && !num.isNull() && num.asInt() != 0) {
      if (num.isTextual() && !num.asText().matches("\\d+")) {
        sev = Severity.parse(num.asText().replace("SEVERITY_NUMBER_", "").replaceAll("\\d", ""));
      } else {
        sev = Severity.fromOtelNumber(num.asInt());
      }
    } else if (n.hasNonNull("severityText")) {
      sev = Severity.parse(n.get("severityText").asText());
    }
    JsonNode body = n.path("body");
    String text = anyValue(body);
    return new LogRecord(
        ts,
        service,
        sev,
        text == null ? "" : text,
        attributes(n.path("attributes")),
        id(n, "traceId", false),
        id(n, "spanId", false));
  }

  /** A metric's data points; a bad point is skipped and counted, the others are kept. */
  private static void metric(String rel, String at, JsonNode m, String service, ReadContext ctx) {
    String name = m.path("name").asText("");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: missing");
    }
    for (String kindName : new String[] {"gauge", "sum", "histogram", "summary"}) {
      JsonNode k = m.get(kindName);
      if (k != null && !k.isObject()) {
        throw new IllegalArgumentException(kindName + ": expected an object");
      }
      if (k != null && k.has("dataPoints") && !k.get("dataPoints").isArray()) {
        throw new IllegalArgumentException(kindName + "/dataPoints: expected an array");
      }
    }
    String kind =
        m.has("gauge")
            ? "gauge"
            : m.has("sum")
                ? "sum"
                : m.has("histogram") ? "histogram" : m.has("summary") ? "summary" : null;
    if (kind == null) {
      throw new IllegalArgumentException("expected one of gauge, sum, histogram, summary");
    }
    JsonNode points = m.get(kind).path("dataPoints");
    for (int k = 0; k < points.size(); k++) {
      try {
        point(rel, ctx, kind, name, points.get(k), service);
      } catch (IllegalArgumentException | NullPointerException e) {
        ctx.problems.add(at + "/" + kind + "/dataPoints/" + k + "/" + e.getMessage());
      }
    }
  }

  private static void point(
      String rel, ReadContext ctx, String kind, String name, JsonNode p, String service) {
    switch (kind) {
      case "gauge", "sum" -> {
        double v = p.has("asDouble") ? number(p, "asDouble") : number(p, "asInt");
        add(rel, ctx, name, labels(p, service, null, null), p, v);
      }
      case "histogram" -> {
        add(rel, ctx, name + "_count", labels(p, service, null, null), p, number(p, "count"));
        if (p.has("sum")) {
          add(rel, ctx, name + "_sum", labels(p, service, null, null), p, number(p, "sum"));
        }
        JsonNode counts = p.path("bucketCounts");
        JsonNode bounds = p.path("explicitBounds");
        double cumulative = 0;
        for (int i = 0; i < counts.size(); i++) {
          cumulative += Double.parseDouble(counts.get(i).asText());
          String le = i < bounds.size() ? trim(bounds.get(i).asDouble()) : "+Inf";
          add(rel, ctx, name + "_bucket", labels(p, service, "le", le), p, cumulative);
        }
      }
      default -> {
        add(rel, ctx, name + "_count", labels(p, service, null, null), p, number(p, "count"));
        add(rel, ctx, name + "_sum", labels(p, service, null, null), p, number(p, "sum"));
        for (JsonNode q : p.path("quantileValues")) {
          add(
              rel,
              ctx,
              name,
              labels(p, service, "quantile", trim(q.path("quantile").asDouble())),
              p,
              q.path("value").asDouble());
        }
      }
    }
  }

  private static String trim(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static Map<String, String> labels(
      JsonNode p, String service, String extraKey, String extraValue) {
    Map<String, String> l = new HashMap<>(attributes(p.path("attributes")));
    if (service != null) {
      l.putIfAbsent("service", service);
    }
    if (extraKey != null) {
      l.put(extraKey, extraValue);
    }
    return l;
  }

  private static void add(
      String rel, ReadContext ctx, String name, Map<String, String> labels, JsonNode p, double v) {
    long ms = nanos(p, "timeUnixNano").toEpochMilli();
    ctx.metrics.of(SeriesKey.of(name.replace('-', '_'), labels), rel).add(ms, v);
  }

  private static double number(JsonNode p, String field) {
    JsonNode v = p.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(field + ": missing");
    }
    try {
      double d = v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText());
      // JSON has no infinity literal: an infinite number node overflowed (1e400); the protobuf
      // JSON mapping writes infinity as the string "Infinity", which stays allowed.
      if (Double.isInfinite(d) && (v.isNumber() || !v.asText().contains("Infinity"))) {
        throw new IllegalArgumentException(field + ": out of range (beyond ±1.8e308)");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": expected a number, got '" + v.asText() + "'");
    }
  }
}
