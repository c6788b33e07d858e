package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DbLockWait;
import dev.warroom.model.DbPlan;
import dev.warroom.model.DbStatement;
import dev.warroom.model.DbStatementWindow;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.QueryResult;
import dev.warroom.store.SampleBundles;
import dev.warroom.store.duckdb.DuckDbStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code db/} folder: lossless write/read, the embedded store, and located problems. */
class DatabaseBundleTest {
  @TempDir Path tmp;

  static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  static DatabaseStats postgres() {
    return new DatabaseStats(
        "orders-db",
        "postgresql",
        new DbStatementWindow(
            new TimeWindow(T0.minusSeconds(1200), T0),
            List.of(
                new DbStatement(
                    "-411", "SELECT * FROM orders WHERE customer_id = $1", 900, 812.25, 900, -1))),
        new DbStatementWindow(
            new TimeWindow(T0, T0.plusSeconds(1200)),
            List.of(
                new DbStatement(
                    "-411", "SELECT * FROM orders WHERE customer_id = $1", 880, 91234.125, 880, -1),
                new DbStatement("77", "BEGIN", 4000, 12.5, 0, -1))),
        List.of(
            new DbPlan(
                "SELECT * FROM orders WHERE customer_id = $1",
                Map.of("orders", 4_200_000L),
                "[{\"Plan\":{\"Node Type\":\"Seq Scan\",\"Relation Name\":\"orders\","
                    + "\"Plan Rows\":3,\"Filter\":\"(customer_id = $1)\"}}]")),
        List.of(
            new DbLockWait(
                "4242",
                "UPDATE orders SET status = $2 WHERE id = $1",
                "3917",
                "UPDATE orders SET status = 'ARCHIVED' WHERE created_at < $1",
                "idle in transaction",
                "orders",
                "ShareLock",
                Duration.ofMillis(61_250))));
  }

  static DatabaseStats mysql() {
    return new DatabaseStats(
        "catalog-db",
        "mysql",
        null,
        new DbStatementWindow(
            new TimeWindow(T0, T0.plusSeconds(1200)),
            List.of(
                new DbStatement(
                    "ab12",
                    "SELECT * FROM products WHERE category_id = ?",
                    500,
                    123456.789,
                    12000,
                    88_000_000))),
        List.of(
            new DbPlan(
                "SELECT * FROM products WHERE category_id = ?",
                Map.of("products", 2_000_000L),
                "{\"query_block\":{\"select_id\":1,\"table\":{\"table_name\":\"products\","
                    + "\"access_type\":\"ALL\",\"rows_examined_per_scan\":2000000}}}")),
        List.of());
  }

  private static IncidentBundle bundle() {
    return SampleBundles.incident().withDatabases(List.of(mysql(), postgres()));
  }

  @Test
  void writesAndReadsDatabaseStatisticsLosslessly() {
    Path dir = tmp.resolve("b");
    BundleWriter.write(bundle(), dir);
    assertThat(dir.resolve("db/orders-db/statements-incident.json")).exists();
    assertThat(dir.resolve("db/catalog-db/plans/001.json")).exists();
    assertThat(BundleReader.read(dir).databases()).containsExactly(mysql(), postgres());
  }

  @Test
  void writesPerformanceSchemaColumnsForMysqlWithPicosecondTimers() throws Exception {
    Path dir = tmp.resolve("b");
    BundleWriter.write(bundle(), dir);
    String json = Files.readString(dir.resolve("db/catalog-db/statements-incident.json"));
    assertThat(json).contains("\"DIGEST_TEXT\"").contains("\"SUM_TIMER_WAIT\" : 123456789000000");
  }

  @Test
  void theEmbeddedStoreAnswersWithTheSqlItRan() {
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(bundle());
      QueryResult<DatabaseStats> all = store.databases(null);
      assertThat(all.rows()).containsExactly(mysql(), postgres());
      QueryResult<DatabaseStats> one = store.databases("orders-db");
      assertThat(one.rows()).containsExactly(postgres());
      assertThat(one.nativeQuery()).contains("FROM db_statements\nWHERE component = 'orders-db'");
    }
  }

  @Test
  void folderIngestAndExportKeepTheStatistics() {
    Path dir = tmp.resolve("b");
    BundleWriter.write(bundle(), dir);
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(dir, (f, d, t) -> {});
      IncidentBundle out = BundleExporter.export(store, null, tmp.resolve("out"));
      assertThat(out.databases()).containsExactly(mysql(), postgres());
    }
  }

  @Test
  void readsCsvExportsWithTheManifestWindow() throws Exception {
    Path dir = tmp.resolve("b");
    BundleWriter.write(SampleBundles.incident(), dir);
    Path db = Files.createDirectories(dir.resolve("db/shop-db"));
    Files.writeString(
        db.resolve("statements-incident.csv"),
        "queryid,query,calls,total_exec_time,rows\n"
            + "1,\"SELECT a, b FROM t WHERE c = $1\",10,25.5,10\n");
    DatabaseStats d = BundleReader.read(dir).databases().getFirst();
    assertThat(d.dialect()).isEqualTo("postgresql");
    assertThat(d.incident().window()).isEqualTo(SampleBundles.incident().manifest().window());
    assertThat(d.incident().statements().getFirst().text())
        .isEqualTo("SELECT a, b FROM t WHERE c = $1");
  }

  @Test
  void malformedDatabaseFilesNameFileAndRowOrLine() throws Exception {
    Path dir = tmp.resolve("b");
    BundleWriter.write(bundle(), dir);
    Path pg = dir.resolve("db/orders-db/statements-incident.json");
    Files.writeString(pg, Files.readString(pg).replace("\"calls\" : 4000", "\"calls\" : \"lots\""));
    Files.writeString(
        dir.resolve("db/catalog-db/lock-waits.csv"),
        "waiting_pid,blocking_pid,waited_ms\n1,2,10\n3,,20\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("db/catalog-db/plans/002.json"), "{\"statement\":\"x\",\"plan\":{}}");
    Files.writeString(dir.resolve("db/stray.json"), "{}");
    assertThat(BundleReader.validate(dir))
        .containsExactlyInAnyOrder(
            "db/orders-db/statements-incident.json#/statements/1: calls is not a number: 'lots'",
            "db/catalog-db/lock-waits.csv:3: missing blocking_pid or blocking_session",
            "db/catalog-db/plans/002.json#/plan: neither a PostgreSQL plan (\"Plan\") nor a MySQL"
                + " plan (\"query_block\")",
            "db/stray.json: database files belong in db/<component>/ (see docs/bundles.md)");
  }
}
