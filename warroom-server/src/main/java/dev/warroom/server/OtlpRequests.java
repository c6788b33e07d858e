package dev.warroom.server;

import com.google.protobuf.ByteString;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The client side of OTLP: warroom-model records as OTLP export requests, in batches, so a bundle
 * (a gym episode, an exported incident) can be replayed to any OTLP/HTTP endpoint, warroom's own
 * receiver included. One resource per service ({@code service.name}); a metric series becomes a
 * gauge whose points carry the series' labels except {@code service} as attributes (a series with
 * no {@code service} label goes under a resource without {@code service.name}). {@link
 * OtlpProtobuf} decodes these back to equal records.
 */
public final class OtlpRequests {
  private static final String SCOPE = "dev.warroom";

  private OtlpRequests() {}

  /** Log records in requests of at most {@code batch} records each. */
  public static List<ExportLogsServiceRequest> logs(List<LogRecord> logs, int batch) {
    return batches(
        logs,
        batch,
        chunk -> {
          Map<String, ScopeLogs.Builder> byService = new LinkedHashMap<>();
          for (LogRecord r : chunk) {
            var b =
                io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                    .setTimeUnixNano(nanos(r.timestamp()))
                    .setSeverityNumberValue(1 + 4 * r.severity().ordinal())
                    .setSeverityText(r.severity().name())
                    .setBody(AnyValue.newBuilder().setStringValue(r.body()));
            r.attributes().forEach((k, v) -> b.addAttributes(kv(k, v)));
            if (r.traceId() != null) {
              b.setTraceId(hex(r.traceId(), 16));
            }
            if (r.spanId() != null) {
              b.setSpanId(hex(r.spanId(), 8));
            }
            byService.computeIfAbsent(r.service(), s -> ScopeLogs.newBuilder()).addLogRecords(b);
          }
          var req = ExportLogsServiceRequest.newBuilder();
          byService.forEach(
              (service, scope) ->
                  req.addResourceLogs(
                      ResourceLogs.newBuilder()
                          .setResource(resource(service))
                          .addScopeLogs(scope.setScope(scope()))));
          return req.build();
        });
  }

  /** Spans in requests of at most {@code batch} spans each. */
  public static List<ExportTraceServiceRequest> spans(List<Span> spans, int batch) {
    return batches(
        spans,
        batch,
        chunk -> {
          Map<String, ScopeSpans.Builder> byService = new LinkedHashMap<>();
          for (Span s : chunk) {
            byService.computeIfAbsent(s.service(), x -> ScopeSpans.newBuilder()).addSpans(span(s));
          }
          var req = ExportTraceServiceRequest.newBuilder();
          byService.forEach(
              (service, scope) ->
                  req.addResourceSpans(
                      ResourceSpans.newBuilder()
                          .setResource(resource(service))
                          .addScopeSpans(scope.setScope(scope()))));
          return req.build();
        });
  }

  private static io.opentelemetry.proto.trace.v1.Span span(Span s) {
    var b =
        io.opentelemetry.proto.trace.v1.Span.newBuilder()
            .setTraceId(hex(s.traceId(), 16))
            .setSpanId(hex(s.spanId(), 8))
            .setName(s.operation())
            .setKind(
                switch (s.kind()) {
                  case SERVER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
                  case CLIENT -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
                  case PRODUCER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_PRODUCER;
                  case CONSUMER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER;
                  case INTERNAL -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL;
                })
            .setStartTimeUnixNano(nanos(s.start()))
            .setEndTimeUnixNano(nanos(s.end()))
            .setStatus(
                Status.newBuilder()
                    .setCode(
                        switch (s.status()) {
                          case UNSET -> Status.StatusCode.STATUS_CODE_UNSET;
                          case OK -> Status.StatusCode.STATUS_CODE_OK;
                          case ERROR -> Status.StatusCode.STATUS_CODE_ERROR;
                        }));
    if (s.parentSpanId() != null) {
      b.setParentSpanId(hex(s.parentSpanId(), 8));
    }
    s.attributes().forEach((k, v) -> b.addAttributes(kv(k, v)));
    for (SpanEvent e : s.events()) {
      var ev =
          io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
              .setTimeUnixNano(nanos(e.timestamp()))
              .setName(e.name());
      e.attributes().forEach((k, v) -> ev.addAttributes(kv(k, v)));
      b.addEvents(ev);
    }
    return b.build();
  }

  /** Series as gauges, in requests of at most about {@code points} data points each. */
  public static List<ExportMetricsServiceRequest> metrics(List<MetricSeries> series, int points) {
    List<ExportMetricsServiceRequest> out = new ArrayList<>();
    Map<String, ScopeMetrics.Builder> byService = new LinkedHashMap<>();
    int n = 0;
    for (MetricSeries s : series) {
      var gauge = Gauge.newBuilder();
      for (int i = 0; i < s.size(); i++) {
        var p =
            NumberDataPoint.newBuilder()
                .setTimeUnixNano(s.timestampAt(i) * 1_000_000L)
                .setAsDouble(s.valueAt(i));
        s.key()
            .labels()
            .forEach(
                (k, v) -> {
                  if (!k.equals("service")) {
                    p.addAttributes(kv(k, v));
                  }
                });
        gauge.addDataPoints(p);
      }
      String service = s.key().labels().getOrDefault("service", "");
      byService
          .computeIfAbsent(service, x -> ScopeMetrics.newBuilder().setScope(scope()))
          .addMetrics(Metric.newBuilder().setName(s.key().name()).setGauge(gauge));
      n += s.size();
      if (n >= points) {
        out.add(metricsRequest(byService));
        byService.clear();
        n = 0;
      }
    }
    if (!byService.isEmpty()) {
      out.add(metricsRequest(byService));
    }
    return out;
  }

  private static ExportMetricsServiceRequest metricsRequest(
      Map<String, ScopeMetrics.Builder> byService) {
    var req = ExportMetricsServiceRequest.newBuilder();
    byService.forEach(
        (service, scope) ->
            req.addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .setResource(
                        service.isEmpty() ? Resource.getDefaultInstance() : resource(service))
                    .addScopeMetrics(scope)));
    return req.build();
  }

  private static <T, R> List<R> batches(List<T> items, int batch, Function<List<T>, R> encode) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch: expected at least 1, got " + batch);
    }
    List<R> out = new ArrayList<>();
    for (int from = 0; from < items.size(); from += batch) {
      out.add(encode.apply(items.subList(from, Math.min(items.size(), from + batch))));
    }
    return out;
  }

  private static Resource resource(String service) {
    return Resource.newBuilder().addAttributes(kv("service.name", service)).build();
  }

  private static io.opentelemetry.proto.common.v1.InstrumentationScope scope() {
    return io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder()
        .setName(SCOPE)
        .build();
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /**
   * A hex id as the {@code bytes} OTLP wants: 16 bytes for a trace, 8 for a span. Shorter hex (a
   * 64-bit Zipkin trace id) is left-padded with zeros, as Zipkin itself widens such ids.
   */
  private static ByteString hex(String id, int bytes) {
    if (id.length() > 2 * bytes) {
      throw new IllegalArgumentException("id longer than " + bytes + " bytes: " + id);
    }
    String padded = "0".repeat(2 * bytes - id.length()) + id;
    return ByteString.copyFrom(HexFormat.of().parseHex(padded));
  }
}
