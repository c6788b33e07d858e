package dev.warroom.experts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbStatsFilesTest {
  private final DbStatsFiles files = new DbStatsFiles();
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(DbStatsFilesTest.class.getResource("/db/" + name).toURI());
  }

  @Test
  void readsPgStatStatementsCsvWithQuotedCommas() throws Exception {
    StatementStats stats =
        files.readStatementStats(
            resource("pg_stat_statements.csv"), SqlDialect.POSTGRES, T0, T0.plusSeconds(60));
    assertThat(stats.statements()).hasSize(2);
    assertThat(stats.statements().getFirst().text())
        .contains("JOIN customers c ON c.id = o.customer_id");
    assertThat(stats.statements().getFirst().totalTimeMs()).isEqualTo(54321.5);
    assertThat(stats.seconds()).isEqualTo(60.0);
  }

  @Test
  void findsTheFullScanInAMysqlPlanFileAndProposesTheJoinIndex() throws Exception {
    StatementStats incident =
        files.readStatementStats(
            resource("pg_stat_statements.csv"), SqlDialect.MYSQL, T0, T0.plusSeconds(60));
    Plan plan =
        files.readPlan(
            resource("mysql-plan.json"),
            "SELECT o.id, o.amount FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'a@b.c'");
    assertThat(plan.dialect()).isEqualTo(SqlDialect.MYSQL);
    // MySQL names tables by alias ("c", "o"); the expert maps them back through the statement
    assertThat(plan.accesses()).extracting(TableAccess::table).containsExactly("c", "o");

    List<Finding> findings =
        new DatabaseExpert().analyze("shop-db", null, incident, List.of(plan), List.of());

    assertThat(findings.getFirst().faultClass()).isEqualTo(FaultClass.SLOW_QUERY);
    assertThat(findings.getFirst().summary())
        .contains("full scan of customers (250,000 rows)")
        .contains("CREATE INDEX idx_customers_id_email ON customers (id, email)");
  }

  @Test
  void followsLockChainsToTheIdleHead() throws Exception {
    List<LockWait> waits = files.readLockWaits(resource("locks.csv"));
    assertThat(waits).hasSize(3);
    List<Finding> findings =
        new DatabaseExpert()
            .analyze(
                "shop-db",
                null,
                StatementStats.snapshot(SqlDialect.MYSQL, T0, List.of()),
                List.of(),
                waits);
    assertThat(findings)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.summary())
                    .startsWith(
                        "session 29 (idle in transaction) blocks 3 session(s) for up to 6.0 s on stock"));
  }

  @Test
  void namesFileAndLineOfABadRow(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("stats.csv");
    Files.writeString(bad, "queryid,query,calls,total_exec_time,rows\n1,select 1,many,2.0,1\n");
    assertThatThrownBy(() -> files.readStatementStats(bad, SqlDialect.POSTGRES, T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stats.csv:2: calls is not a number: 'many'");
  }
}
