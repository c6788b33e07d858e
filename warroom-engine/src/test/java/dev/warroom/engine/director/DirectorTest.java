package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.model.FaultClass;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Verdict;
import org.junit.jupiter.api.Test;

class DirectorTest {

  private static RcaReport investigate(boolean fault) {
    var bundle = SyntheticIncident.build(fault, 7);
    return Director.standard()
        .investigate(TelemetrySource.inMemory(bundle), bundle.alert(), null, "synthetic", null)
        .report();
  }

  @Test
  void blamesTheOomKilledDependencyNotTheAlertingService() {
    RcaReport r = investigate(true);
    assertThat(r.verdict()).isEqualTo(Verdict.ROOT_CAUSE_FOUND);
    assertThat(r.top().service()).isEqualTo("checkout");
    assertThat(r.top().faultClass()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
  }

  @Test
  void investigatesLogsOnlyAndNamesTheMissingData() {
    var full = SyntheticIncident.build(true, 7);
    var logsOnly =
        new dev.warroom.model.IncidentBundle(
            full.manifest(),
            full.alert(),
            java.util.List.of(),
            full.logs(),
            java.util.List.of(),
            java.util.List.of(),
            null,
            java.util.List.of());
    RcaReport r =
        Director.standard()
            .investigate(
                TelemetrySource.inMemory(logsOnly), logsOnly.alert(), null, "logs-only", null)
            .report();
    assertThat(r.missingData()).contains("metrics", "traces", "events");
    // The learned fusion was fitted on full bundles: on logs alone it names the same cause and
    // class but may hold back its confidence (inconclusive), never "no fault".
    assertThat(r.verdict()).isIn(Verdict.ROOT_CAUSE_FOUND, Verdict.INCONCLUSIVE);
    assertThat(r.top().service()).isEqualTo("checkout");
    assertThat(r.top().faultClass()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
  }

  @Test
  void isInconclusiveNotNoFaultWhenTheBundleHoldsNoTelemetry() {
    var full = SyntheticIncident.build(true, 7);
    var alertOnly =
        new dev.warroom.model.IncidentBundle(
            full.manifest(),
            full.alert(),
            java.util.List.of(),
            java.util.List.of(),
            java.util.List.of(),
            java.util.List.of(),
            null,
            java.util.List.of());
    RcaReport r =
        Director.standard()
            .investigate(
                TelemetrySource.inMemory(alertOnly), alertOnly.alert(), null, "empty", null)
            .report();
    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.candidates()).isEmpty();
    assertThat(r.missingData()).contains("metrics", "logs", "traces", "events");
    assertThat(r.summary()).contains("nothing could be checked");
  }

  @Test
  void investigatesTheWholeSystemWhenTheAlertNamesAnAbsentService() {
    var full = SyntheticIncident.build(true, 7);
    var a = full.alert();
    var alert =
        new dev.warroom.model.Alert(
            a.fingerprint(),
            a.source(),
            a.status(),
            a.title(),
            a.signal(),
            "no-such-service",
            a.severity(),
            a.labels(),
            a.annotations(),
            a.startsAt(),
            a.endsAt());
    RcaReport r =
        Director.standard()
            .investigate(TelemetrySource.inMemory(full), alert, null, "absent", null)
            .report();
    assertThat(r.top().service()).isEqualTo("checkout");
  }

  @Test
  void findsNoRootCauseInAControl() {
    RcaReport r = investigate(false);
    assertThat(r.verdict()).isEqualTo(Verdict.NO_FAULT);
    assertThat(r.candidates()).isEmpty();
  }
}
