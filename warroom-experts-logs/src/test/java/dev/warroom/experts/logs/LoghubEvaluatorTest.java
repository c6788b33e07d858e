package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warroom.model.SharedDatasets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoghubEvaluatorTest {

  @Test
  void groupAccuracyCountsOnlyGroupsThatMatchATrueGroupExactly() {
    int[] mined = {1, 1, 2, 3, 3};
    String[] truth = {"A", "A", "B", "B", "C"};
    // group 1 == {A}: 2 lines correct; group 2 is half of B; group 3 mixes B and C.
    assertThat(LoghubEvaluator.groupAccuracy(mined, truth)).isEqualTo(0.4);
  }

  @Test
  void parsingAccuracyNormalisesAdjacentVariablesLikeLoghub2() {
    assertThat(LoghubEvaluator.normalise("from <*>:<*> at <*> <*>.")).isEqualTo("from <*> at <*>.");
    String[] mined = {"Received <*>", "x <*>", "y"};
    String[] truth = {"Received <*>:<*>", "x <*> <*>", "z"};
    assertThat(LoghubEvaluator.parsingAccuracy(mined, truth)).isEqualTo(2.0 / 3);
  }

  @Test
  void minesTheEightLoghubSystemsAboveTheMeasuredFloorWithOneConfiguration() throws Exception {
    Optional<Path> data = SharedDatasets.find("loghub-2k");
    if (data.isEmpty() && SharedDatasets.inCi()) {
      fail("loghub-2k dataset missing under CI");
    }
    assumeTrue(data.isPresent(), "loghub-2k absent, skipping");
    LogParseReport report = LoghubEvaluator.evaluate(data.get(), MinerConfig.defaults());
    assertThat(report.systems()).hasSize(8);
    // measured 0.996 / 0.935 all-in (docs/experts-logs-events.md); floors leave room for no
    // regression.
    assertThat(report.averageGroupAccuracy()).isGreaterThanOrEqualTo(0.99);
    assertThat(report.averageParsingAccuracy()).isGreaterThanOrEqualTo(0.92);
    assertThat(report.systems())
        .allSatisfy(s -> assertThat(s.groupAccuracy()).isGreaterThanOrEqualTo(0.9));

    // from the raw logs with Loghub's per-system header formats: the same messages, same scores
    LogParseReport raw =
        LoghubEvaluator.evaluateRaw(data.get(), MinerConfig.defaults(), LogFormat.loghub());
    assertThat(raw.systems()).hasSize(8);
    assertThat(raw.averageGroupAccuracy()).isGreaterThanOrEqualTo(0.99);
    assertThat(raw.averageParsingAccuracy()).isGreaterThanOrEqualTo(0.92);
  }

  @Test
  void logFormatCutsHeaderAndNamesTheField() {
    LogFormat f = LogFormat.loghub().get("Zookeeper");
    String line =
        "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774]"
            + " - Notification time out: 3200";
    assertThat(f.content(line)).contains("Notification time out: 3200");
    assertThat(f.fields(line).orElseThrow())
        .containsEntry("Level", "INFO")
        .containsEntry("Id", "774");
    assertThat(f.content("garbage")).isEmpty();
  }
}
