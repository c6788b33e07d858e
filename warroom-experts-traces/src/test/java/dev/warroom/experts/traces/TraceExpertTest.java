package dev.warroom.experts.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class TraceExpertTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private final TraceExpert expert = TraceExpert.withDefaults();

  private static Span span(
      String trace,
      String id,
      String parent,
      String svc,
      String op,
      long startMs,
      long endMs,
      SpanStatus status) {
    return span(trace, id, parent, svc, op, startMs, endMs, status, List.of());
  }

  private static Span span(
      String trace,
      String id,
      String parent,
      String svc,
      String op,
      long startMs,
      long endMs,
      SpanStatus status,
      List<SpanEvent> events) {
    return new Span(
        trace,
        id,
        parent,
        svc,
        op,
        SpanKind.SERVER,
        T0.plusMillis(startMs),
        Duration.ofMillis(endMs - startMs),
        status,
        Map.of(),
        events);
  }

  private static List<Span> generate(long seed, SyntheticTraces.Fault fault, int spans) {
    var random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    return new SyntheticTraces(random, fault, T0).generate(spans);
  }

  @Test
  void locatesErrorOriginInDeepestFailingSpan() {
    SpanEvent ex =
        new SpanEvent(T0.plusMillis(40), "exception", Map.of("exception.type", "PSQLException"));
    List<Span> incident = new ArrayList<>();
    for (int t = 0; t < 10; t++) {
      String tr = "t" + t;
      incident.add(span(tr, "a", null, "frontend", "GET /pay", 0, 100, SpanStatus.ERROR));
      incident.add(span(tr, "b", "a", "checkout", "PlaceOrder", 5, 90, SpanStatus.ERROR));
      incident.add(span(tr, "c", "b", "payment", "Charge", 10, 80, SpanStatus.ERROR, List.of(ex)));
      incident.add(span(tr, "d", "c", "postgres", "INSERT", 20, 30, SpanStatus.OK));
    }
    TraceAnalysis a = expert.analyze(List.of(), incident);
    ErrorOrigin top = a.errorOrigins().get(0);
    assertThat(a.errorOrigins()).hasSize(1);
    assertThat(top.operation()).isEqualTo(new OperationKey("payment", "Charge"));
    assertThat(top.incidentTraces()).isEqualTo(10);
    assertThat(top.score()).isEqualTo(1.0);
    assertThat(top.exceptionTypes()).containsExactly("PSQLException");
    Finding f = a.findings().get(0);
    assertThat(f.service()).isEqualTo("payment");
    assertThat(f.faultClass()).isEqualTo(FaultClass.CODE_EXCEPTION);
    assertThat(f.onset()).isEqualTo(T0.plusMillis(10));
    assertThat(f.evidence().get(0).rows()).contains("t0/c");
  }

  @Test
  void baselineErrorsOfTheSameOperationLowerTheScore() {
    List<Span> baseline = new ArrayList<>();
    List<Span> incident = new ArrayList<>();
    for (int t = 0; t < 10; t++) {
      SpanStatus s = t < 5 ? SpanStatus.ERROR : SpanStatus.OK;
      baseline.add(span("b" + t, "a", null, "frontend", "GET /missing", 0, 10, s));
      incident.add(span("i" + t, "a", null, "frontend", "GET /missing", 0, 10, s));
    }
    TraceAnalysis a = expert.analyze(baseline, incident);
    assertThat(a.errorOrigins().get(0).score()).isZero();
    assertThat(a.findings()).isEmpty();
  }

  @Test
  void selfTimeExcludesTheUnionOfOverlappingChildren() {
    List<Span> trace =
        List.of(
            span("t", "p", null, "api", "handle", 0, 100, SpanStatus.OK),
            span("t", "x", "p", "db", "q1", 10, 50, SpanStatus.OK),
            span("t", "y", "p", "db", "q2", 30, 70, SpanStatus.OK));
    TraceIndex ix = new TraceIndex(trace);
    assertThat(ix.selfNanos[0]).isEqualTo(Duration.ofMillis(40).toNanos());
  }

  @Test
  void criticalPathSkipsAParallelChildThatFinishesEarlier() {
    List<Span> trace =
        List.of(
            span("t", "p", null, "api", "handle", 0, 100, SpanStatus.OK),
            span("t", "a", "p", "cache", "get", 10, 30, SpanStatus.OK),
            span("t", "b", "p", "search", "query", 10, 90, SpanStatus.OK));
    TraceAnalysis a = expert.analyze(List.of(), trace);
    Map<String, Double> byService = new java.util.HashMap<>();
    a.criticalPath().forEach(c -> byService.put(c.operation().service(), c.incidentMsPerTrace()));
    assertThat(byService.get("search")).isCloseTo(80.0, within(1e-6));
    assertThat(byService.get("api")).isCloseTo(20.0, within(1e-6));
    assertThat(byService.get("cache")).isCloseTo(0.0, within(1e-6));
  }

  @Test
  void attributesLatencyToTheSlowDependencyNotItsCallers() {
    List<Span> baseline = generate(1, null, 20_000);
    List<Span> incident = generate(2, new SyntheticTraces.Fault("payment", 40, 0), 20_000);
    TraceAnalysis a = expert.analyze(baseline, incident);
    SelfTimeShift top = a.latencyShifts().get(0);
    assertThat(top.operation()).isEqualTo(new OperationKey("payment", "Charge"));
    assertThat(top.shiftMsPerTrace()).isBetween(35.0, 45.0);
    assertThat(top.share()).isGreaterThan(0.8);
    assertThat(a.findings()).extracting(Finding::service).containsExactly("payment");
    assertThat(a.criticalPath().get(0).operation().service()).isEqualTo("payment");
  }

  @Test
  void reportsNothingWhenTheIncidentLooksLikeTheBaseline() {
    TraceAnalysis a = expert.analyze(generate(3, null, 10_000), generate(4, null, 10_000));
    assertThat(a.findings()).isEmpty();
    assertThat(a.errorOrigins()).isEmpty();
  }

  @Test
  void failingLeafServiceIsTheOriginOfPropagatedErrors() {
    List<Span> incident = generate(5, new SyntheticTraces.Fault("shipping", 0, 0.3), 20_000);
    TraceAnalysis a = expert.analyze(generate(6, null, 20_000), incident);
    assertThat(a.errorOrigins().get(0).operation().service()).isEqualTo("shipping");
    assertThat(a.errorOrigins()).hasSize(1);
    assertThat(a.errorOrigins().get(0).incidentRate()).isBetween(0.25, 0.35);
  }

  @Test
  void buildsTheServiceGraphWithCallsErrorsAndLatency() {
    List<Span> spans =
        List.of(
            span("t1", "a", null, "web", "GET /", 0, 50, SpanStatus.OK),
            span("t1", "b", "a", "api", "list", 5, 25, SpanStatus.OK),
            span("t1", "c", "b", "api", "serialize", 10, 12, SpanStatus.OK),
            span("t2", "a", null, "web", "GET /", 0, 50, SpanStatus.ERROR),
            span("t2", "b", "a", "api", "list", 5, 45, SpanStatus.ERROR),
            span("t3", "z", "gone", "api", "orphan", 0, 5, SpanStatus.OK));
    ServiceGraph g = TraceExpert.serviceGraph(spans);
    assertThat(g.services()).containsExactly("api", "web");
    assertThat(g.edges()).hasSize(1);
    ServiceEdge e = g.edges().get(0);
    assertThat(e.caller()).isEqualTo("web");
    assertThat(e.callee()).isEqualTo("api");
    assertThat(e.calls()).isEqualTo(2);
    assertThat(e.errorRate()).isEqualTo(0.5);
    assertThat(e.meanLatencyMs()).isCloseTo(30.0, within(1e-9));
    assertThat(e.p95LatencyMs()).isCloseTo(40.0, within(1e-9));
    assertThat(g.toTopology().calleesOf("web")).containsExactly("api");
  }

  @Test
  void flameSummaryFoldsIdenticalPathsAcrossTraces() {
    List<Span> spans = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      spans.add(span("t" + t, "a", null, "web", "GET /", 0, 10, SpanStatus.OK));
      spans.add(span("t" + t, "b", "a", "db", "select", 2, 8, SpanStatus.OK));
    }
    List<FlameFrame> flame = expert.analyze(List.of(), spans).flame();
    assertThat(flame.get(0).folded()).isEqualTo("web:GET /;db:select");
    assertThat(flame.get(0).selfMs()).isCloseTo(18.0, within(1e-9));
    assertThat(flame.get(0).spans()).isEqualTo(3);
    assertThat(flame.get(0).share()).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void latencyEntryPointsGiveWhatAnalyzeGivesWithoutTheRest() {
    List<Span> baseline = generate(3, null, 4000);
    List<Span> incident = generate(4, new SyntheticTraces.Fault("payment", 40, 0.0), 4000);

    TraceAnalysis full = expert.analyze(baseline, incident);
    List<SelfTimeShift> shifts = expert.latencyShifts(baseline, incident);
    List<Finding> findings = expert.latencyFindings(shifts);

    assertThat(shifts).isEqualTo(full.latencyShifts());
    assertThat(findings).isNotEmpty();
    assertThat(findings.get(0).service()).isEqualTo("payment");
    assertThat(full.findings()).containsAll(findings);
    assertThat(findings).allMatch(f -> f.faultClass() == null);
  }

  @Test
  void latencyFindingsWithAFloorDropShiftsWhoseTimePerCallBarelyGrew() {
    OperationKey pay = new OperationKey("payment", "Charge");
    OperationKey cart = new OperationKey("cart", "Get");
    List<SelfTimeShift> shifts =
        List.of(
            new SelfTimeShift(pay, "payment", 10, 250, 10, 250, 240, 0.6), // 25x, +240 ms a call
            new SelfTimeShift(cart, "cart", 20, 36, 20, 180, 160, 0.4)); // 1.8x a call, more calls

    assertThat(expert.latencyFindings(shifts))
        .extracting(Finding::service)
        .containsExactly("payment", "cart");
    assertThat(expert.latencyFindings(shifts, 2, 5))
        .extracting(Finding::service)
        .containsExactly("payment");
    assertThat(expert.latencyFindings(shifts, 2, 300)).isEmpty();
  }
}
