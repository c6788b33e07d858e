package dev.warroom.experts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the database expert against a real PostgreSQL 14 (zonky embedded binaries) with
 * pg_stat_statements preloaded and a 1,000,000-row table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresExpertTest {
  private EmbeddedPostgres postgres;
  private DataSource db;
  private PostgresCollector collector;

  @BeforeAll
  void start() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            // the default 10 s start-up wait is too short on a busy CI machine
            .setPGStartupWait(Duration.ofMinutes(2))
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("pg_stat_statements.track", "all")
            .start();
    db = postgres.getPostgresDatabase();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create extension if not exists pg_stat_statements");
      s.execute(
          "create table orders (id bigint primary key, customer_id int not null,"
              + " status text not null, amount numeric(10,2) not null)");
      s.execute(
          "insert into orders select g, g % 50000, case when g % 7 = 0 then 'open' else 'paid' end,"
              + " (g % 1000) / 10.0 from generate_series(1, 1000000) g");
      s.execute("analyze orders");
    }
    collector = new PostgresCollector(db, Clock.systemUTC());
  }

  @AfterAll
  void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void namesRisingUnindexedStatementAndProposesIndex() throws Exception {
    assertThat(collector.hasStatementStatistics()).isTrue();
    try (Connection c = db.getConnection();
        PreparedStatement byId = c.prepareStatement("select amount from orders where id = ?");
        PreparedStatement byCustomer =
            c.prepareStatement(
                "select id, amount from orders where customer_id = ? and status = ?")) {
      StatementStats s0 = collector.statementStats();
      for (int i = 0; i < 300; i++) {
        byId.setLong(1, 1 + i * 7L);
        byId.executeQuery().close();
      }
      Thread.sleep(200);
      StatementStats s1 = collector.statementStats();
      for (int i = 0; i < 300; i++) {
        byId.setLong(1, 1 + i * 11L);
        byId.executeQuery().close();
      }
      for (int i = 0; i < 8; i++) {
        byCustomer.setInt(1, 100 + i);
        byCustomer.setString(2, "open");
        byCustomer.executeQuery().close();
      }
      StatementStats s2 = collector.statementStats();

      StatementStats baseline = StatementStats.between(s0, s1);
      StatementStats incident = StatementStats.between(s1, s2);
      String slowText =
          incident.statements().stream()
              .map(StatementStat::text)
              .filter(t -> t.contains("customer_id"))
              .findFirst()
              .orElseThrow();
      assertThat(slowText).contains("$1");
      Plan plan = collector.explain(slowText);
      assertThat(plan.accesses())
          .anySatisfy(
              a -> {
                assertThat(a.table()).isEqualTo("orders");
                assertThat(a.kind()).isEqualTo(AccessKind.FULL_SCAN);
              });
      assertThat(plan.tableRows().get("orders")).isGreaterThan(900_000L);

      List<Finding> findings =
          new DatabaseExpert().analyze("orders-db", baseline, incident, List.of(plan), List.of());

      assertThat(findings.getFirst().faultClass()).isEqualTo(FaultClass.SLOW_QUERY);
      assertThat(findings.getFirst().summary())
          .contains("full scan of orders")
          .contains("CREATE INDEX idx_orders_customer_id_status ON orders (customer_id, status)");
      assertThat(findings)
          .anySatisfy(
              f ->
                  assertThat(f.summary())
                      .startsWith("statement load rose")
                      .contains(
                          "SELECT id, amount FROM orders WHERE customer_id = ? AND status = ?"));
      // the indexed point lookup ran as often in both windows: not reported
      assertThat(findings).noneMatch(f -> f.summary().contains("WHERE id = ?"));
    }
  }

  @Test
  void namesTheBlockingSessionAndItsStatement() throws Exception {
    try (Connection holder = db.getConnection();
        Connection waiter = db.getConnection()) {
      holder.setAutoCommit(false);
      int holderPid;
      try (Statement s = holder.createStatement()) {
        var rs = s.executeQuery("select pg_backend_pid()");
        rs.next();
        holderPid = rs.getInt(1);
        s.executeUpdate("update orders set status = 'refunded' where id = 42");
      }
      waiter.setAutoCommit(false);
      CompletableFuture<Integer> blocked =
          CompletableFuture.supplyAsync(
              () -> {
                try (Statement s = waiter.createStatement()) {
                  return s.executeUpdate("update orders set amount = amount + 1 where id = 42");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      List<LockWait> waits = waitsOfAtLeastOneSecond();
      holder.rollback();
      assertThat(blocked.get()).isEqualTo(1);
      waiter.rollback();

      assertThat(waits).hasSize(1);
      assertThat(waits.getFirst().blockingSession()).isEqualTo(String.valueOf(holderPid));
      assertThat(waits.getFirst().blockingState()).isEqualTo("idle in transaction");
      List<Finding> findings =
          new DatabaseExpert().analyze("orders-db", null, emptyIncident(), List.of(), waits);
      assertThat(findings).hasSize(1);
      assertThat(findings.getFirst().faultClass()).isEqualTo(FaultClass.LOCK_CONTENTION);
      assertThat(findings.getFirst().summary())
          .contains("session " + holderPid + " (idle in transaction) blocks 1 session(s)")
          .contains("on orders")
          .contains("UPDATE orders SET status = ? WHERE id = ?");
    }
  }

  @Test
  void refusesToExplainWrites() {
    assertThatThrownBy(() -> collector.explain("delete from orders where id = 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only SELECT");
  }

  @Test
  void samplesActivityWhenStatisticsAreMissing() throws Exception {
    try (Connection c = db.getConnection()) {
      CompletableFuture<Void> slow =
          CompletableFuture.runAsync(
              () -> {
                try (Connection other = db.getConnection();
                    Statement s = other.createStatement()) {
                  s.executeQuery("select pg_sleep(3), count(*) from orders where status = 'x'")
                      .close();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // wait until the other session runs it, however slowly this machine schedules threads
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      boolean running = false;
      while (!running && System.nanoTime() < deadline) {
        try (Statement s = c.createStatement();
            var rs =
                s.executeQuery(
                    "select count(*) from pg_stat_activity where state = 'active'"
                        + " and query like 'select pg_sleep(3)%'")) {
          rs.next();
          running = rs.getInt(1) > 0;
        }
        Thread.sleep(50);
      }
      StatementStats sampled = collector.sampleActivity(5, Duration.ofMillis(100));
      slow.get();
      assertThat(sampled.statements())
          .anySatisfy(s -> assertThat(s.text()).contains("pg_sleep(3)"));
      assertThat(c.isValid(1)).isTrue();
    }
  }

  /** Polls until the waiter has waited 1 s (the expert's default minimum), for up to 60 s. */
  private List<LockWait> waitsOfAtLeastOneSecond() throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    List<LockWait> waits = collector.lockWaits();
    while (System.nanoTime() < deadline
        && (waits.isEmpty() || waits.getFirst().waited().compareTo(Duration.ofMillis(1100)) < 0)) {
      Thread.sleep(200);
      waits = collector.lockWaits();
    }
    return waits;
  }

  private static StatementStats emptyIncident() {
    return StatementStats.snapshot(SqlDialect.POSTGRES, java.time.Instant.EPOCH, List.of());
  }
}
