package dev.warroom.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void seriesKeySortsLabelsAndPrintsAsSelector() {
    SeriesKey k = SeriesKey.of("http_requests_total", Map.of("service", "cart", "code", "500"));
    assertThat(k.toString()).isEqualTo("http_requests_total{code=\"500\",service=\"cart\"}");
    assertThat(k).isEqualTo(SeriesKey.of("http_requests_total", "code", "500", "service", "cart"));
    assertThat(k.service()).isEqualTo("cart");
  }

  @Test
  void seriesKeyEscapesQuotesInValues() {
    assertThat(SeriesKey.of("m", "path", "a\"b").toString()).isEqualTo("m{path=\"a\\\"b\"}");
  }

  @Test
  void rejectsInvalidMetricName() {
    assertThatThrownBy(() -> SeriesKey.of("1bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid metric name: '1bad'");
  }

  @Test
  void rejectsSeriesWithUnorderedTimestamps() {
    SeriesKey k = SeriesKey.of("m");
    assertThatThrownBy(() -> new MetricSeries(k, new long[] {2, 1}, new double[] {1, 2}))
        .hasMessageContaining("not strictly increasing at index 1");
    assertThatThrownBy(() -> new MetricSeries(k, new long[] {1}, new double[] {1, 2}))
        .hasMessageContaining("differ in length");
  }

  @Test
  void metricSeriesCopiesItsArrays() {
    long[] ts = {1, 2};
    double[] vs = {5, 6};
    MetricSeries s = new MetricSeries(SeriesKey.of("m"), ts, vs);
    vs[0] = 99;
    assertThat(s.valueAt(0)).isEqualTo(5);
    assertThat(s)
        .isEqualTo(new MetricSeries(SeriesKey.of("m"), new long[] {1, 2}, new double[] {5, 6}));
  }

  @Test
  void rejectsSpanWithNegativeDuration() {
    assertThatThrownBy(
            () ->
                new Span(
                    "t",
                    "s",
                    null,
                    "svc",
                    "op",
                    SpanKind.SERVER,
                    T0,
                    Duration.ofMillis(-1),
                    SpanStatus.OK,
                    Map.of(),
                    List.of()))
        .hasMessageContaining("negative duration");
  }

  @Test
  void parsesSeverityAliases() {
    assertThat(Severity.parse("warning")).isEqualTo(Severity.WARN);
    assertThat(Severity.parse("CRITICAL")).isEqualTo(Severity.FATAL);
    assertThat(Severity.fromOtelNumber(17)).isEqualTo(Severity.ERROR);
    assertThatThrownBy(() -> Severity.parse("loud")).hasMessage("unknown severity: 'loud'");
  }

  @Test
  void rejectsWindowThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> new TimeWindow(T0, T0.minusSeconds(1)))
        .hasMessageContaining("end < start");
    assertThat(TimeWindow.of(T0, Duration.ofMinutes(5)).contains(T0.plusSeconds(299))).isTrue();
    assertThat(TimeWindow.of(T0, Duration.ofMinutes(5)).contains(T0.plusSeconds(300))).isFalse();
  }

  @Test
  void faultClassRoundTripsItsId() {
    for (FaultClass f : FaultClass.values()) {
      assertThat(FaultClass.parse(f.id())).isEqualTo(f);
    }
    assertThat(FaultClass.MEMORY_EXHAUSTION.level()).isEqualTo(FaultLevel.INFRASTRUCTURE);
    assertThatThrownBy(() -> FaultClass.parse("gremlins"))
        .hasMessage("unknown fault class: 'gremlins'");
  }

  @Test
  void reportWithRootCauseNeedsACandidate() {
    Alert a =
        new Alert(
            "fp",
            AlertSource.GENERIC,
            AlertStatus.FIRING,
            "t",
            "latency",
            "cart",
            null,
            Map.of(),
            Map.of(),
            T0,
            null);
    assertThatThrownBy(
            () ->
                new RcaReport(
                    "i",
                    a,
                    Verdict.ROOT_CAUSE_FOUND,
                    "",
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    "",
                    List.of(),
                    Map.of()))
        .hasMessageContaining("without candidates");
  }

  @Test
  void topologyAnswersCallersAndCallees() {
    Topology t =
        new Topology(
            List.of(
                new ServiceNode("a", ComponentKind.SERVICE, "java"),
                new ServiceNode("b", ComponentKind.DATABASE, "")),
            List.of(new Instance("a-1", "a", "node-1")),
            List.of(new Host("node-1", Map.of("arch", "arm64"))),
            List.of(new DependencyEdge("a", "b", "sql", 60)));
    assertThat(t.calleesOf("a")).containsExactly("b");
    assertThat(t.callersOf("b")).containsExactly("a");
    assertThat(t.instancesOn("node-1")).extracting(Instance::name).containsExactly("a-1");
  }
}
