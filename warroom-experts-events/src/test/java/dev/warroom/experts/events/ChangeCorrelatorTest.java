package dev.warroom.experts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.ComponentKind;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.FaultClass;
import dev.warroom.model.FeatureFlagChange;
import dev.warroom.model.Finding;
import dev.warroom.model.Scaling;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Topology;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeCorrelatorTest {
  private static final Instant ONSET = Instant.parse("2026-01-10T12:00:00Z");

  // frontend -> checkout -> payment -> db ; inventory unrelated
  private static final Topology SHOP =
      new Topology(
          List.of(svc("frontend"), svc("checkout"), svc("payment"), svc("db"), svc("inventory")),
          List.of(),
          List.of(),
          List.of(
              new DependencyEdge("frontend", "checkout", "http", 0),
              new DependencyEdge("checkout", "payment", "grpc", 0),
              new DependencyEdge("payment", "db", "sql", 0)));

  static ServiceNode svc(String name) {
    return new ServiceNode(name, ComponentKind.SERVICE, "java");
  }

  static Deploy deploy(String service, int minutesBeforeOnset) {
    return new Deploy(
        ONSET.minusSeconds(60L * minutesBeforeOnset), service, "v2", "", "v1", null, Map.of());
  }

  @Test
  void dependencyDeployJustBeforeOnsetOutranksLaterAndUnrelatedChanges() {
    Event payment = deploy("payment", 3);
    Event inventory = deploy("inventory", 2);
    Event afterOnset = deploy("checkout", -20);
    Event frontendFlag =
        new FeatureFlagChange(ONSET.minusSeconds(240), "frontend", "new-ui", true, null, null);
    Event oldConfig =
        new ConfigChange(ONSET.minusSeconds(6 * 3600), "checkout", "pool", "10", "5", null, null);
    List<RankedChange> ranked =
        ChangeCorrelator.rank(
            List.of(inventory, afterOnset, frontendFlag, oldConfig, payment),
            "checkout",
            ONSET,
            SHOP);
    assertThat(ranked.get(0).change()).isEqualTo(payment);
    assertThat(ranked.get(0).relation()).isEqualTo(RankedChange.Relation.DEPENDENCY);
    assertThat(ranked.get(0).hops()).isEqualTo(1);
    assertThat(ranked.get(0).score()).isGreaterThan(0.5);
    assertThat(ranked.get(1).change()).isEqualTo(frontendFlag);
    assertThat(ranked)
        .filteredOn(r -> r.change() == inventory || r.change() == afterOnset)
        .allSatisfy(r -> assertThat(r.score()).isLessThan(0.1));
  }

  @Test
  void closerDependencyAndScaleDownRankAboveFartherAndScaleUp() {
    Event db = deploy("db", 3);
    Event payment = deploy("payment", 3);
    assertThat(ChangeCorrelator.rank(List.of(db, payment), "checkout", ONSET, SHOP).get(0).change())
        .isEqualTo(payment);
    Event down = new Scaling(ONSET.minusSeconds(120), "payment", 4, 1, null, null);
    Event up = new Scaling(ONSET.minusSeconds(120), "payment", 1, 4, null, null);
    assertThat(ChangeCorrelator.rank(List.of(up, down), "checkout", ONSET, SHOP).get(0).change())
        .isEqualTo(down);
  }

  @Test
  void expertReportsKubernetesFaultsAndSuspectChanges() {
    var oom =
        new dev.warroom.model.KubernetesEvent(
            "OOMKilled",
            "Warning",
            new dev.warroom.model.ObjectRef("Pod", "payment-5f-x", "shop"),
            4,
            ONSET.minusSeconds(30),
            ONSET.plusSeconds(90),
            "Container payment was OOMKilled",
            "payment",
            "node-2");
    List<Finding> findings =
        EventExpert.analyze(
            List.of(oom, deploy("payment", 5), deploy("inventory", 600)),
            "checkout",
            ONSET,
            SHOP,
            0.2);
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).faultClass()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
    assertThat(findings.get(0).component()).isEqualTo("payment-5f-x");
    assertThat(findings.get(1).summary()).contains("deploy payment");
    assertThat(findings).allSatisfy(f -> assertThat(f.evidence()).isNotEmpty());
  }

  @Test
  void rejectsBlankSymptomService() {
    assertThatThrownBy(() -> ChangeCorrelator.rank(List.of(), " ", ONSET, SHOP))
        .hasMessageContaining("symptom service");
  }

  @Test
  void withoutASymptomServiceRanksByTimeAndKindWithTheNeutralPlaceScore() {
    Event deploy = deploy("payment", 10);
    Event scaleUp = new Scaling(ONSET.minusSeconds(120), "inventory", 2, 4, null, Map.of());
    Event after = deploy("checkout", -20);
    List<RankedChange> ranked =
        ChangeCorrelator.rankWithoutPlace(List.of(after, scaleUp, deploy), ONSET);

    // deploy: time 1/(1+10/10) = 0.5, kind 1; scale-up: time 1/(1+0.2) = 0.833, kind 0.4;
    // 20 min after onset: time 0.02
    assertThat(ranked).extracting(RankedChange::change).containsExactly(deploy, scaleUp, after);
    assertThat(ranked.get(0).score())
        .isEqualTo(0.5 * 0.3 * 1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ranked.get(1).score())
        .isEqualTo(0.3 * 0.4 / 1.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ranked)
        .allSatisfy(
            r -> {
              assertThat(r.relation()).isEqualTo(RankedChange.Relation.UNKNOWN);
              assertThat(r.reason()).contains("no symptomatic service", "place 0.30");
            });
    assertThat(ranked.get(0).reason()).startsWith("10min before onset");
  }
}
