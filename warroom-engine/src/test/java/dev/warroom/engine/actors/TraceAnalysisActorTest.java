package dev.warroom.engine.actors;

import static dev.warroom.engine.actors.InvestigationFixture.START;
import static dev.warroom.engine.actors.InvestigationFixture.manifest;
import static dev.warroom.engine.actors.InvestigationFixture.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.Alert;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Evidence;
import dev.warroom.model.Finding;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Span;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import dev.warroom.model.Topology;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * trace_analysis over the embedded store: frontend -> checkout -> payment, where payment's own
 * latency grows from 40 to 240 ms at the incident window's start and, in the failing variant, a
 * third of payment's spans fail. The traces expert must blame payment, not the callers that wait
 * for it, and the error origins it counts must sit in payment.
 */
class TraceAnalysisActorTest {
  private static final Alert ALERT = InvestigationFixture.alert("HighLatency frontend", "frontend");
  private static final Topology TOPOLOGY =
      new Topology(
          List.of(
              new ServiceNode("frontend", ComponentKind.SERVICE, "go"),
              new ServiceNode("checkout", ComponentKind.SERVICE, "java"),
              new ServiceNode("payment", ComponentKind.SERVICE, "java")),
          List.of(),
          List.of(),
          List.of(
              new DependencyEdge("frontend", "checkout", "http", 60),
              new DependencyEdge("checkout", "payment", "grpc", 60)));

  /** The slow variant, ingested once: each test reads it through a fresh context. */
  private static DuckDbStore slow;

  @BeforeAll
  static void ingest() {
    slow = store(bundle(false));
  }

  @AfterAll
  static void close() {
    slow.close();
  }

  @Test
  void blamesTheServiceWhoseSelfTimeGrewFromTheRawSpans() {
    InvestigationContext ctx = context(slow);

    TraceAnalysisActor.Output out =
        new TraceAnalysisActor().run(new TraceAnalysisActor.Input(List.of()), ctx);

    assertThat(out.found()).isTrue();
    assertThat(out.slow_services()).containsExactly("payment");
    Finding f = ctx.findings().getFirst();
    assertThat(f.expert()).isEqualTo("trace_analysis");
    assertThat(f.service()).isEqualTo("payment");
    assertThat(f.faultClass()).isNull();
    assertThat(f.summary()).startsWith("payment: self time of 'Charge' up");
    Evidence ev = f.evidence().getFirst();
    // the query shown is the span query whose rows the expert analysed, and they back the rows
    assertThat(ev.query())
        .containsIgnoringCase("from spans")
        .doesNotContainIgnoringCase("quantile");
    assertThat(ev.rows()).hasSize(6);
    assertThat(ev.rows().get(1)).contains("payment Charge").endsWith(" ms");
    assertThat(ev.entities()).contains("payment", "Charge");
  }

  @Test
  void estimatesFromTheAggregatesWhenTheWindowsHoldTooManySpans() {
    InvestigationContext ctx = context(slow);

    TraceAnalysisActor.Output out =
        new TraceAnalysisActor(100).run(new TraceAnalysisActor.Input(List.of()), ctx);

    assertThat(out.slow_services()).containsExactly("payment");
    Finding f = ctx.findings().getFirst();
    assertThat(f.summary())
        .startsWith("payment: p95 ")
        .contains("added by the service itself, not its callees");
    Evidence ev = f.evidence().getFirst();
    // the query shown is the aggregation the expert's statistics came from
    assertThat(ev.query()).containsIgnoringCase("quantile");
    assertThat(ev.rows()).anyMatch(r -> r.startsWith("payment Charge: "));
  }

  @Test
  void filtersToTheRequestedServices() {
    InvestigationContext ctx = context(slow);

    var out = new TraceAnalysisActor().run(new TraceAnalysisActor.Input(List.of("checkout")), ctx);

    assertThat(out.found()).isFalse();
    assertThat(ctx.findings()).isEmpty();
  }

  @Test
  void countsErrorOriginsInTheDeepestFailingService() {
    try (DuckDbStore store = store(bundle(true))) {
      InvestigationContext ctx = context(store);

      SpanStats inc = RecentWindows.spans(ctx).incidentStats();

      assertThat(inc.of("payment").originErrors()).isGreaterThan(50);
      assertThat(inc.of("checkout").originErrors()).isZero();
      assertThat(inc.of("frontend").originErrors()).isZero();
      assertThat(inc.of("frontend").errors()).isEqualTo(inc.of("payment").errors());
      assertThat(inc.routeErrors()).containsOnlyKeys("frontend GET /checkout");
    }
  }

  private static InvestigationContext context(DuckDbStore store) {
    return InvestigationFixture.context(store, ALERT, Duration.ofMinutes(30), TOPOLOGY);
  }

  /** 30 minutes before the window and the window itself, a trace every 2 seconds. */
  private static IncidentBundle bundle(boolean failing) {
    Random rnd = new Random(7);
    List<Span> spans = new ArrayList<>();
    Instant from = START.minus(Duration.ofMinutes(30));
    for (int t = 0; t < 1800; t++) {
      Instant t0 = from.plusSeconds(2L * t);
      boolean incident = !t0.isBefore(START);
      long pay = (incident ? 240 : 40) + rnd.nextInt(10);
      boolean fail = failing && incident && t % 3 == 0;
      SpanStatus st = fail ? SpanStatus.ERROR : SpanStatus.OK;
      String tr = "tr" + t;
      long checkout = pay + 10 + rnd.nextInt(5);
      long frontend = checkout + 10 + rnd.nextInt(5);
      spans.add(span(tr, "a", null, "frontend", "GET /checkout", t0, frontend, st));
      spans.add(span(tr, "b", "a", "checkout", "PlaceOrder", t0.plusMillis(5), checkout, st));
      spans.add(span(tr, "c", "b", "payment", "Charge", t0.plusMillis(10), pay, st));
    }
    return new IncidentBundle(
        manifest("traces"), ALERT, List.of(), List.of(), spans, List.of(), TOPOLOGY, List.of());
  }

  private static Span span(
      String trace,
      String id,
      String parent,
      String svc,
      String op,
      Instant start,
      long ms,
      SpanStatus status) {
    return new Span(
        trace,
        id,
        parent,
        svc,
        op,
        SpanKind.SERVER,
        start,
        Duration.ofMillis(ms),
        status,
        Map.of(),
        List.of());
  }
}
