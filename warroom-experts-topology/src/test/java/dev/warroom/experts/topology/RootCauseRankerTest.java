package dev.warroom.experts.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RootCauseRankerTest {
  // frontend -> checkout -> payment -> db ; frontend -> catalog
  private static final Topology SHOP =
      new Topology(
          List.of(),
          List.of(),
          List.of(),
          List.of(
              new DependencyEdge("frontend", "checkout", "http", 0),
              new DependencyEdge("checkout", "payment", "grpc", 0),
              new DependencyEdge("payment", "db", "sql", 0),
              new DependencyEdge("frontend", "catalog", "http", 0)));

  private final RootCauseRanker ranker = RootCauseRanker.withDefaults();

  @Test
  void failingDependencyOutranksTheCallersThatShowItsSymptoms() {
    // The whole call chain is slow, the db the most downstream anomalous node.
    Map<String, Double> anomaly =
        Map.of("frontend", 4.0, "checkout", 4.5, "payment", 4.2, "db", 3.5, "catalog", 0.1);
    List<RankedComponent> ranking = ranker.rank(SHOP, anomaly, List.of());
    assertThat(ranking.get(0).component()).isEqualTo("db");
    assertThat(ranking.stream().mapToDouble(RankedComponent::score).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void normalDependencyDoesNotAbsorbBlameFromAnAnomalousCaller() {
    Map<String, Double> anomaly = Map.of("frontend", 3.0, "checkout", 5.0);
    List<RankedComponent> ranking = ranker.rank(SHOP, anomaly, List.of());
    assertThat(ranking.get(0).component()).isEqualTo("checkout");
  }

  @Test
  void directEvidenceRaisesAComponentWithoutMetricAnomaly() {
    Evidence ev = Evidence.of("ev-1", EvidenceKind.LOG, "logs", "OOMKilled x3", List.of("line"));
    Finding oom =
        new Finding(
            "events",
            "payment",
            "payment",
            FaultClass.MEMORY_EXHAUSTION,
            "OOMKilled",
            0.95,
            null,
            List.of(ev));
    Map<String, Double> anomaly = Map.of("frontend", 2.0, "checkout", 2.0);
    List<RankedComponent> ranking = ranker.rank(SHOP, anomaly, List.of(oom));
    assertThat(ranking.get(0).component()).isEqualTo("payment");
    assertThat(ranking.get(0).faultClass()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
    assertThat(ranking.get(0).evidenceIds()).containsExactly("ev-1");
    assertThat(ranking.get(0).toCandidate(1, FaultClass.NETWORK_LATENCY).evidenceIds())
        .containsExactly("ev-1");
  }

  @Test
  void componentWithOnlyMetricAnomaliesHasAnUnknownClassNotNone() {
    Map<String, Double> anomaly = Map.of("checkout", 2.0, "payment", 1.0, "db", 6.0);
    RankedComponent db = ranker.rank(SHOP, anomaly, List.of()).get(0);
    assertThat(db.component()).isEqualTo("db");
    assertThat(db.knownFaultClass()).isEmpty();
    assertThat(db.toCandidateIfClassKnown(1)).isEmpty();
    assertThat(db.toCandidate(1, FaultClass.SLOW_QUERY).faultClass())
        .isEqualTo(FaultClass.SLOW_QUERY);
    assertThatThrownBy(() -> db.toCandidate(1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whenUnknown");
  }

  @Test
  void weakerFindingThatNamesAClassWinsOverAStrongerSymptomWithoutOne() {
    Evidence chart = Evidence.of("ev-m", EvidenceKind.METRIC, "metrics", "p99 x8", List.of("x"));
    Evidence log = Evidence.of("ev-l", EvidenceKind.LOG, "logs", "lock wait", List.of("y"));
    Finding symptom =
        new Finding("metrics", "db", "db", null, "latency up", 0.99, null, List.of(chart));
    Finding cause =
        new Finding(
            "db", "db", "db", FaultClass.LOCK_CONTENTION, "lock waits", 0.6, null, List.of(log));
    RankedComponent db = ranker.rank(SHOP, Map.of(), List.of(symptom, cause)).get(0);
    assertThat(db.component()).isEqualTo("db");
    assertThat(db.knownFaultClass()).contains(FaultClass.LOCK_CONTENTION);
    assertThat(db.evidenceIds()).containsExactly("ev-m", "ev-l");
  }

  @Test
  void rankFromSymptomOnlyConsidersItsDependencies() {
    Map<String, Double> anomaly = Map.of("checkout", 1.0, "catalog", 9.0);
    List<RankedComponent> ranking = ranker.rankFromSymptom(SHOP, "checkout", anomaly, List.of());
    assertThat(ranking)
        .extracting(RankedComponent::component)
        .containsExactlyInAnyOrder("checkout", "payment", "db");
    assertThat(ranking.get(0).component()).isEqualTo("checkout");
  }

  @Test
  void rejectsUnknownSymptomAndNegativeScores() {
    assertThatThrownBy(() -> ranker.rankFromSymptom(SHOP, "nope", Map.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> ranker.rank(SHOP, Map.of("db", -1.0), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'db'");
  }
}
