package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DbPlan;
import dev.warroom.model.DbStatement;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The db/ statistics of gym episodes: realistic size, agreement with metrics, fault signatures. */
class DbStatsSynthTest {

  private static DatabaseStats db(Episode ep, String component) {
    return ep.bundle().databases().stream()
        .filter(d -> d.component().equals(component))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everySqlDatabaseHasTenToThirtyStatementsAndShopHasNone() {
    Episode market = Episodes.run("market", null, 5);
    assertThat(market.bundle().databases())
        .extracting(DatabaseStats::component, DatabaseStats::dialect)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("orders-db", "postgresql"),
            org.assertj.core.groups.Tuple.tuple("users-db", "postgresql"),
            org.assertj.core.groups.Tuple.tuple("catalog-db", "mysql"));
    for (DatabaseStats d : market.bundle().databases()) {
      assertThat(d.incident().statements()).hasSizeBetween(10, 30);
      assertThat(d.baseline().window().end()).isEqualTo(d.incident().window().start());
    }
    assertThat(Episodes.run("shop", null, 5).bundle().databases()).isEmpty();
  }

  @Test
  void statementCountersAgreeWithTheQueryRateSeries() {
    Episode ep = Episodes.run("bank", null, 6);
    String stmt = "SELECT * FROM users WHERE username = $1";
    DbStatement s =
        db(ep, "accounts-db").incident().statements().stream()
            .filter(x -> x.text().equals(stmt))
            .findFirst()
            .orElseThrow();
    MetricSeries rate =
        ep.bundle().metrics().stream()
            .filter(
                m ->
                    m.key()
                        .equals(
                            SeriesKey.of(
                                "db_queries_per_second",
                                "service",
                                "accounts-db",
                                "query",
                                "select_user")))
            .findFirst()
            .orElseThrow();
    double calls = 0;
    var window = ep.bundle().manifest().window();
    for (int i = 0; i < rate.size(); i++) {
      if (window.contains(java.time.Instant.ofEpochMilli(rate.timestampAt(i)))) {
        calls += rate.valueAt(i) * 15;
      }
    }
    assertThat((double) s.calls())
        .isCloseTo(calls, org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void unindexedQueryTurnsItsPlanIntoAFullScanOnBothDialects() {
    for (String target : List.of("orders-db", "catalog-db")) {
      Episode ep =
          new Gym()
              .reset(
                  9,
                  Episodes.small(
                      Scenario.of(SystemCatalog.get("market"), FaultType.UNINDEXED_QUERY)
                          .withTarget(target, null)));
      String stmt = ep.truth().parameters().get("db_statement");
      String column = ep.truth().parameters().get("db_index_column");
      DbPlan plan =
          db(ep, target).plans().stream()
              .filter(p -> p.statement().equals(stmt))
              .findFirst()
              .orElseThrow();
      if (target.equals("catalog-db")) {
        assertThat(plan.planJson()).contains("\"access_type\":\"ALL\"").contains(column);
      } else {
        assertThat(plan.planJson()).contains("\"Node Type\":\"Seq Scan\"").contains(column);
      }
      assertThat(plan.tableRows().get(ep.truth().parameters().get("db_table")))
          .isGreaterThanOrEqualTo(2_000_000L);
      // the other databases' plans keep their indexes
      assertThat(
              ep.bundle().databases().stream()
                  .filter(d -> !d.component().equals(target))
                  .flatMap(d -> d.plans().stream())
                  .filter(p -> p.statement().contains("WHERE")))
          .noneMatch(p -> p.planJson().contains("Seq Scan") || p.planJson().contains("\"ALL\""));
    }
  }

  @Test
  void lockContentionNamesALongTransactionAsTheBlocker() {
    Episode ep =
        new Gym()
            .reset(
                9,
                Episodes.small(
                    Scenario.of(SystemCatalog.get("bank"), FaultType.LOCK_CONTENTION)
                        .withTarget("ledger-db", null)));
    String blocker = ep.truth().parameters().get("db_blocker_session");
    var waits = db(ep, "ledger-db").lockWaits();
    assertThat(waits).hasSizeGreaterThanOrEqualTo(3);
    assertThat(waits)
        .filteredOn(w -> w.blockingSession().equals(blocker))
        .isNotEmpty()
        .allMatch(w -> w.blockingState().equals("idle in transaction"))
        .allMatch(
            w ->
                w.waitingStatement().startsWith("INSERT")
                    || w.waitingStatement().startsWith("UPDATE"));
  }

  @Test
  void sameSeedGivesTheSameDatabaseStatistics() {
    assertThat(Episodes.run("market", FaultType.LOCK_CONTENTION, 17).bundle().databases())
        .isEqualTo(Episodes.run("market", FaultType.LOCK_CONTENTION, 17).bundle().databases());
  }
}
