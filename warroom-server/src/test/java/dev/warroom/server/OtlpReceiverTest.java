package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpReceiverTest {
  static final String LOGS =
      """
      {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
        "scopeLogs":[{"scope":{},"logRecords":[
          {"timeUnixNano":"1714565110000000000","severityNumber":17,"severityText":"ERROR",
           "body":{"stringValue":"upstream cart returned 500"},"traceId":"4BF92F3577B34DA6A3CE929D0E0E4736","spanId":"00F067AA0BA902B7"},
          {"timeUnixNano":"1714565111000000000","severityNumber":9,"body":{"stringValue":"retrying"}}]}]}]}
      """;
  static final String TRACES =
      """
      {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
        "scopeSpans":[{"scope":{},"spans":[
          {"traceId":"4BF92F3577B34DA6A3CE929D0E0E4736","spanId":"00F067AA0BA902B7","name":"GET /cart",
           "kind":3,"startTimeUnixNano":"1714565110000000000","endTimeUnixNano":"1714565110250000000",
           "status":{"code":2}}]}]}]}
      """;

  @TempDir Path dir;
  TestServer t;

  @BeforeEach
  void start() {
    t = new TestServer(dir);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private java.net.http.HttpResponse<String> post(String path, String body, String type) {
    return t.send(
        "POST", path, TestServer.RESPONDER, body.getBytes(), Map.of("Content-Type", type));
  }

  @Test
  void otlpJsonLogsAndTracesLandInTheTelemetryStore() {
    assertThat(post("/v1/logs", LOGS, "application/json").statusCode()).isEqualTo(200);
    assertThat(post("/v1/logs", LOGS, "application/json").statusCode()).isEqualTo(200);
    assertThat(post("/v1/traces", TRACES, "application/json").statusCode()).isEqualTo(200);

    // the second, identical batch is a collector's retry: acknowledged, not stored again
    assertThat(t.server.telemetrySummary().logRecords()).isEqualTo(2);
    assertThat(t.server.telemetrySummary().spans()).isEqualTo(1);
  }

  @Test
  void openTelemetrySdkExportersSendProtobufLogsAndSpans() {
    String base = "http://localhost:" + t.server.port();
    var resource =
        io.opentelemetry.sdk.resources.Resource.create(
            io.opentelemetry.api.common.Attributes.of(
                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "checkout"));
    var logExporter =
        io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter.builder()
            .setEndpoint(base + "/v1/logs")
            .addHeader("Authorization", "Bearer " + TestServer.RESPONDER)
            .build();
    var spanExporter =
        io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter.builder()
            .setEndpoint(base + "/v1/traces")
            .addHeader("Authorization", "Bearer " + TestServer.RESPONDER)
            .build();
    try (var logs =
            io.opentelemetry.sdk.logs.SdkLoggerProvider.builder()
                .setResource(resource)
                .addLogRecordProcessor(
                    io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor.create(logExporter))
                .build();
        var traces =
            io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(
                    io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(spanExporter))
                .build()) {
      var span = traces.get("test").spanBuilder("GET /cart").startSpan();
      for (int i = 0; i < 3; i++) {
        logs.get("test")
            .logRecordBuilder()
            .setTimestamp(java.time.Instant.parse("2026-01-01T10:00:0" + i + "Z"))
            .setSeverity(io.opentelemetry.api.logs.Severity.ERROR)
            .setBody("upstream cart returned 500")
            .setContext(io.opentelemetry.context.Context.root().with(span))
            .emit();
      }
      span.end();
      assertThat(logs.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
          .isTrue();
      assertThat(traces.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
          .isTrue();
      String traceId = span.getSpanContext().getTraceId();
      assertThat(t.server.telemetrySummary().logRecords()).isEqualTo(3);
      assertThat(t.server.telemetrySummary().spans()).isEqualTo(1);
      assertThat(t.server.telemetryTrace(traceId)).hasSize(1);
    }
  }

  @Test
  void openTelemetrySdkMetricExporterSendsCountersAndHistograms() {
    var exporter =
        io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter.builder()
            .setEndpoint("http://localhost:" + t.server.port() + "/v1/metrics")
            .addHeader("Authorization", "Bearer " + TestServer.RESPONDER)
            .build();
    var reader =
        io.opentelemetry.sdk.metrics.export.PeriodicMetricReader.builder(exporter)
            .setInterval(java.time.Duration.ofHours(1)) // exported by forceFlush only
            .build();
    try (var meters =
        io.opentelemetry.sdk.metrics.SdkMeterProvider.builder()
            .setResource(
                io.opentelemetry.sdk.resources.Resource.create(
                    io.opentelemetry.api.common.Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"),
                        "checkout")))
            .registerMetricReader(reader)
            .build()) {
      var meter = meters.get("test");
      var route =
          io.opentelemetry.api.common.Attributes.of(
              io.opentelemetry.api.common.AttributeKey.stringKey("route"), "/cart");
      meter.counterBuilder("http.requests").build().add(7, route);
      meter.histogramBuilder("http.duration").build().record(0.25, route);
      assertThat(meters.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
          .isTrue();
    }

    assertThat(t.server.telemetryMetricNames())
        .contains(
            "http.requests", "http.duration_count", "http.duration_sum", "http.duration_bucket");
    assertThat(t.server.telemetrySummary().series()).isGreaterThan(3);
  }

  @Test
  void wrongSignalMalformedRecordsAndProtobufAreRefused() {
    var wrong = post("/v1/traces", LOGS, "application/json");
    var bad =
        post("/v1/logs", LOGS.replace("\"1714565110000000000\"", "\"soon\""), "application/json");
    var proto = post("/v1/logs", LOGS, "text/plain");

    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("body#/resourceSpans");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("body#/resourceLogs/0");
    assertThat(proto.statusCode()).isEqualTo(415);
    assertThat(t.server.telemetrySummary().logRecords()).isZero();
    assertThat(t.send("POST", "/v1/logs", TestServer.VIEWER, LOGS).statusCode()).isEqualTo(403);
  }
}
