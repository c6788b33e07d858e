package dev.warroom.connectors.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.connectors.SourceConfig;
import dev.warroom.experts.db.BundleDatabase;
import dev.warroom.experts.db.DatabaseExpert;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.WarroomException;
import dev.warroom.store.EventQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.UnsupportedQueryException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PostgresStore} against a real PostgreSQL (zonky embedded binaries) with
 * pg_stat_statements, read as a monitoring role (pg_read_all_stats and SELECT only).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreTest {
  @TempDir static Path dir;
  private EmbeddedPostgres postgres;
  private Path password;

  @BeforeAll
  void start() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setPGStartupWait(Duration.ofMinutes(2))
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("pg_stat_statements.track", "all")
            .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create extension if not exists pg_stat_statements");
      s.execute(
          "create table orders (id bigint primary key, customer_id int not null,"
              + " status text not null, amount numeric(10,2) not null)");
      s.execute(
          "insert into orders select g, g % 20000, case when g % 7 = 0 then 'open' else 'paid' end,"
              + " (g % 1000) / 10.0 from generate_series(1, 300000) g");
      s.execute("analyze orders");
      s.execute("create role warroom login password 'ro-secret'");
      s.execute("grant pg_read_all_stats to warroom");
      s.execute("grant select on all tables in schema public to warroom");
    }
    password = Files.writeString(dir.resolve("pg-password"), "ro-secret\n");
  }

  @AfterAll
  void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private PostgresStore store(String user, int port, Map<String, Object> options) {
    return store(user, port, options, 500);
  }

  private PostgresStore store(String user, int port, Map<String, Object> options, int budget) {
    return store(user, port, "postgres", options, budget);
  }

  private PostgresStore store(
      String user, int port, String database, Map<String, Object> options, int budget) {
    return new PostgresStore(
        new SourceConfig(
            "orders-pg",
            SourceConfig.Type.POSTGRES,
            URI.create("jdbc:postgresql://127.0.0.1:" + port + "/" + database),
            new SourceConfig.Auth.Basic(user, new SourceConfig.Secret(null, password)),
            null,
            Duration.ofSeconds(10),
            10,
            budget,
            1,
            null,
            options),
        InstantSource.system(),
        PostgresStore::sleep);
  }

  @Test
  void seesALiveSlowStatementItsPlanAndALockWait() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    // own threads: the common pool may have one thread on a small machine
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Connection app = postgres.getPostgresDatabase().getConnection();
        Connection holder = postgres.getPostgresDatabase().getConnection();
        Connection waiter = postgres.getPostgresDatabase().getConnection()) {
      CompletableFuture<Integer> slow =
          CompletableFuture.supplyAsync(
              () -> {
                int n = 0;
                try (PreparedStatement ps =
                    app.prepareStatement(
                        "select id, amount from orders where customer_id = ? and status = ?")) {
                  while (running.get()) {
                    ps.setInt(1, 100 + n % 50);
                    ps.setString(2, "open");
                    ps.executeQuery().close();
                    n++;
                  }
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
                return n;
              },
              threads);
      holder.setAutoCommit(false);
      int holderPid = pid(holder);
      try (Statement s = holder.createStatement()) {
        s.executeUpdate("update orders set status = 'refunded' where id = 42");
      }
      CompletableFuture<Integer> blocked =
          CompletableFuture.supplyAsync(
              () -> {
                try (Statement s = waiter.createStatement()) {
                  return s.executeUpdate("update orders set amount = amount + 1 where id = 42");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              },
              threads);
      Thread.sleep(300);

      QueryResult<DatabaseStats> r;
      try (TelemetryStore store =
          store("warroom", postgres.getPort(), Map.of("sample", "2s", "component", "orders-db"))) {
        r = store.databases(null);
        // the engine lists, then asks per component: one sample serves both
        assertThat(store.databases("orders-db")).isSameAs(r);
        assertThat(store.databases("other-db").rows()).isEmpty();
      }
      running.set(false);
      assertThat(slow.get()).isPositive();
      holder.rollback();
      assertThat(blocked.get()).isEqualTo(1);

      DatabaseStats stats = r.rows().get(0);
      assertThat(stats.component()).isEqualTo("orders-db");
      assertThat(stats.dialect()).isEqualTo("postgresql");
      assertThat(stats.baseline()).isNotNull();
      assertThat(stats.incident().window().length())
          .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
      assertThat(stats.incident().statements())
          .filteredOn(s -> s.text().contains("customer_id = $1"))
          .singleElement()
          .satisfies(s -> assertThat(s.calls()).isPositive());
      // warroom's own reads of the statistics are not the database's load
      assertThat(stats.incident().statements())
          .noneMatch(s -> s.text().contains("pg_stat_statements"));
      assertThat(stats.plans())
          .filteredOn(p -> p.statement().contains("customer_id"))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.planJson()).contains("Seq Scan");
                assertThat(p.tableRows().get("orders")).isGreaterThan(250_000L);
              });
      assertThat(stats.lockWaits())
          .singleElement()
          .satisfies(
              w -> {
                assertThat(w.blockingSession()).isEqualTo(Integer.toString(holderPid));
                assertThat(w.blockingState()).isEqualTo("idle in transaction");
                // a row lock: the waiter waits for the holder's transaction id
                assertThat(w.lockMode()).isEqualTo("transactionid ShareLock");
                assertThat(w.waitingStatement()).contains("amount = amount + 1");
                assertThat(w.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
              });
      assertThat(r.nativeQuery())
          .startsWith("-- session: default_transaction_read_only=on, statement_timeout=10000ms")
          .contains("from pg_stat_statements")
          .contains("explain (format json)")
          .contains("pg_blocking_pids");
      // the expert reads the live statistics as it reads a bundle's
      List<Finding> findings = BundleDatabase.of(stats).analyze(new DatabaseExpert());
      assertThat(findings).extracting(Finding::faultClass).contains(FaultClass.LOCK_CONTENTION);
      assertThat(findings).anySatisfy(f -> assertThat(f.summary()).contains("full scan of orders"));
    } finally {
      running.set(false);
      threads.shutdown();
    }
  }

  @Test
  void theConnectionRefusesWritesEvenForASuperuser() throws Exception {
    PostgresStore store = store("postgres", postgres.getPort(), Map.of());
    List<String> log = new ArrayList<>();
    try (RecordingConnection rc =
            store.jdbc.open(log, new java.util.concurrent.atomic.AtomicInteger());
        Statement s = rc.connection().createStatement()) {
      assertThat(rc.connection().isReadOnly()).isTrue();
      assertThatThrownBy(() -> s.executeUpdate("update orders set amount = 0 where id = 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("read-only transaction");
      assertThatThrownBy(() -> s.execute("create table warroom_was_here (x int)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("read-only transaction");
      try (ResultSet rs = s.executeQuery("show statement_timeout")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("10s");
      }
    }
    assertThat(log).contains("update orders set amount = 0 where id = 1");
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select amount from orders where id = 1")) {
      rs.next();
      assertThat(rs.getBigDecimal(1).signum()).isPositive();
    }
  }

  @Test
  void aDownDatabaseIsAnErrorNamingTheSource() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PostgresStore store = store("warroom", port, Map.of("sample", "0s"));
    assertThatThrownBy(() -> store.databases(null))
        .isInstanceOf(WarroomException.Retriable.class)
        .hasMessageStartingWith(
            "source orders-pg (postgres): cannot connect to jdbc:postgresql://127.0.0.1:"
                + port
                + "/postgres")
        .hasMessageContaining("SQLState 08");
    assertThatThrownBy(store::check).isInstanceOf(WarroomException.class);
  }

  @Test
  void otherKindsAreUnsupportedAndOptionsAreChecked() {
    PostgresStore store = store("warroom", postgres.getPort(), Map.of());
    assertThatThrownBy(() -> store.events(EventQuery.all(null)))
        .isInstanceOf(UnsupportedQueryException.class)
        .hasMessageContaining("source orders-pg (postgres) has no events");
    assertThatThrownBy(() -> store("warroom", 1, Map.of("sampel", "1s")))
        .hasMessageContaining("source orders-pg: options.sampel: unknown option");
    assertThatThrownBy(() -> store("warroom", 1, Map.of("sample", "soon")))
        .hasMessageContaining("options.sample: expected a duration");
    store.check();
  }

  @Test
  void theStatementBudgetHoldsPerInvestigation() {
    PostgresStore store = store("warroom", postgres.getPort(), Map.of("sample", "0s"), 4);
    assertThatThrownBy(() -> store.databases(null))
        .isInstanceOf(WarroomException.NonRetriable.class)
        .hasMessageStartingWith("source orders-pg (postgres): reading statement statistics")
        .hasMessageContaining("the query budget of 4 statements is spent");
    PostgresStore roomy = store("warroom", postgres.getPort(), Map.of("sample", "0s"), 40);
    QueryResult<DatabaseStats> first = roomy.databases(null);
    assertThat(roomy.databases(null)).isSameAs(first);
    roomy.startInvestigation();
    // a new investigation takes a fresh sample, with the whole budget again
    assertThat(roomy.databases(null)).isNotSameAs(first);
  }

  @Test
  void withoutPgStatStatementsActiveSessionsAreSampled() throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create database plain");
    }
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/plain";
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try (Connection app = java.sql.DriverManager.getConnection(url, "postgres", "")) {
      CompletableFuture<Void> slow =
          CompletableFuture.runAsync(
              () -> {
                try (Statement s = app.createStatement()) {
                  s.executeQuery("select pg_sleep(3), 'slow report' as what").close();
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              },
              threads);
      Thread.sleep(300);
      PostgresStore store =
          store("postgres", postgres.getPort(), "plain", Map.of("sample", "2s"), 500);
      DatabaseStats stats = store.databases(null).rows().get(0);
      slow.get();
      assertThat(stats.component()).isEqualTo("plain");
      // no counters since a reset: no baseline; the sample saw the running statement
      assertThat(stats.baseline()).isNull();
      assertThat(stats.incident().statements())
          .filteredOn(st -> st.text().contains("slow report"))
          .singleElement()
          .satisfies(st -> assertThat(st.calls()).isGreaterThanOrEqualTo(2));
    } finally {
      threads.shutdown();
    }
  }

  private static int pid(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
