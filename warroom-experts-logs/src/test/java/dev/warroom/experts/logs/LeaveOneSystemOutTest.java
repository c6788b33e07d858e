package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warroom.model.SharedDatasets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaveOneSystemOutTest {

  @Test
  void eachFoldChoosesWithoutEverScoringItsHeldOutSystem() {
    List<String> systems = List.of("A", "B", "C");
    List<MinerConfig> grid =
        List.of(
            new MinerConfig(0.7, true, true, 3, true), new MinerConfig(0.5, true, true, 3, true));
    List<String> asked = new ArrayList<>();
    // config 0.5 is best on A only; selection for fold A must not see A, so it picks 0.7
    LeaveOneSystemOut.Scorer scorer =
        (c, s) -> {
          asked.add(s);
          double ga = s.equals("A") == (c.similarityThreshold() == 0.5) ? 1.0 : 0.5;
          return new LogParseScore(s, 10, 1, 1, ga, ga);
        };
    for (String heldOut : systems) {
      asked.clear();
      List<String> training = systems.stream().filter(s -> !s.equals(heldOut)).toList();
      MinerConfig chosen = LeaveOneSystemOut.choose(training, grid, scorer);
      assertThat(asked).doesNotContain(heldOut).isNotEmpty();
      assertThat(chosen.similarityThreshold()).isEqualTo(heldOut.equals("A") ? 0.7 : 0.7);
    }
    LeaveOneSystemOut.Result r = LeaveOneSystemOut.run(systems, grid, scorer);
    assertThat(r.folds())
        .extracting(LeaveOneSystemOut.Fold::heldOut)
        .containsExactly("A", "B", "C");
    r.folds().forEach(f -> assertThat(f.training()).doesNotContain(f.heldOut()).hasSize(2));
    // held out A scores 0.5 with the choice made on B and C: the honest figure is below all-in
    assertThat(r.folds().get(0).score().groupAccuracy()).isEqualTo(0.5);
    assertThat(r.losoGroupAccuracy()).isEqualTo((0.5 + 1 + 1) / 3);
  }

  @Test
  void aLaterConfigurationMustBeatTheEarlierBestByTheMargin() {
    List<MinerConfig> grid =
        List.of(
            new MinerConfig(0.7, true, true, 3, true), new MinerConfig(0.6, true, true, 3, true));
    LeaveOneSystemOut.Scorer slightlyBetter =
        (c, s) -> new LogParseScore(s, 10, 1, 1, c.similarityThreshold() == 0.6 ? 0.9 : 0.896, 0.9);
    assertThat(LeaveOneSystemOut.choose(List.of("X"), grid, slightlyBetter).similarityThreshold())
        .isEqualTo(0.7);
    LeaveOneSystemOut.Scorer clearlyBetter =
        (c, s) -> new LogParseScore(s, 10, 1, 1, c.similarityThreshold() == 0.6 ? 0.95 : 0.9, 0.9);
    assertThat(LeaveOneSystemOut.choose(List.of("X"), grid, clearlyBetter).similarityThreshold())
        .isEqualTo(0.6);
  }

  @Test
  void losoOnTheEightLoghubDevSystemsMeetsTheTargetsAndTheDefaultIsTheAllInChoice()
      throws Exception {
    Optional<Path> data = SharedDatasets.find("loghub-2k");
    if (data.isEmpty() && SharedDatasets.inCi()) {
      fail("loghub-2k dataset missing under CI");
    }
    assumeTrue(data.isPresent(), "loghub-2k absent, skipping");
    LeaveOneSystemOut.Result r = LeaveOneSystemOut.evaluate(data.get(), MinerConfig.grid());
    assertThat(r.folds()).hasSize(8);
    Set<String> heldOut = new HashSet<>();
    r.folds().forEach(f -> heldOut.add(f.heldOut()));
    assertThat(heldOut).hasSize(8);
    // measured 0.989 / 0.868 (docs/experts-logs-events.md); targets of issue 13 are 0.95 / 0.80
    assertThat(r.losoGroupAccuracy()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.losoParsingAccuracy()).isGreaterThanOrEqualTo(0.80);
    assertThat(r.allInChoice()).isEqualTo(MinerConfig.defaults());
  }
}
