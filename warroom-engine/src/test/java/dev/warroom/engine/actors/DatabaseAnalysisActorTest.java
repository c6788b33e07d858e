package dev.warroom.engine.actors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.agents.Budget;
import dev.warroom.engine.agents.DialectProfile;
import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.agents.TelemetryAgent;
import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.Incident;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * database_analysis on a bundle without database statistics: the statements named by slow-query log
 * lines are routed, digested by the database expert (literals masked) and grouped.
 */
class DatabaseAnalysisActorTest {
  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
  private static final TimeWindow WINDOW =
      new TimeWindow(START, START.plus(Duration.ofMinutes(30)));

  @Test
  void groupsSlowQueryLogLinesByTheExpertsStatementDigest() {
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(bundle());
      var agent =
          new TelemetryAgent(
              new StoreTelemetrySource(store),
              DialectProfile.defaults(),
              new Budget(100, Duration.ofMinutes(1), InstantSource.system()));
      InvestigationContext ctx =
          new InvestigationContext(
              new Incident("t", alert(), WINDOW),
              new TimeWindow(START.minus(Duration.ofHours(1)), START),
              agent);

      DatabaseAnalysisActor.Output out =
          new DatabaseAnalysisActor().run(new DatabaseAnalysisActor.Input(List.of()), ctx);

      String digest = "SELECT * FROM orders WHERE customer_id = ? AND status = ?";
      assertThat(out.found()).isTrue();
      assertThat(out.statements()).containsExactly(digest);
      Finding f = ctx.findings().getFirst();
      assertThat(f.expert()).isEqualTo("database_analysis");
      assertThat(f.component()).isEqualTo(digest);
      assertThat(f.faultClass()).isEqualTo(FaultClass.SLOW_QUERY);
      assertThat(f.summary())
          .startsWith(
              "orders-db: 12 slow-query log lines for statement " + digest + " (routed as ");
      assertThat(f.evidence().getFirst().rows()).hasSize(5);
    }
  }

  private static Alert alert() {
    return new Alert(
        "fp",
        AlertSource.ALERTMANAGER,
        AlertStatus.FIRING,
        "HighLatency",
        "latency",
        "orders-db",
        "critical",
        Map.of(),
        Map.of(),
        START.plus(Duration.ofMinutes(12)),
        null);
  }

  /** 12 slow-query lines, each with other literals, 13 to 24 minutes into the window. */
  private static IncidentBundle bundle() {
    List<LogRecord> logs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      logs.add(
          new LogRecord(
              START.plus(Duration.ofMinutes(13 + i)),
              "orders-db",
              Severity.WARN,
              "slow query ("
                  + (2000 + 37 * i)
                  + " ms): SELECT * FROM orders WHERE customer_id = "
                  + (1000 + i)
                  + " AND status = 'open"
                  + i
                  + "'",
              Map.of(),
              null,
              null));
    }
    return new IncidentBundle(
        new BundleManifest("logs", "", "UTC", WINDOW, Map.of()),
        alert(),
        List.of(),
        logs,
        List.of(),
        List.of(),
        null,
        List.of(),
        List.of());
  }
}
