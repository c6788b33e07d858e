package dev.warroom.engine.actors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.director.Director;
import dev.warroom.gym.Episode;
import dev.warroom.gym.Gym;
import dev.warroom.gym.References;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.RcaReport;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference incident ref4-unindexed-query investigated by the {@link Director} over the
 * embedded store with its {@code db/} statistics: the report's evidence names the statement, the
 * table and the index to create, with the SQL that read them from the store and the live query a
 * DBA would run.
 */
class DbStatsReferenceTest {
  /** Built once: both tests investigate the same (immutable) episode. */
  private static final Episode REF4 = ref4();

  private static Episode ref4() {
    return new Gym()
        .reset(
            4,
            References.get("ref4-unindexed-query")
                .withWindow(Duration.ofMinutes(60), Duration.ofDays(1))
                .withTracesPerMinute(20));
  }

  @Test
  void ref4ReportNamesTheStatementTheTableAndTheIndex() {
    Episode ep = REF4;
    Map<String, String> truth = ep.truth().parameters();
    String table = truth.get("db_table");
    String column = truth.get("db_index_column");
    assertThat(table).isNotBlank();
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(ep.bundle());
      var source = new StoreTelemetrySource(store);
      RcaReport r =
          Director.standard()
              .investigate(source, ep.alert(), ep.bundle().manifest().window(), ep.id(), null)
              .report();
      List<Evidence> plans =
          r.evidence().stream()
              .filter(e -> e.kind() == EvidenceKind.DATABASE)
              .filter(e -> e.summary().contains("full scan of " + table))
              .toList();
      assertThat(plans).as("plan evidence in %s", r.evidence()).isNotEmpty();
      Evidence plan = plans.getFirst();
      assertThat(plan.summary())
          .containsPattern("CREATE INDEX \\S+ ON " + table + " \\(" + column + "[,)]");
      // the statement, as the expert normalised it, and the query that read it from the store
      assertThat(plan.entities()).anyMatch(s -> s.startsWith("SELECT") && s.contains(table));
      assertThat(plan.query()).contains("FROM db_plans\nWHERE component = 'ledger-db'");
      assertThat(plan.renderedQueries().get("postgresql")).startsWith("EXPLAIN (FORMAT JSON) ");
      // the statistics make the database's fault class the slow query, not the CPU it burns
      assertThat(r.top().service()).isEqualTo(ep.truth().rootCauseService());
      assertThat(r.top().faultClass()).isEqualTo(FaultClass.SLOW_QUERY);
      assertThat(r.top().evidenceIds()).contains(plan.id());
    }
  }

  @Test
  void withoutDatabaseStatisticsTheActorKeepsItsMetricPath() {
    Episode ep = REF4;
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(ep.bundle().withDatabases(List.of()));
      var source = new StoreTelemetrySource(store);
      var inv =
          Director.standard()
              .investigate(source, ep.alert(), ep.bundle().manifest().window(), ep.id(), null);
      assertThat(inv.report().evidence()).noneMatch(e -> e.query().contains("FROM db_plans"));
      assertThat(inv.report().evidence())
          .anyMatch(e -> e.kind() == EvidenceKind.METRIC && e.summary().contains("ledger-db"));
    }
  }
}
