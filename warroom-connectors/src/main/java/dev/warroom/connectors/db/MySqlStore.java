package dev.warroom.connectors.db;

import dev.warroom.connectors.LiveStore;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.experts.db.MariaDbCollector;
import dev.warroom.experts.db.StatementStats;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DbStatementWindow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * A live MySQL or MariaDB database (source type {@code mysql}, URL {@code
 * jdbc:mariadb://HOST:PORT/DATABASE}; {@code jdbc:mysql://} is read the same) read with the
 * database expert's {@link MariaDbCollector}: performance_schema statement digests (or, with
 * performance_schema off, the slow log table for the sample), {@code EXPLAIN FORMAT=JSON} of the
 * top statements, and InnoDB lock waits. Needs {@code SELECT ON performance_schema.*} and {@code
 * PROCESS}; the session is {@code READ ONLY} with the source's timeout as the statement time limit.
 * The native query of a result is the SQL that ran.
 */
public final class MySqlStore extends SqlStore {
  MySqlStore(SourceConfig source, InstantSource clock, LongConsumer sleeper) {
    super(source, SourceConfig.Type.MYSQL, JdbcAccess.Dialect.MYSQL, clock, sleeper);
  }

  /**
   * A store reading the database of {@code source} (type mysql). No I/O happens here.
   *
   * @throws dev.warroom.model.InvalidInputException for a malformed URL or option
   */
  public static LiveStore open(SourceConfig source) {
    return new MySqlStore(source, InstantSource.system(), PostgresStore::sleep);
  }

  @Override
  String dialect() {
    return "mysql";
  }

  @Override
  DatabaseStats collect(DataSource db) throws SQLException, InterruptedException {
    MariaDbCollector c = new MariaDbCollector(db, clock);
    DbStatementWindow baseline = null;
    DbStatementWindow incident;
    if (c.hasStatementDigests()) {
      long uptime = uptimeSeconds(db);
      StatementStats s0 = c.statementStats();
      Instant reset = s0.end().minusSeconds(uptime);
      if (sample.isZero()) {
        incident = window(reset, s0.end(), s0.statements());
      } else {
        pause(sample);
        StatementStats s1 = c.statementStats();
        incident = window(StatementStats.between(s0, s1));
        baseline = window(reset, s0.end(), s0.statements());
      }
    } else {
      Instant from = clock.instant();
      pause(sample);
      Instant to = clock.instant();
      incident = window(c.slowLog(from, to));
    }
    var plans = plans(incident, c::explain);
    return new DatabaseStats(component, dialect(), baseline, incident, plans, locks(c.lockWaits()));
  }

  /**
   * Seconds the server has run: performance_schema's digests accumulate from the start (unless
   * truncated by hand, which this cannot see).
   */
  private static long uptimeSeconds(DataSource db) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show global status like 'Uptime'")) {
      return rs.next() ? Math.max(0, rs.getLong(2)) : 0;
    }
  }
}
