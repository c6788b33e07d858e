package dev.warroom.experts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DbLockWait;
import dev.warroom.model.DbPlan;
import dev.warroom.model.DbStatement;
import dev.warroom.model.DbStatementWindow;
import dev.warroom.model.FaultClass;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleDatabaseTest {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private static DatabaseStats mysql(String planJson) {
    return new DatabaseStats(
        "catalog-db",
        "mariadb",
        new DbStatementWindow(
            new TimeWindow(T0.minusSeconds(600), T0),
            List.of(
                new DbStatement(
                    "d1", "SELECT * FROM products WHERE category_id = ?", 600, 600, 600, 600))),
        new DbStatementWindow(
            new TimeWindow(T0, T0.plusSeconds(600)),
            List.of(
                new DbStatement(
                    "d1",
                    "SELECT * FROM products WHERE category_id = ?",
                    600,
                    90_000,
                    600,
                    900_000_000))),
        List.of(
            new DbPlan(
                "SELECT * FROM products WHERE category_id = ?",
                Map.of("products", 1_500_000L),
                planJson)),
        List.of(
            new DbLockWait(
                "12",
                "UPDATE products SET price_cents = ? WHERE id = ?",
                "7",
                "UPDATE products SET stock = ? WHERE id = ?",
                "Sleep",
                "`catalog`.`products`",
                "X",
                Duration.ofSeconds(20))));
  }

  @Test
  void convertsABundlesMysqlStatisticsAndFindsScanAndBlocker() {
    BundleDatabase db =
        BundleDatabase.of(
            mysql(
                "{\"query_block\":{\"select_id\":1,\"table\":{\"table_name\":\"products\","
                    + "\"access_type\":\"ALL\",\"rows_examined_per_scan\":1500000}}}"));
    assertThat(db.incident().dialect()).isEqualTo(SqlDialect.MYSQL);
    assertThat(db.lockWaits().getFirst().relation()).isEqualTo("products");
    var findings = db.analyze(new DatabaseExpert());
    assertThat(findings)
        .anyMatch(
            f ->
                f.faultClass() == FaultClass.SLOW_QUERY
                    && f.summary().contains("CREATE INDEX idx_products_category_id"))
        .anyMatch(
            f ->
                f.faultClass() == FaultClass.LOCK_CONTENTION
                    && f.summary().startsWith("session 7 (Sleep) blocks 1 session(s)")
                    && f.summary().contains("last statement of the blocking transaction"));
  }

  @Test
  void aPlanThatIsNotAPlanNamesItsPlaceInTheBundle() {
    assertThatThrownBy(() -> BundleDatabase.of(mysql("{\"rows\": 3}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("db/catalog-db/plans/1: neither a PostgreSQL plan");
  }
}
