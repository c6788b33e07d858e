package dev.warroom.experts.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Reads what the {@link DatabaseExpert} needs from a live MariaDB or MySQL server with read-only
 * queries: statement digests from performance_schema.events_statements_summary_by_digest (timers
 * are picoseconds), or the slow log table mysql.slow_log when performance_schema is off; plans with
 * {@code EXPLAIN FORMAT=JSON}; table sizes from information_schema.TABLES; lock waits from
 * information_schema.INNODB_LOCK_WAITS/INNODB_TRX/INNODB_LOCKS (MariaDB, MySQL 5.7), or
 * sys.innodb_lock_waits (MySQL 8), with an idle blocker's last statement from
 * performance_schema.events_statements_current. Does no I/O until a method is called.
 */
public final class MariaDbCollector {
  private static final Pattern LIMIT_PARAM = Pattern.compile("(?i)\\b(LIMIT|OFFSET)\\s+\\?");
  private final DataSource dataSource;
  private final InstantSource clock;

  public MariaDbCollector(DataSource dataSource, InstantSource clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether performance_schema is enabled (a server start option). */
  public boolean hasStatementDigests() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select @@performance_schema")) {
      return rs.next() && rs.getInt(1) == 1;
    }
  }

  /** A cumulative snapshot of the statement digests of the current schema. */
  public StatementStats statementStats() throws SQLException {
    String sql =
        "select DIGEST, DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT / 1000000000.0,"
            + " SUM_ROWS_SENT + SUM_ROWS_AFFECTED, SUM_ROWS_EXAMINED"
            + " from performance_schema.events_statements_summary_by_digest"
            + " where SCHEMA_NAME = database() and DIGEST_TEXT is not null";
    List<StatementStat> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(
            new StatementStat(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getDouble(4),
                rs.getLong(5),
                rs.getLong(6)));
      }
    }
    return StatementStats.snapshot(SqlDialect.MYSQL, clock.instant(), out);
  }

  /**
   * The statements of the slow log table (log_output=TABLE) that started in [{@code from}, {@code
   * to}), one entry per execution, for servers without performance_schema.
   */
  public StatementStats slowLog(Instant from, Instant to) throws SQLException {
    List<StatementStat> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select sql_text, time_to_sec(query_time) * 1000, rows_sent, rows_examined"
                    + " from mysql.slow_log where db = database()"
                    + " and start_time >= from_unixtime(?) and start_time < from_unixtime(?)")) {
      ps.setDouble(1, from.toEpochMilli() / 1000.0);
      ps.setDouble(2, to.toEpochMilli() / 1000.0);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String text = rs.getString(1);
          if (text != null && !text.isBlank()) {
            out.add(new StatementStat("", text, 1, rs.getDouble(2), rs.getLong(3), rs.getLong(4)));
          }
        }
      }
    }
    return new StatementStats(SqlDialect.MYSQL, from, to, out);
  }

  /**
   * The plan of one SELECT, without running it. Digest text carries {@code ?} for literals, which
   * EXPLAIN rejects: each becomes the string '1' (compared to a number or string column it keeps
   * the index choice intact), {@code LIMIT ?} becomes {@code LIMIT 1}.
   */
  public Plan explain(String sql) throws SQLException {
    String select = ReadOnlyGuard.requireSelect(StatementNormalizer.prepare(sql));
    select = LIMIT_PARAM.matcher(select).replaceAll("$1 1").replace("?", "'1'");
    try (Connection c = dataSource.getConnection()) {
      c.setReadOnly(true);
      String json;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("explain format=json " + select)) {
        rs.next();
        json = rs.getString(1);
      }
      Plan plan = new PlanParser().parse(sql, json, Map.of(), "EXPLAIN");
      Map<String, Long> rows = new HashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "select TABLE_ROWS from information_schema.TABLES"
                  + " where TABLE_SCHEMA = database() and lower(TABLE_NAME) = ?")) {
        for (TableAccess a : plan.accesses()) {
          ps.setString(1, a.table());
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              rows.put(a.table(), rs.getLong(1));
            }
          }
        }
      }
      return new Plan(plan.dialect(), plan.statement(), plan.accesses(), rows, json);
    }
  }

  /** Every transaction waiting for an InnoDB lock, with the transaction blocking it. */
  public List<LockWait> lockWaits() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try {
        return informationSchemaWaits(c);
      } catch (SQLException e) {
        // MySQL 8 dropped INNODB_LOCK_WAITS; its sys schema has the same join
        return sysWaits(c);
      }
    }
  }

  private List<LockWait> informationSchemaWaits(Connection c) throws SQLException {
    String sql =
        "select r.trx_mysql_thread_id, r.trx_query, b.trx_mysql_thread_id, b.trx_query,"
            + " l.lock_table, l.lock_mode,"
            + " timestampdiff(microsecond, r.trx_wait_started, now(6)) / 1000"
            + " from information_schema.INNODB_LOCK_WAITS w"
            + " join information_schema.INNODB_TRX r on r.trx_id = w.requesting_trx_id"
            + " join information_schema.INNODB_TRX b on b.trx_id = w.blocking_trx_id"
            + " left join information_schema.INNODB_LOCKS l on l.lock_id = w.requested_lock_id";
    return read(c, sql);
  }

  private List<LockWait> sysWaits(Connection c) throws SQLException {
    String sql =
        "select waiting_pid, waiting_query, blocking_pid, blocking_query, locked_table,"
            + " waiting_lock_mode, wait_age_secs * 1000 from sys.innodb_lock_waits";
    return read(c, sql);
  }

  private List<LockWait> read(Connection c, String sql) throws SQLException {
    List<LockWait> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String blockingQuery = rs.getString(4);
        String blocker = rs.getString(3);
        String state = "active";
        if (blockingQuery == null) {
          blockingQuery = lastStatement(c, blocker);
          state = "idle in transaction";
        }
        out.add(
            new LockWait(
                rs.getString(1),
                rs.getString(2),
                blocker,
                blockingQuery,
                state,
                rs.getString(5) == null ? null : PredicateColumns.bare(rs.getString(5)),
                rs.getString(6),
                Duration.ofMillis(Math.max(0, Math.round(rs.getDouble(7))))));
      }
    }
    return out;
  }

  /** The last statement a connection ran, where performance_schema keeps it; else null. */
  private static String lastStatement(Connection c, String processlistId) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select e.SQL_TEXT, e.EVENT_ID from performance_schema.events_statements_current e"
                + " join performance_schema.threads t on t.THREAD_ID = e.THREAD_ID"
                + " where t.PROCESSLIST_ID = ? and e.SQL_TEXT is not null"
                + " union all select h.SQL_TEXT, h.EVENT_ID"
                + " from performance_schema.events_statements_history h"
                + " join performance_schema.threads t on t.THREAD_ID = h.THREAD_ID"
                + " where t.PROCESSLIST_ID = ? and h.SQL_TEXT is not null"
                + " order by 2 desc limit 1")) {
      ps.setString(1, processlistId);
      ps.setString(2, processlistId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      // performance_schema disabled: the blocker is still named, its statement is not
      return null;
    }
  }
}
