package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.RcaReport;
import dev.warroom.model.RootCauseCandidate;
import dev.warroom.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RewardTest {
  static Episode fault;
  static Episode control;

  @BeforeAll
  static void episodes() {
    fault = Episodes.run("bank", FaultType.MEMORY_EXHAUSTION, 5);
    control = Episodes.run("bank", null, 9);
  }

  static RcaReport report(Verdict v, List<RootCauseCandidate> cands, List<Evidence> ev) {
    return new RcaReport(
        "inc-1", null, v, "", null, cands, List.of(), ev, List.of(), "", List.of(), null);
  }

  static List<Evidence> evidenceFor(GroundTruth t) {
    List<Evidence> out = new ArrayList<>();
    int i = 0;
    for (GroundTruth.ExpectedEvidence e : t.evidence()) {
      out.add(Evidence.of("e" + i++, e.kind(), "test", String.join(" ", e.mentions()), List.of()));
    }
    return out;
  }

  @Test
  void aPerfectReportScoresOne() {
    GroundTruth t = fault.truth();
    RootCauseCandidate c =
        new RootCauseCandidate(
            1, t.rootCauseService(), t.component(), t.faultClass(), t.onset(), 0.9, List.of());
    Reward r = fault.reward(report(Verdict.ROOT_CAUSE_FOUND, List.of(c), evidenceFor(t)));
    assertThat(r.top1()).isTrue();
    assertThat(r.faultClassMatch()).isTrue();
    assertThat(r.onsetErrorSeconds()).isZero();
    assertThat(r.evidenceRecall()).isEqualTo(1.0);
    assertThat(r.score()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theRightAnswerInSecondPlaceIsTopThreeOnly() {
    GroundTruth t = fault.truth();
    RootCauseCandidate wrong =
        new RootCauseCandidate(
            1, "frontend", null, FaultClass.CPU_SATURATION, null, 0.6, List.of());
    RootCauseCandidate right =
        new RootCauseCandidate(
            2,
            t.rootCauseService(),
            null,
            t.faultClass(),
            t.onset().plusSeconds(300),
            0.4,
            List.of());
    Reward r = fault.reward(report(Verdict.ROOT_CAUSE_FOUND, List.of(wrong, right), List.of()));
    assertThat(r.top1()).isFalse();
    assertThat(r.top3()).isTrue();
    assertThat(r.faultClassMatch()).isFalse();
    assertThat(r.evidenceRecall()).isZero();
    assertThat(r.score()).isEqualTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void evidenceMustMentionWhatTheTruthExpects() {
    GroundTruth t = fault.truth();
    List<Evidence> vague =
        List.of(
            Evidence.of(
                "e1", EvidenceKind.METRIC, "metrics", "memory looks high somewhere", List.of()));
    assertThat(Reward.recall(t, vague)).isZero();
    assertThat(Reward.recall(t, evidenceFor(t).subList(0, 1))).isEqualTo(1.0 / t.evidence().size());
  }

  @Test
  void blamingSomethingOnAControlEpisodeIsPenalised() {
    RootCauseCandidate c =
        new RootCauseCandidate(
            1, "frontend", null, FaultClass.CPU_SATURATION, null, 0.5, List.of());
    Reward blamed = control.reward(report(Verdict.ROOT_CAUSE_FOUND, List.of(c), List.of()));
    assertThat(blamed.blamedControl()).isTrue();
    assertThat(blamed.score()).isZero();
    Reward clean = control.reward(report(Verdict.NO_FAULT, List.of(), List.of()));
    assertThat(clean.blamedControl()).isFalse();
    assertThat(clean.faultClassMatch()).isTrue();
    assertThat(clean.score()).isEqualTo(1.0);
  }
}
