package dev.warroom.connectors.db;

import dev.warroom.connectors.LiveStore;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.experts.db.PostgresCollector;
import dev.warroom.experts.db.StatementStats;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DbStatementWindow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * A live PostgreSQL database (source type {@code postgres}, URL {@code
 * jdbc:postgresql://HOST:PORT/DATABASE}) read with the database expert's {@link PostgresCollector}:
 * pg_stat_statements counters (or, without the extension, samples of pg_stat_activity), {@code
 * EXPLAIN (FORMAT JSON)} of the top statements, and lock waits from pg_locks and
 * pg_blocking_pids(). Needs a role with {@code pg_read_all_stats} (or {@code pg_monitor}); the
 * session is read-only ({@code default_transaction_read_only=on}) with the source's timeout as
 * {@code statement_timeout}. The native query of a result is the SQL that ran.
 */
public final class PostgresStore extends SqlStore {
  /** How often pg_stat_activity is sampled where pg_stat_statements is missing. */
  private static final Duration ACTIVITY_INTERVAL = Duration.ofMillis(500);

  PostgresStore(SourceConfig source, InstantSource clock, LongConsumer sleeper) {
    super(source, SourceConfig.Type.POSTGRES, JdbcAccess.Dialect.POSTGRES, clock, sleeper);
  }

  /**
   * A store reading the database of {@code source} (type postgres). No I/O happens here.
   *
   * @throws dev.warroom.model.InvalidInputException for a malformed URL or option
   */
  public static LiveStore open(SourceConfig source) {
    return new PostgresStore(source, InstantSource.system(), PostgresStore::sleep);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  String dialect() {
    return "postgresql";
  }

  @Override
  DatabaseStats collect(DataSource db) throws SQLException, InterruptedException {
    PostgresCollector c = new PostgresCollector(db, clock);
    DbStatementWindow baseline = null;
    DbStatementWindow incident;
    if (c.hasStatementStatistics()) {
      double age = secondsSinceReset(db);
      StatementStats s0 = c.statementStats();
      Instant reset = s0.end().minusMillis(Math.round(age * 1000));
      if (sample.isZero()) {
        incident = window(reset, s0.end(), s0.statements());
      } else {
        pause(sample);
        StatementStats s1 = c.statementStats();
        incident = window(StatementStats.between(s0, s1));
        baseline = window(reset, s0.end(), s0.statements());
      }
    } else {
      int samples = (int) Math.max(1, sample.toMillis() / ACTIVITY_INTERVAL.toMillis());
      incident = window(c.sampleActivity(samples, ACTIVITY_INTERVAL));
    }
    var plans = plans(incident, c::explain);
    return new DatabaseStats(component, dialect(), baseline, incident, plans, locks(c.lockWaits()));
  }

  /**
   * Seconds since pg_stat_statements was last reset (PostgreSQL 14+), else since the server
   * started; measured on the server's clock, so clock skew with this machine does not enter.
   */
  private static double secondsSinceReset(DataSource db) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      String sql =
          c.getMetaData().getDatabaseMajorVersion() >= 14
              ? "select extract(epoch from now() - stats_reset) from pg_stat_statements_info"
              : "select extract(epoch from now() - pg_postmaster_start_time())";
      try (ResultSet rs = s.executeQuery(sql)) {
        return rs.next() ? Math.max(0, rs.getDouble(1)) : 0;
      }
    }
  }
}
