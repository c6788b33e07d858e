package dev.warroom.engine.actors;

import static dev.warroom.engine.actors.InvestigationFixture.START;
import static dev.warroom.engine.actors.InvestigationFixture.context;
import static dev.warroom.engine.actors.InvestigationFixture.manifest;
import static dev.warroom.engine.actors.InvestigationFixture.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.Alert;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * database_analysis on a bundle without database statistics: the statements named by slow-query log
 * lines are routed, digested by the database expert (literals masked) and grouped.
 */
class DatabaseAnalysisActorTest {
  private static final Alert ALERT = InvestigationFixture.alert("HighLatency", "orders-db");

  @Test
  void groupsSlowQueryLogLinesByTheExpertsStatementDigest() {
    try (DuckDbStore store = store(bundle())) {
      InvestigationContext ctx = context(store, ALERT, Duration.ofHours(1));

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
        manifest("logs"), ALERT, List.of(), logs, List.of(), List.of(), null, List.of(), List.of());
  }
}
