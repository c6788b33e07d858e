package dev.warroom.engine.actors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.director.Director;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.LogRecord;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Severity;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gym null-dereference incident investigated end to end: the stack traces of the faulty service
 * are routed to the code expert (the route is in the evidence), the code expert names the failing
 * line of the truth, and error localisation reports the rising error category from the logs
 * expert's frequency shift.
 */
class CodeAnalysisActorTest {
  private static Episode episode;
  private static RcaReport report;

  @BeforeAll
  static void investigate() {
    episode =
        new Gym()
            .reset(
                11,
                Scenario.of(SystemCatalog.get("shop"), FaultType.NULL_DEREFERENCE)
                    .withWindow(Duration.ofMinutes(60), Duration.ofDays(1))
                    .withTracesPerMinute(20));
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(episode.bundle());
      report =
          Director.standard()
              .investigate(
                  new StoreTelemetrySource(store),
                  episode.alert(),
                  episode.bundle().manifest().window(),
                  episode.id(),
                  null)
              .report();
    }
  }

  @Test
  void routesTheFaultyServicesStackTracesToTheCodeExpert() {
    String service = episode.truth().rootCauseService();
    List<Evidence> routed =
        report.evidence().stream()
            .filter(e -> e.source().equals("code_analysis") && e.kind() == EvidenceKind.LOG)
            .filter(e -> e.summary().startsWith(service + ":"))
            .toList();
    assertThat(routed).as("routing evidence in %s", report.evidence()).isNotEmpty();
    assertThat(routed.getFirst().summary()).containsPattern("routed as stack_trace_\\w+ \\(");
    assertThat(routed.getFirst().summary()).contains("to code");
    // the rows the router saw came from the store's log query shown beside them
    assertThat(routed.getFirst().query()).isNotBlank();
  }

  @Test
  void theCodeExpertNamesTheFailingLineOfTheTruth() {
    String codeRef = episode.truth().codeRef();
    assertThat(codeRef).isNotBlank();
    assertThat(report.evidence())
        .anyMatch(
            e ->
                e.code() != null
                    && (e.code().path() + ":" + e.code().line()).endsWith(codeRef)
                    && e.kind() == EvidenceKind.CODE);
    // the failing line is what the report names as the faulty component
    assertThat(report.top().service()).isEqualTo(episode.truth().rootCauseService());
    assertThat(report.top().component()).endsWith(codeRef);
  }

  @Test
  void errorLocalisationReportsTheRisingCategoryOfTheFaultyService() {
    String service = episode.truth().rootCauseService();
    assertThat(report.evidence())
        .anyMatch(
            e ->
                e.source().equals("error_localization")
                    && e.summary().startsWith(service + ":")
                    && e.summary().contains("log lines of category"));
  }

  @Test
  void routesAFewDistinctBodiesAsOneSample() {
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    LogRecord a = new LogRecord(t, "cart", Severity.ERROR, "boom\n  at x", Map.of(), null, null);
    LogRecord b = new LogRecord(t, "cart", Severity.ERROR, "bang\n  at y", Map.of(), null, null);
    String sample = CodeAnalysisActor.sample(List.of(a, a, b, a, b, b));
    assertThat(sample).isEqualTo("boom\n  at x\nbang\n  at y");
  }
}
