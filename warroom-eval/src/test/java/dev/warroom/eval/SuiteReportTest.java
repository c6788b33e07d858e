package dev.warroom.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.model.FaultClass;
import dev.warroom.model.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuiteReportTest {
  private static EpisodeResult fault(
      String id, String topology, String difficulty, String predicted, double conf, long ingest) {
    boolean right = predicted.equals("db");
    return new EpisodeResult(
        id,
        false,
        "db",
        FaultClass.SLOW_QUERY,
        Verdict.ROOT_CAUSE_FOUND,
        predicted,
        FaultClass.SLOW_QUERY,
        conf,
        right,
        true,
        right,
        10,
        false,
        100,
        "",
        topology,
        difficulty,
        List.of(
            new EpisodeResult.Prediction(predicted, FaultClass.SLOW_QUERY, conf),
            new EpisodeResult.Prediction("db", FaultClass.SLOW_QUERY, conf / 2)),
        Map.of("ingest", ingest));
  }

  private static EpisodeResult control(String id, String topology, boolean blamed) {
    return new EpisodeResult(
        id,
        true,
        null,
        null,
        blamed ? Verdict.ROOT_CAUSE_FOUND : Verdict.NO_FAULT,
        blamed ? "web" : null,
        blamed ? FaultClass.CPU_SATURATION : null,
        blamed ? 0.7 : 0,
        false,
        false,
        !blamed,
        Double.NaN,
        blamed,
        50,
        "",
        topology,
        "control",
        blamed
            ? List.of(new EpisodeResult.Prediction("web", FaultClass.CPU_SATURATION, 0.7))
            : List.of(),
        Map.of("ingest", 5L));
  }

  private final SuiteReport report =
      SuiteReport.of(
          List.of(
              fault("shop-1", "shop", "easy", "db", 0.9, 10),
              fault("shop-2", "shop", "hard", "web", 0.6, 30),
              fault("bank-1", "bank", "hard", "db", 0.8, 20),
              control("bank-c", "bank", true),
              control("shop-c", "shop", false)));

  @Test
  void breaksAccuracyDownByTopologyAndDifficulty() {
    assertThat(report.byTopology()).containsOnlyKeys("bank", "shop");
    assertThat(report.byTopology().get("shop").top1()).isEqualTo(0.5);
    assertThat(report.byTopology().get("shop").falseBlameRate()).isZero();
    assertThat(report.byTopology().get("bank").top1()).isEqualTo(1.0);
    assertThat(report.byTopology().get("bank").falseBlameRate()).isEqualTo(1.0);
    assertThat(report.byDifficulty().get("hard").top1()).isEqualTo(0.5);
    assertThat(report.byDifficulty().get("easy").episodes()).isEqualTo(1);
    assertThat(report.byDifficulty().get("control").faultEpisodes()).isZero();
  }

  @Test
  void listsMissedFaultsAndBlamedControls() {
    assertThat(report.missed())
        .extracting(EpisodeResult::episode)
        .containsExactly("shop-2", "bank-c");
    assertThat(report.missed().get(0).ranked().get(0).service()).isEqualTo("web");
  }

  @Test
  void scoresCalibrationOnReportsThatNamedACandidate() {
    // Named: 0.9 right, 0.6 wrong, 0.8 right, 0.7 on a control (always wrong).
    assertThat(report.calibration().pairs()).isEqualTo(4);
    assertThat(report.calibration().brier())
        .isCloseTo((0.01 + 0.36 + 0.04 + 0.49) / 4, within(1e-12));
  }

  @Test
  void profilesPhasesWithMedianAndP95() {
    SuiteReport.PhaseStat ingest = report.phaseProfile().get("ingest");
    assertThat(ingest.median()).isEqualTo(10);
    assertThat(ingest.p95()).isEqualTo(30);
    assertThat(ingest.mean()).isCloseTo(14, within(1e-9));
  }

  @Test
  void turnsCalibrationPairsFromRankedCandidates() {
    List<CalibrationFitter.Pair> pairs = CalibrationFitter.pairs(report.episodes());
    assertThat(pairs).hasSize(4);
    assertThat(pairs.get(0).margin()).isCloseTo(0.45, within(1e-12));
    assertThat(pairs.get(3).correct()).isFalse();
  }
}
