package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 #6: the OTLP/HTTP receiver per the OTLP spec. */
class OtlpSpecTest {
  static final String TRACE_ID = "5bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACES =
      """
      {"resourceSpans":[{"resource":{"attributes":[
          {"key":"k8s.pod.name","value":{"stringValue":"checkout-7d9f"}},
          {"key":"service.version","value":{"stringValue":"1.4.2"}},
          {"key":"host.name","value":{"stringValue":"node-3"}}]},
        "scopeSpans":[{"scope":{},"spans":[
          {"traceId":"%s","spanId":"00f067aa0ba902b7","name":"GET /cart",
           "kind":2,"startTimeUnixNano":"1714565110000000000","endTimeUnixNano":"1714565110250000000",
           "attributes":[{"key":"host.name","value":{"stringValue":"span-own-host"}}],
           "status":{"code":2}}]}]}]}
      """
          .formatted(TRACE_ID);

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

  private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
    Map<String, String> h = new HashMap<>(headers);
    h.putIfAbsent("Content-Type", "application/json");
    return t.send("POST", path, TestServer.RESPONDER, body, h);
  }

  static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void gzipBodiesAreAcceptedAndResourceAttributesKeptWithUnknownServiceDefault() throws Exception {
    var r = post("/v1/traces", gzip(TRACES), Map.of("Content-Encoding", "gzip"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Span s = t.server.telemetryTrace(TRACE_ID).getFirst();
    assertThat(s.service()).isEqualTo("unknown_service");
    assertThat(s.attributes())
        .containsEntry("k8s.pod.name", "checkout-7d9f")
        .containsEntry("service.version", "1.4.2")
        .containsEntry("host.name", "span-own-host");
  }

  @Test
  void malformedShapesAndTheWrongSignalAre400NamingTheField() {
    var gauge =
        post(
            "/v1/metrics",
            """
            {"resourceMetrics":[{"resource":{},"scopeMetrics":[{"metrics":[
              {"name":"cpu","gauge":{"dataPoints":"x"}}]}]}]}
            """
                .getBytes(StandardCharsets.UTF_8),
            Map.of());
    assertThat(gauge.statusCode()).isEqualTo(400);
    assertThat(t.parse(gauge.body()).path("detail").asText())
        .contains("resourceMetrics/0/scopeMetrics/0/metrics/0/gauge/dataPoints: expected an array");

    var wrong = post("/v1/logs", TRACES.getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("resourceSpans").contains("/v1/traces");

    // "resourceLogs" inside a string value does not make a traces body a logs one
    String sneaky = TRACES.replace("GET /cart", "resourceLogs");
    assertThat(post("/v1/logs", sneaky.getBytes(StandardCharsets.UTF_8), Map.of()).statusCode())
        .isEqualTo(400);

    var notGzip = post("/v1/traces", "plain".getBytes(), Map.of("Content-Encoding", "gzip"));
    assertThat(notGzip.statusCode()).isEqualTo(400);
    assertThat(notGzip.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }
}
