package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 #10: one gym seed gave byte-different bundles in two JVMs, because attribute objects
 * were written in map iteration order ({@code Map.of} iterates in a per-JVM order). The writer
 * sorts keys, so the order the map happens to have never reaches the file.
 */
class WriterKeyOrderTest {
  static Map<String, String> reversed() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("zone", "z1");
    m.put("http.status", "500");
    m.put("app", "cart");
    return m;
  }

  @Test
  void logAndSpanAttributesAreWrittenInKeyOrder() throws Exception {
    StringWriter logs = new StringWriter();
    BundleWriter.writeLogs(
        List.of(
            new LogRecord(
                Instant.parse("2026-01-01T10:00:00Z"),
                "cart",
                Severity.ERROR,
                "boom",
                reversed(),
                null,
                null)),
        logs);
    assertThat(logs.toString())
        .contains("{\"app\":\"cart\",\"http.status\":\"500\",\"zone\":\"z1\"}");

    StringWriter spans = new StringWriter();
    BundleWriter.writeSpans(
        List.of(
            new Span(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7",
                null,
                "cart",
                "GET /cart",
                SpanKind.SERVER,
                Instant.parse("2026-01-01T10:00:00Z"),
                Duration.ofMillis(5),
                SpanStatus.ERROR,
                reversed(),
                List.of())),
        spans);
    String s = spans.toString();
    assertThat(s.indexOf("\"app\"")).isLessThan(s.indexOf("\"http.status\""));
    assertThat(s.indexOf("\"http.status\"")).isLessThan(s.indexOf("\"zone\""));
    assertThat(ModelJson.attributesToJson(reversed()))
        .isEqualTo("{\"app\":\"cart\",\"http.status\":\"500\",\"zone\":\"z1\"}");
  }
}
