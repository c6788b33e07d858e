package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.engine.agents.QueryIntent;
import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.engine.agents.WithheldTelemetrySource;
import dev.warroom.engine.agents.WithheldTelemetrySource.Kind;
import dev.warroom.model.RcaReport;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WithheldDataTest {
  private static final dev.warroom.model.IncidentBundle BUNDLE = SyntheticIncident.build(true, 7);

  @Test
  void withheldKindsAnswerNothingAndCountAsMissing() {
    TelemetrySource full = TelemetrySource.inMemory(BUNDLE);
    assertThat(full.inventory().hasLogs()).isTrue();
    TelemetrySource src = WithheldTelemetrySource.of(full, EnumSet.of(Kind.LOGS, Kind.TRACES));
    var window = full.inventory().range();
    var logs = src.logs(new QueryIntent.Logs(List.of(), null, null, window), 10);
    assertThat(logs.rows()).isEmpty();
    assertThat(logs.nativeQuery()).contains("logs withheld");
    assertThat(src.spans(new QueryIntent.Spans(List.of(), false, window), 10).rows()).isEmpty();
    assertThat(src.earliestLog(window)).isEmpty();
    assertThat(src.inventory().hasLogs()).isFalse();
    assertThat(src.inventory().hasTraces()).isFalse();
    assertThat(src.inventory().metricSeries()).isEqualTo(full.inventory().metricSeries());
    assertThat(WithheldTelemetrySource.of(full, Set.of())).isSameAs(full);
  }

  @Test
  void theReportNamesWithheldDataAsMissing() {
    TelemetrySource src =
        WithheldTelemetrySource.of(
            TelemetrySource.inMemory(BUNDLE), EnumSet.of(Kind.METRICS, Kind.TRACES));
    RcaReport r =
        Director.standard().investigate(src, BUNDLE.alert(), null, "withheld", null).report();
    assertThat(r.missingData()).contains("metrics", "traces").doesNotContain("logs");
  }

  @Test
  void aQuietControlSeenThroughOnePillarIsInconclusiveNotNoFault() {
    var control = SyntheticIncident.build(false, 7);
    RcaReport full =
        Director.standard()
            .investigate(TelemetrySource.inMemory(control), control.alert(), null, "c", null)
            .report();
    assertThat(full.verdict()).isEqualTo(dev.warroom.model.Verdict.NO_FAULT);
    TelemetrySource logsOnly =
        WithheldTelemetrySource.of(
            TelemetrySource.inMemory(control), EnumSet.of(Kind.METRICS, Kind.TRACES));
    RcaReport r =
        Director.standard().investigate(logsOnly, control.alert(), null, "c", null).report();
    assertThat(r.verdict()).isEqualTo(dev.warroom.model.Verdict.INCONCLUSIVE);
    assertThat(r.summary()).contains("metrics", "traces", "cannot be ruled out");
  }

  @Test
  void unknownKindIsNamed() {
    assertThat(Kind.parseList(" logs, TRACES ")).containsExactlyInAnyOrder(Kind.LOGS, Kind.TRACES);
    assertThat(Kind.parseList("")).isEmpty();
    assertThatThrownBy(() -> Kind.parseList("logs,spans"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'spans'")
        .hasMessageContaining("metrics, logs, traces");
  }
}
