package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OtlpRequestsTest {
  static final Instant T0 = Instant.parse("2026-03-09T03:18:00.123456789Z");

  @Test
  void logsSurviveEncodingAndDecodingInBatches() {
    List<LogRecord> logs = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      logs.add(
          new LogRecord(
              T0.plusMillis(i),
              i % 2 == 0 ? "cart" : "checkout",
              Severity.values()[i % 6],
              "line " + i,
              Map.of("pod", "cart-" + i),
              i == 3 ? "8163573a6f71998c82b12bca3b4d43ec" : null,
              i == 3 ? "7854e2c5298f1907" : null));
    }

    var requests = OtlpRequests.logs(logs, 3);
    List<LogRecord> back = new ArrayList<>();
    requests.forEach(
        r -> back.addAll(OtlpProtobuf.decode(OtlpReceiver.Signal.LOGS, r.toByteArray()).logs()));

    assertThat(requests).hasSize(3);
    assertThat(back).containsExactlyInAnyOrderElementsOf(logs);
  }

  @Test
  void spansSurviveEncodingAndDecoding() {
    Span root =
        new Span(
            "8163573a6f71998c82b12bca3b4d43ec",
            "7854e2c5298f1907",
            null,
            "frontend",
            "GET /",
            SpanKind.SERVER,
            T0,
            Duration.ofNanos(35_583_912),
            SpanStatus.ERROR,
            Map.of("http.route", "/"),
            List.of(new SpanEvent(T0.plusMillis(1), "exception", Map.of("type", "IOError"))));
    Span child =
        new Span(
            root.traceId(),
            "00f067aa0ba902b7",
            root.spanId(),
            "cart",
            "GetCart",
            SpanKind.CLIENT,
            T0.plusMillis(2),
            Duration.ofMillis(3),
            SpanStatus.UNSET,
            Map.of(),
            List.of());

    var back =
        OtlpProtobuf.decode(
                OtlpReceiver.Signal.TRACES,
                OtlpRequests.spans(List.of(root, child), 100).getFirst().toByteArray())
            .spans();

    assertThat(back).containsExactly(root, child);
  }

  @Test
  void seriesKeepTheirKeysWithAndWithoutService() {
    MetricSeries cpu =
        new MetricSeries(
            SeriesKey.of("container_cpu_usage_seconds_total", "service", "cart", "pod", "cart-1"),
            new long[] {1000, 2000, 3000},
            new double[] {1, 2.5, 4});
    MetricSeries node =
        new MetricSeries(
            SeriesKey.of("kube_node_status_ready", "node", "ip-10-0-1-17"),
            new long[] {1000, 2000},
            new double[] {1, 0});

    var requests = OtlpRequests.metrics(List.of(cpu, node, cpu), 3);
    List<MetricSeries> back = new ArrayList<>();
    requests.forEach(
        r ->
            back.addAll(
                OtlpProtobuf.decode(OtlpReceiver.Signal.METRICS, r.toByteArray()).metrics()));

    // cpu fills the first request (3 points); node and the repeated cpu share the second
    assertThat(requests).hasSize(2);
    assertThat(Set.copyOf(back)).containsExactlyInAnyOrder(cpu, node);
  }
}
