package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GymSuiteTest {
  @TempDir Path tmp;

  @Test
  void aSuiteIsBalancedAcrossFaultsTopologiesAndHasTenPercentControls() {
    List<GymSuite.Entry> plan = GymSuite.plan(1000, 1499, GymSuite.Options.defaults());
    assertThat(plan).hasSize(500);
    assertThat(plan.stream().filter(e -> e.scenario().isControl()).count()).isEqualTo(50);
    Map<FaultType, Long> byFault =
        plan.stream()
            .filter(e -> !e.scenario().isControl())
            .collect(Collectors.groupingBy(e -> e.scenario().fault(), Collectors.counting()));
    assertThat(byFault).hasSize(FaultType.values().length);
    assertThat(byFault.values().stream().mapToLong(Long::longValue).min().orElseThrow())
        .isGreaterThanOrEqualTo(5);
    assertThat(plan.stream().map(e -> e.scenario().system().name()).distinct())
        .containsExactlyInAnyOrder("bank", "shop", "market");
    assertThat(plan.stream().map(e -> e.scenario().difficulty()).distinct()).hasSize(3);
  }

  @Test
  void theScenarioOfASeedDoesNotDependOnTheRange() {
    GymSuite.Entry alone = GymSuite.plan(1234, 1234, GymSuite.Options.defaults()).get(0);
    GymSuite.Entry inRange = GymSuite.plan(1200, 1300, GymSuite.Options.defaults()).get(34);
    assertThat(alone).isEqualTo(inRange);
  }

  @Test
  void generateWritesEveryEpisodeAndAnIndex() throws Exception {
    GymSuite.Options o =
        new GymSuite.Options(
            List.of(SystemCatalog.get("bank")),
            null,
            Duration.ofMinutes(15),
            Duration.ofHours(6),
            10);
    List<GroundTruth> truths = GymSuite.generate(GymSuite.plan(7, 10, o), tmp, 2, id -> {});
    assertThat(truths).hasSize(4);
    assertThat(truths).filteredOn(GroundTruth::control).hasSize(1);
    for (GroundTruth t : truths) {
      assertThat(GroundTruth.read(tmp.resolve(t.episodeId()))).isEqualTo(t);
    }
    assertThat(Files.readString(tmp.resolve("suite.json"))).contains("\"episodes\" : 4");
  }
}
