package dev.warroom.engine.actors;

import static dev.warroom.engine.actors.InvestigationFixture.START;
import static dev.warroom.engine.actors.InvestigationFixture.alert;
import static dev.warroom.engine.actors.InvestigationFixture.context;
import static dev.warroom.engine.actors.InvestigationFixture.manifest;
import static dev.warroom.engine.actors.InvestigationFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Topology;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * change_correlation over the embedded store: frontend -> checkout -> payment, inventory unrelated.
 * payment and inventory are deployed 2 minutes into the window; frontend's latency doubles 5
 * minutes into it (3 minutes after the deploys), and a weak unrelated gauge of frontend already
 * moved 1 minute into it; the alert fires at 12 minutes.
 */
class ChangeCorrelationActorTest {
  private static final Instant DEPLOYED = START.plus(Duration.ofMinutes(2));
  private static final Topology TOPOLOGY =
      new Topology(
          List.of(
              new ServiceNode("frontend", ComponentKind.SERVICE, "go"),
              new ServiceNode("checkout", ComponentKind.SERVICE, "java"),
              new ServiceNode("payment", ComponentKind.SERVICE, "java"),
              new ServiceNode("inventory", ComponentKind.SERVICE, "java")),
          List.of(),
          List.of(),
          List.of(
              new DependencyEdge("frontend", "checkout", "http", 60),
              new DependencyEdge("checkout", "payment", "grpc", 60)));

  @Test
  void scoresADependencysDeployAgainstTheFirstSymptomOnsetThatFollowsIt() {
    Map<String, Finding> byService = run("frontend", true);

    Finding payment = byService.get("payment");
    // 3 min before the latency onset (the gauge's earlier onset does not make it "after"): time
    // 1/(1 + 3/10), two hops down: place 0.8², deploy: kind 1
    assertThat(payment.score()).isCloseTo(0.64 / 1.3, within(1e-6));
    assertThat(payment.expert()).isEqualTo("change_correlation");
    assertThat(payment.faultClass()).isEqualTo(FaultClass.BAD_DEPLOY);
    assertThat(payment.onset()).isEqualTo(DEPLOYED);
    assertThat(payment.summary())
        .startsWith("change at " + DEPLOYED + ": ")
        .contains("3min before onset; on a dependency 2 hop(s) down");
    assertThat(payment.evidence().getFirst().summary()).isEqualTo(payment.summary());
    // the same deploy on an unrelated service explains little
    assertThat(byService.get("inventory").score()).isCloseTo(0.05 / 1.3, within(1e-6));
  }

  @Test
  void withAnAlertServiceAbsentFromTheDataRanksAgainstTheAnomalousServices() {
    Map<String, Finding> byService = run("ghost", true);

    assertThat(byService.get("payment").score()).isCloseTo(0.64 / 1.3, within(1e-6));
  }

  @Test
  void withoutAnySymptomaticServiceFallsBackToTheNeutralPlaceAndTheAlertStart() {
    Map<String, Finding> byService = run(null, false);

    // 10 min before the alert: time 0.5, neutral place 0.3, deploy 1
    assertThat(byService.get("payment").score()).isCloseTo(0.15, within(1e-6));
    assertThat(byService.get("inventory").score()).isCloseTo(0.15, within(1e-6));
    assertThat(byService.get("payment").summary()).contains("no symptomatic service");
  }

  private static Map<String, Finding> run(String alertService, boolean withMetrics) {
    try (DuckDbStore store = store(bundle(alertService, withMetrics))) {
      InvestigationContext ctx =
          context(store, alert("HighLatency", alertService), Duration.ofHours(1), TOPOLOGY);

      ChangeCorrelationActor.Output out =
          new ChangeCorrelationActor().run(new ChangeCorrelationActor.Input(List.of()), ctx);

      assertThat(out.found()).isTrue();
      assertThat(out.changed_services()).containsExactlyInAnyOrder("payment", "inventory");
      assertThat(ctx.findings()).hasSize(2);
      return ctx.findings().stream()
          .collect(java.util.stream.Collectors.toMap(Finding::service, f -> f));
    }
  }

  private static IncidentBundle bundle(String alertService, boolean withMetrics) {
    List<Event> events =
        List.of(
            new Deploy(DEPLOYED, "payment", "v2", "", "v1", null, Map.of()),
            new Deploy(DEPLOYED, "inventory", "v9", "", "v8", null, Map.of()));
    return new IncidentBundle(
        manifest("changes"),
        alert("HighLatency", alertService),
        withMetrics ? List.of(latency(), connections()) : List.of(),
        List.of(),
        List.of(),
        events,
        TOPOLOGY,
        List.of(),
        List.of());
  }

  /** frontend latency, one point a minute: 100 ms ± 1 for an hour, 200 ms from START + 5 min. */
  private static MetricSeries latency() {
    int n = 90;
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = START.minus(Duration.ofHours(1)).plus(Duration.ofMinutes(i)).toEpochMilli();
      vs[i] = (i >= 65 ? 200 : 100) + (i % 3) - 1;
    }
    return new MetricSeries(SeriesKey.of("latency_ms", "service", "frontend"), ts, vs);
  }

  /** A connection gauge of frontend that steps from 1 to 2 at START + 1 min. */
  private static MetricSeries connections() {
    int n = 90;
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = START.minus(Duration.ofHours(1)).plus(Duration.ofMinutes(i)).toEpochMilli();
      vs[i] = i >= 61 ? 2 : 1;
    }
    return new MetricSeries(
        SeriesKey.of("db_client_connections_usage", "service", "frontend"), ts, vs);
  }
}
