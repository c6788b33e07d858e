package dev.warroom.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.FaultClass;
import dev.warroom.model.Impact;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Remediation;
import dev.warroom.model.RootCauseCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NarrativeCheckTest {
  private static RcaReport withSummary(RcaReport r, String summary) {
    return new RcaReport(
        r.incidentId(),
        r.alert(),
        r.verdict(),
        summary,
        r.impact(),
        r.candidates(),
        r.hypotheses(),
        r.evidence(),
        r.remediation(),
        r.runbook(),
        r.missingData(),
        r.timingsMillis());
  }

  @Test
  void aReportThatOnlyRepeatsItsEvidenceHasNoUnsupportedEntity() {
    assertThat(NarrativeCheck.unsupportedEntities(SampleReports.poolExhaustion())).isEmpty();
    assertThat(NarrativeCheck.unsupportedEntities(SampleReports.noFault())).isEmpty();
  }

  @Test
  void flagsHostsMetricsAndQueriesTheEvidenceNeverMentions() {
    RcaReport r =
        withSummary(
            SampleReports.poolExhaustion(),
            "payments-7d9f on node db-7 saturated disk_io_time; see `SELECT * FROM locks` (E1).");

    assertThat(NarrativeCheck.unsupportedEntities(r))
        .containsExactly("SELECT * FROM locks", "db-7", "disk_io_time");
  }

  @Test
  void numbersMustAppearInTheEvidenceAtTheStatedPrecision() {
    RcaReport r =
        withSummary(
            SampleReports.poolExhaustion(),
            "412 errors; waiting rose to 49 (9.1 times baseline), 28% CPU; 73% of users and 500 errors.");

    // 412, 49 and 9.1 are in E1/E2 summaries; 28% matches the 0.28 row of E5; 73 and 500 are not.
    assertThat(NarrativeCheck.unsupportedEntities(r)).containsExactly("73%", "500");
  }

  @Test
  void structuredNamesInCandidatesImpactAndRemediationAreChecked() {
    RcaReport base = SampleReports.poolExhaustion();
    RcaReport r =
        new RcaReport(
            base.incidentId(),
            base.alert(),
            base.verdict(),
            base.summary(),
            new Impact("", List.of("checkout", "inventory"), List.of(), List.of()),
            List.of(
                new RootCauseCandidate(
                    1,
                    "payments",
                    "payments-db-0",
                    FaultClass.SLOW_QUERY,
                    null,
                    0.5,
                    List.of("E1"))),
            base.hypotheses(),
            base.evidence(),
            List.of(
                new Remediation(
                    Remediation.Phase.FIX, "Scale checkout-v2 to 3 replicas", List.of())),
            base.runbook(),
            base.missingData(),
            base.timingsMillis());

    assertThat(NarrativeCheck.check(r))
        .extracting(f -> f.field() + "=" + f.entity())
        .containsExactly(
            "impact.affectedServices=inventory",
            "candidates[1].component=payments-db-0",
            "remediation[0]=checkout-v2",
            "remediation[0]=3");
  }

  @Test
  void evidenceIdsAndAbbreviationsAreNotEntities() {
    RcaReport r = withSummary(SampleReports.poolExhaustion(), "See E1, E2 and E4, e.g. the pool.");

    assertThat(NarrativeCheck.unsupportedEntities(r)).isEmpty();
  }
}
