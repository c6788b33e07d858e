package dev.warroom.experts.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Span;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import dev.warroom.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregateLatencyAttributionTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private final TraceExpert expert = TraceExpert.withDefaults();

  /** frontend -> checkout -> payment, frontend -> catalog. */
  private static final Topology CHAIN =
      new Topology(
          List.of(),
          List.of(),
          List.of(),
          List.of(
              new DependencyEdge("frontend", "checkout", "http", 60),
              new DependencyEdge("checkout", "payment", "grpc", 60),
              new DependencyEdge("frontend", "catalog", "http", 60)));

  private static OperationStats op(String service, String op, long count, double p95) {
    return new OperationStats(new OperationKey(service, op), count, 0, p95);
  }

  private static List<OperationStats> baseline() {
    return List.of(
        op("frontend", "GET /checkout", 100, 120),
        op("checkout", "PlaceOrder", 100, 100),
        op("payment", "Charge", 100, 40),
        op("catalog", "List", 100, 20));
  }

  @Test
  void blamesTheDeepestServiceWhoseOwnLatencyGrewNotItsWaitingCallers() {
    // payment's p95 grows by 200 ms; checkout and frontend grow by the same 200 ms only because
    // they wait for it.
    List<OperationStats> incident =
        List.of(
            op("frontend", "GET /checkout", 100, 320),
            op("checkout", "PlaceOrder", 100, 300),
            op("payment", "Charge", 100, 240),
            op("catalog", "List", 100, 20));

    List<ServiceLatencyShift> shifts = expert.attributeLatency(baseline(), incident, CHAIN);

    assertThat(shifts).extracting(ServiceLatencyShift::service).containsExactly("payment");
    ServiceLatencyShift p = shifts.get(0);
    assertThat(p.addedMs()).isCloseTo(200, within(1e-9));
    assertThat(p.baselineP95Ms()).isEqualTo(40);
    assertThat(p.incidentP95Ms()).isEqualTo(240);
    assertThat(p.slowestCallee()).isNull();
    assertThat(p.baselineRequests()).isEqualTo(100);
  }

  @Test
  void keepsACallerThatAddsMostOfItsOwnGrowthAndNamesItsSlowestCallee() {
    // checkout grows by 300 ms, of which only 40 ms come from payment.
    List<OperationStats> incident =
        List.of(
            op("frontend", "GET /checkout", 100, 120),
            op("checkout", "PlaceOrder", 100, 400),
            op("payment", "Charge", 100, 80),
            op("catalog", "List", 100, 20));

    List<ServiceLatencyShift> shifts = expert.attributeLatency(baseline(), incident, CHAIN);

    assertThat(shifts)
        .extracting(ServiceLatencyShift::service)
        .containsExactly("checkout", "payment");
    ServiceLatencyShift c = shifts.get(0);
    assertThat(c.slowestCallee()).isEqualTo("payment");
    assertThat(c.calleeShiftMs()).isCloseTo(40, within(1e-9));
    assertThat(c.addedMs()).isCloseTo(260, within(1e-9));
    assertThat(c.growthMs()).isCloseTo(300, within(1e-9));
  }

  @Test
  void ignoresSmallGrowthThinBaselinesAndServicesAbsentFromTheBaseline() {
    List<OperationStats> base =
        List.of(
            op("frontend", "GET /checkout", 100, 120),
            op("checkout", "PlaceOrder", 19, 100),
            op("catalog", "List", 100, 2));
    List<OperationStats> incident =
        List.of(
            op("frontend", "GET /checkout", 100, 170), // up 1.42x: below the factor
            op("checkout", "PlaceOrder", 100, 900), // 19 baseline spans: too few
            op("payment", "Charge", 100, 900), // no baseline at all
            op("catalog", "List", 100, 6)); // 3x but only 4 ms

    assertThat(expert.attributeLatency(base, incident, CHAIN)).isEmpty();
  }

  @Test
  void rollsOperationsUpToTheServiceWeightingP95sByRequests() {
    List<OperationStats> ops =
        List.of(
            new OperationStats(new OperationKey("cart", "GET"), 300, 3, 10),
            new OperationStats(new OperationKey("cart", "POST"), 100, 5, 50),
            new OperationStats(new OperationKey("ad", "Get"), 0, 0, 0));

    Map<String, ServiceStats> s = ServiceStats.byService(ops);

    assertThat(s).containsOnlyKeys("ad", "cart");
    assertThat(s.get("cart").requests()).isEqualTo(400);
    assertThat(s.get("cart").errors()).isEqualTo(8);
    assertThat(s.get("cart").p95Ms()).isCloseTo(20, within(1e-9));
    assertThat(s.get("cart").errorRate()).isCloseTo(0.02, within(1e-12));
    assertThat(s.get("ad")).isEqualTo(ServiceStats.NONE);
  }

  @Test
  void countsErrorOriginsFromFailedSpansAloneAsFromWholeTraces() {
    List<Span> all = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      String tr = "t" + t;
      all.add(span(tr, "a", null, "frontend", "GET /pay", SpanStatus.ERROR));
      all.add(span(tr, "b", "a", "checkout", "PlaceOrder", SpanStatus.ERROR));
      // payment fails in the even traces; in the odd ones checkout fails on its own.
      all.add(
          span(tr, "c", "b", "payment", "Charge", t % 2 == 0 ? SpanStatus.ERROR : SpanStatus.OK));
      all.add(span(tr, "d", "c", "postgres", "INSERT", SpanStatus.OK));
    }
    List<Span> failed = all.stream().filter(Span::isError).toList();

    Map<OperationKey, Integer> fromAll = TraceExpert.errorOriginCounts(all);
    Map<OperationKey, Integer> fromFailed = TraceExpert.errorOriginCounts(failed);

    assertThat(fromFailed)
        .containsOnly(
            Map.entry(new OperationKey("payment", "Charge"), 3),
            Map.entry(new OperationKey("checkout", "PlaceOrder"), 3));
    assertThat(fromAll).isEqualTo(fromFailed);
  }

  @Test
  void rejectsInvalidStatisticsAndThresholds() {
    assertThatThrownBy(() -> new OperationStats(new OperationKey("a", "b"), 3, 4, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a b: errors 4 of 3");
    assertThatThrownBy(() -> new OperationStats(new OperationKey("a", "b"), 3, 0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p95Ms");
    assertThatThrownBy(() -> new AggregateLatencyAttribution(1.0, 5, 20, 0.3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("factor");
    assertThatThrownBy(() -> new AggregateLatencyAttribution(1.5, 5, 20, 1.3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minOwnShare");
  }

  private static Span span(
      String trace, String id, String parent, String svc, String op, SpanStatus status) {
    return new Span(
        trace,
        id,
        parent,
        svc,
        op,
        SpanKind.SERVER,
        T0,
        Duration.ofMillis(10),
        status,
        Map.of(),
        List.of());
  }
}
