package dev.warroom.server;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes a binary OTLP export request (<a
 * href="https://github.com/open-telemetry/opentelemetry-proto">opentelemetry-proto</a> v1) straight
 * into warroom-model records, with the same meaning the store's OTLP/JSON reader gives the JSON
 * encoding: the resource's {@code service.name} is the service; a log's time is {@code
 * time_unix_nano}, else {@code observed_time_unix_nano}; severity from {@code severity_number},
 * else {@code severity_text}. No intermediate JSON: this is the ingest hot path. A request with any
 * bad record is refused whole, every problem named by its JSON pointer ({@code
 * body#/resourceLogs/0/scopeLogs/0/logRecords/7/timeUnixNano: missing}).
 */
final class OtlpProtobuf {
  private OtlpProtobuf() {}

  static IncidentBundle decode(OtlpReceiver.Signal signal, byte[] body) {
    OtlpValues.Problems problems = new OtlpValues.Problems();
    List<LogRecord> logs = List.of();
    List<Span> spans = List.of();
    List<dev.warroom.model.MetricSeries> metrics = List.of();
    try {
      switch (signal) {
        case LOGS -> logs = logs(ExportLogsServiceRequest.parseFrom(body), problems);
        case TRACES -> spans = spans(ExportTraceServiceRequest.parseFrom(body), problems);
        case METRICS ->
            metrics =
                OtlpProtoMetrics.decode(ExportMetricsServiceRequest.parseFrom(body), problems);
      }
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException(
          "body: not an OTLP protobuf export request: " + e.getMessage());
    }
    if (!problems.list.isEmpty()) {
      throw new InvalidInputException(problems.list);
    }
    return new IncidentBundle(null, null, metrics, logs, spans, List.of(), null, List.of());
  }

  static List<LogRecord> logs(ExportLogsServiceRequest req, OtlpValues.Problems problems) {
    List<LogRecord> out = new ArrayList<>();
    for (int r = 0; r < req.getResourceLogsCount(); r++) {
      ResourceLogs res = req.getResourceLogs(r);
      String service = serviceOrDefault(res.getResource().getAttributesList());
      Map<String, String> resAttrs = resourceAttributes(res.getResource().getAttributesList());
      for (int s = 0; s < res.getScopeLogsCount(); s++) {
        ScopeLogs scope = res.getScopeLogs(s);
        for (int i = 0; i < scope.getLogRecordsCount(); i++) {
          try {
            out.add(withResource(log(scope.getLogRecords(i), service), resAttrs));
          } catch (IllegalArgumentException e) {
            problems.add(
                "body#/resourceLogs/" + r + "/scopeLogs/" + s + "/logRecords/" + i, e.getMessage());
            if (problems.full()) {
              return out;
            }
          }
        }
      }
    }
    return out;
  }

  /** The resource's attributes other than service.name (k8s.pod.name, host.name, …). */
  private static Map<String, String> resourceAttributes(
      List<io.opentelemetry.proto.common.v1.KeyValue> attrs) {
    Map<String, String> out = new java.util.TreeMap<>(OtlpValues.attributes(attrs));
    out.remove("service.name");
    return out;
  }

  /** A record's attributes with the resource's under them: the record's own value wins. */
  private static LogRecord withResource(LogRecord l, Map<String, String> res) {
    if (res.isEmpty()) {
      return l;
    }
    Map<String, String> a = new java.util.TreeMap<>(res);
    a.putAll(l.attributes());
    return new LogRecord(
        l.timestamp(), l.service(), l.severity(), l.body(), a, l.traceId(), l.spanId());
  }

  private static Span withResource(Span s, Map<String, String> res) {
    if (res.isEmpty()) {
      return s;
    }
    Map<String, String> a = new java.util.TreeMap<>(res);
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

  private static String serviceOrDefault(List<io.opentelemetry.proto.common.v1.KeyValue> attrs) {
    String s = OtlpValues.serviceName(attrs);
    return s == null ? OtlpValues.UNKNOWN_SERVICE : s;
  }

  private static LogRecord log(io.opentelemetry.proto.logs.v1.LogRecord l, String service) {
    Instant ts =
        l.getTimeUnixNano() != 0
            ? OtlpValues.time(l.getTimeUnixNano(), "timeUnixNano")
            : OtlpValues.time(l.getObservedTimeUnixNano(), "observedTimeUnixNano");
    Severity severity = Severity.INFO;
    int number = l.getSeverityNumberValue();
    if (number != 0) {
      if (number < 1 || number > 24) {
        throw new IllegalArgumentException("severityNumber: not in 1..24: " + number);
      }
      severity = Severity.fromOtelNumber(number);
    } else if (!l.getSeverityText().isBlank()) {
      try {
        severity = Severity.parse(l.getSeverityText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("severityText: " + e.getMessage(), e);
      }
    }
    String body = l.hasBody() ? OtlpValues.text(l.getBody()) : null;
    return new LogRecord(
        ts,
        service,
        severity,
        body == null ? "" : body,
        OtlpValues.attributes(l.getAttributesList()),
        OtlpValues.id(l.getTraceId(), 16, "traceId"),
        OtlpValues.id(l.getSpanId(), 8, "spanId"));
  }

  static List<Span> spans(ExportTraceServiceRequest req, OtlpValues.Problems problems) {
    List<Span> out = new ArrayList<>();
    for (int r = 0; r < req.getResourceSpansCount(); r++) {
      ResourceSpans res = req.getResourceSpans(r);
      String service = serviceOrDefault(res.getResource().getAttributesList());
      Map<String, String> resAttrs = resourceAttributes(res.getResource().getAttributesList());
      for (int s = 0; s < res.getScopeSpansCount(); s++) {
        ScopeSpans scope = res.getScopeSpans(s);
        for (int i = 0; i < scope.getSpansCount(); i++) {
          try {
            out.add(withResource(span(scope.getSpans(i), service), resAttrs));
          } catch (IllegalArgumentException e) {
            problems.add(
                "body#/resourceSpans/" + r + "/scopeSpans/" + s + "/spans/" + i, e.getMessage());
            if (problems.full()) {
              return out;
            }
          }
        }
      }
    }
    return out;
  }

  private static Span span(io.opentelemetry.proto.trace.v1.Span p, String service) {
    String traceId = OtlpValues.id(p.getTraceId(), 16, "traceId");
    String spanId = OtlpValues.id(p.getSpanId(), 8, "spanId");
    if (traceId == null) {
      throw new IllegalArgumentException("traceId: missing");
    }
    if (spanId == null) {
      throw new IllegalArgumentException("spanId: missing");
    }
    Instant start = OtlpValues.time(p.getStartTimeUnixNano(), "startTimeUnixNano");
    Instant end = OtlpValues.time(p.getEndTimeUnixNano(), "endTimeUnixNano");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("endTimeUnixNano: before startTimeUnixNano");
    }
    SpanKind kind =
        switch (p.getKind()) {
          case SPAN_KIND_SERVER -> SpanKind.SERVER;
          case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
          case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
          case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
          case SPAN_KIND_INTERNAL, SPAN_KIND_UNSPECIFIED -> SpanKind.INTERNAL;
          case UNRECOGNIZED -> throw new IllegalArgumentException("kind: unknown value");
        };
    SpanStatus status =
        switch (p.getStatus().getCode()) {
          case STATUS_CODE_UNSET -> SpanStatus.UNSET;
          case STATUS_CODE_OK -> SpanStatus.OK;
          case STATUS_CODE_ERROR -> SpanStatus.ERROR;
          case UNRECOGNIZED -> throw new IllegalArgumentException("status/code: unknown value");
        };
    List<SpanEvent> events = new ArrayList<>(p.getEventsCount());
    for (int e = 0; e < p.getEventsCount(); e++) {
      var ev = p.getEvents(e);
      events.add(
          new SpanEvent(
              OtlpValues.time(ev.getTimeUnixNano(), "events/" + e + "/timeUnixNano"),
              ev.getName().isEmpty() ? "event" : ev.getName(),
              OtlpValues.attributes(ev.getAttributesList())));
    }
    return new Span(
        traceId,
        spanId,
        OtlpValues.id(p.getParentSpanId(), 8, "parentSpanId"),
        service,
        p.getName().isBlank() ? "unknown" : p.getName(),
        kind,
        start,
        Duration.between(start, end),
        status,
        OtlpValues.attributes(p.getAttributesList()),
        events);
  }
}
