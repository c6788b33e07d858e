package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.Severity;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import dev.warroom.store.bundle.OtlpJsonImport;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpProtobufTest {
  static final long T0 = 1_767_261_600_000_000_000L;
  static final byte[] TRACE = HexFormat.of().parseHex("4bf92f3577b34da6a3ce929d0e0e4736");
  static final byte[] SPAN = HexFormat.of().parseHex("00f067aa0ba902b7");

  static KeyValue kv(String k, AnyValue v) {
    return KeyValue.newBuilder().setKey(k).setValue(v).build();
  }

  static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  static Resource service(String name) {
    return Resource.newBuilder().addAttributes(kv("service.name", str(name))).build();
  }

  static ExportLogsServiceRequest logs(LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(service("checkout"))
                .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records))))
        .build();
  }

  /** The OTLP/JSON encoding of a request: protobuf's JSON mapping with hex ids, int enums. */
  static byte[] otlpJson(com.google.protobuf.MessageOrBuilder m) throws Exception {
    String j = JsonFormat.printer().printingEnumsAsInts().print(m);
    for (byte[] id : List.of(TRACE, SPAN)) {
      j = j.replace(java.util.Base64.getEncoder().encodeToString(id), HexFormat.of().formatHex(id));
    }
    return j.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decodesLogRecordsAsTheJsonReaderDoes() throws Exception {
    var req =
        logs(
            LogRecord.newBuilder()
                .setTimeUnixNano(T0)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
                .setBody(str("upstream cart returned 500"))
                .addAttributes(
                    kv("http.status_code", AnyValue.newBuilder().setIntValue(500).build()))
                .addAttributes(
                    kv(
                        "tags",
                        AnyValue.newBuilder()
                            .setArrayValue(
                                ArrayValue.newBuilder().addValues(str("a")).addValues(str("b")))
                            .build()))
                .setTraceId(ByteString.copyFrom(TRACE))
                .setSpanId(ByteString.copyFrom(SPAN))
                .build(),
            LogRecord.newBuilder()
                .setObservedTimeUnixNano(T0 + 1_000_000)
                .setSeverityText("warning")
                .setBody(str("slow"))
                .build());

    IncidentBundle proto = OtlpProtobuf.decode(OtlpReceiver.Signal.LOGS, req.toByteArray());
    IncidentBundle json = OtlpJsonImport.parse(otlpJson(req), "body");

    // The one difference: arrays and maps print as plain JSON, not as OTLP/JSON AnyValue wrappers.
    assertThat(proto.logs().getFirst().attributes()).containsEntry("tags", "[\"a\",\"b\"]");
    assertThat(withoutTags(proto)).isEqualTo(withoutTags(json)).hasSize(2);
    var first = proto.logs().getFirst();
    assertThat(first.service()).isEqualTo("checkout");
    assertThat(first.severity()).isEqualTo(Severity.ERROR);
    assertThat(first.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(first.attributes()).containsEntry("http.status_code", "500");
    assertThat(proto.logs().get(1).severity()).isEqualTo(Severity.WARN);
  }

  private static List<dev.warroom.model.LogRecord> withoutTags(IncidentBundle b) {
    return b.logs().stream()
        .map(
            r -> {
              var a = new java.util.HashMap<>(r.attributes());
              a.remove("tags");
              return new dev.warroom.model.LogRecord(
                  r.timestamp(), r.service(), r.severity(), r.body(), a, r.traceId(), r.spanId());
            })
        .toList();
  }

  @Test
  void decodesSpansAsTheJsonReaderDoes() throws Exception {
    var req =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(service("cart"))
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(
                                Span.newBuilder()
                                    .setTraceId(ByteString.copyFrom(TRACE))
                                    .setSpanId(ByteString.copyFrom(SPAN))
                                    .setName("GET /cart")
                                    .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                                    .setStartTimeUnixNano(T0)
                                    .setEndTimeUnixNano(T0 + 250_000_000L)
                                    .setStatus(
                                        Status.newBuilder()
                                            .setCode(Status.StatusCode.STATUS_CODE_ERROR))
                                    .addEvents(
                                        Span.Event.newBuilder()
                                            .setTimeUnixNano(T0 + 1000)
                                            .setName("exception")
                                            .addAttributes(
                                                kv(
                                                    "exception.type",
                                                    str("java.io.IOException")))))))
            .build();

    IncidentBundle proto = OtlpProtobuf.decode(OtlpReceiver.Signal.TRACES, req.toByteArray());

    assertThat(proto.spans()).isEqualTo(OtlpJsonImport.parse(otlpJson(req), "body").spans());
    var s = proto.spans().getFirst();
    assertThat(s.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(s.status()).isEqualTo(SpanStatus.ERROR);
    assertThat(s.duration().toMillis()).isEqualTo(250);
    assertThat(s.events().getFirst().attributes())
        .containsEntry("exception.type", "java.io.IOException");
  }

  @Test
  void gaugesSortByTimeAndHistogramsGiveCumulativeBuckets() throws Exception {
    NumberDataPoint late =
        NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 2_000_000_000L).setAsDouble(2).build();
    NumberDataPoint early = NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsInt(1).build();
    var req =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .setResource(service("cart"))
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("queue-depth")
                                    .setGauge(
                                        Gauge.newBuilder()
                                            .addDataPoints(late)
                                            .addDataPoints(early)))
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("latency")
                                    .setHistogram(
                                        Histogram.newBuilder()
                                            .addDataPoints(
                                                HistogramDataPoint.newBuilder()
                                                    .setTimeUnixNano(T0)
                                                    .setCount(6)
                                                    .setSum(1.5)
                                                    .addAllExplicitBounds(List.of(0.1, 1.0))
                                                    .addAllBucketCounts(List.of(3L, 2L, 1L)))))))
            .build();

    IncidentBundle proto = OtlpProtobuf.decode(OtlpReceiver.Signal.METRICS, req.toByteArray());

    Map<SeriesKey, MetricSeries> byKey =
        proto.metrics().stream()
            .collect(java.util.stream.Collectors.toMap(MetricSeries::key, m -> m));
    MetricSeries depth = byKey.get(SeriesKey.of("queue_depth", "service", "cart"));
    assertThat(depth.values()).containsExactly(1.0, 2.0);
    assertThat(byKey.get(SeriesKey.of("latency_bucket", "service", "cart", "le", "1")).values())
        .containsExactly(5.0);
    assertThat(byKey.get(SeriesKey.of("latency_bucket", "service", "cart", "le", "+Inf")).values())
        .containsExactly(6.0);
    assertThat(byKey.get(SeriesKey.of("latency_sum", "service", "cart")).values())
        .containsExactly(1.5);
    assertThat(java.util.Set.copyOf(proto.metrics()))
        .isEqualTo(java.util.Set.copyOf(OtlpJsonImport.parse(otlpJson(req), "body").metrics()));
  }

  @Test
  void refusesRecordsWithoutTimeNamingEachByPointer() {
    var req =
        logs(
            LogRecord.newBuilder().setTimeUnixNano(T0).setBody(str("fine")).build(),
            LogRecord.newBuilder().setBody(str("no time")).build(),
            LogRecord.newBuilder()
                .setTimeUnixNano(T0)
                .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3}))
                .build());

    assertThatThrownBy(() -> OtlpProtobuf.decode(OtlpReceiver.Signal.LOGS, req.toByteArray()))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "body#/resourceLogs/0/scopeLogs/0/logRecords/1/observedTimeUnixNano: missing",
                        "body#/resourceLogs/0/scopeLogs/0/logRecords/2/traceId: expected 16 bytes, got 3"));
  }

  @Test
  void refusesBytesThatAreNotAnExportRequest() {
    byte[] garbage = "{\"resourceLogs\":[]}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> OtlpProtobuf.decode(OtlpReceiver.Signal.LOGS, garbage))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("body: not an OTLP protobuf export request");
  }
}
