package dev.warroom.experts.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Reads what the {@link DatabaseExpert} needs from a live PostgreSQL server with read-only queries:
 * statement counters from pg_stat_statements (or, where the extension is not installed, by sampling
 * pg_stat_activity), plans with {@code EXPLAIN (FORMAT JSON)} — for normalised text with {@code $n}
 * parameters via PREPARE and a generic plan, as pg_stat_statements stores no literals — table sizes
 * from pg_class, and lock waits from pg_locks and pg_blocking_pids. Does no I/O until a method is
 * called.
 */
public final class PostgresCollector {
  private static final Pattern PARAM = Pattern.compile("\\$(\\d+)");
  private final DataSource dataSource;
  private final InstantSource clock;

  public PostgresCollector(DataSource dataSource, InstantSource clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether pg_stat_statements is installed in the connected database. */
  public boolean hasStatementStatistics() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select 1 from pg_extension where extname = 'pg_stat_statements'")) {
      return rs.next();
    }
  }

  /** A cumulative snapshot of pg_stat_statements for the current database. */
  public StatementStats statementStats() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String time =
          c.getMetaData().getDatabaseMajorVersion() >= 13 ? "total_exec_time" : "total_time";
      String sql =
          "select queryid::text, query, calls, "
              + time
              + ", rows from pg_stat_statements"
              + " where dbid = (select oid from pg_database where datname = current_database())"
              + " and query is not null";
      List<StatementStat> out = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          String text = rs.getString(2);
          if (text != null && !text.isBlank()) {
            out.add(
                new StatementStat(
                    rs.getString(1), text, rs.getLong(3), rs.getDouble(4), rs.getLong(5), -1));
          }
        }
      }
      return StatementStats.snapshot(SqlDialect.POSTGRES, clock.instant(), out);
    }
  }

  /**
   * The fallback without pg_stat_statements: samples the statements of active sessions {@code
   * samples} times, {@code interval} apart. Each sighting counts as one call of {@code interval}
   * duration, so load is approximated by how often a statement is seen running (the "active session
   * history" method of Oracle ASH and pg_wait_sampling).
   */
  public StatementStats sampleActivity(int samples, Duration interval)
      throws SQLException, InterruptedException {
    if (samples < 1) {
      throw new IllegalArgumentException("samples < 1: " + samples);
    }
    var start = clock.instant();
    Map<String, long[]> seen = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select query from pg_stat_activity where state = 'active' and pid <>"
                    + " pg_backend_pid() and datname = current_database() and query <> ''")) {
      for (int i = 0; i < samples; i++) {
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            seen.computeIfAbsent(rs.getString(1), k -> new long[1])[0]++;
          }
        }
        if (i + 1 < samples) {
          Thread.sleep(interval.toMillis());
        }
      }
    }
    List<StatementStat> out = new ArrayList<>();
    seen.forEach(
        (q, n) -> out.add(new StatementStat("", q, n[0], n[0] * interval.toMillis(), 0, -1)));
    return new StatementStats(SqlDialect.POSTGRES, start, clock.instant(), out);
  }

  /** The plan of one SELECT, without running it; {@code $n} parameters get a generic plan. */
  public Plan explain(String sql) throws SQLException {
    String select = ReadOnlyGuard.requireSelect(sql);
    String json;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try (Statement s = c.createStatement()) {
        Matcher m = PARAM.matcher(select);
        TreeSet<Integer> params = new TreeSet<>();
        while (m.find()) {
          params.add(Integer.parseInt(m.group(1)));
        }
        if (params.isEmpty()) {
          json = single(s, "explain (format json) " + select);
        } else {
          // a generic plan keeps $n symbolic; a custom plan with NULLs would fold to "false"
          s.execute("set local plan_cache_mode = force_generic_plan");
          s.execute("prepare warroom_explain as " + select);
          String args = String.join(", ", java.util.Collections.nCopies(params.last(), "null"));
          json = single(s, "explain (format json) execute warroom_explain(" + args + ")");
          s.execute("deallocate warroom_explain");
        }
      } finally {
        c.rollback();
      }
      Plan plan = new PlanParser().parse(select, json, Map.of(), "EXPLAIN");
      Map<String, Long> rows = new HashMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "select greatest(c.reltuples, coalesce(s.n_live_tup, 0))::bigint from pg_class c"
                  + " left join pg_stat_user_tables s on s.relid = c.oid"
                  + " where c.relname = ? and c.relkind in ('r', 'p') order by 1 desc limit 1")) {
        for (TableAccess a : plan.accesses()) {
          ps.setString(1, a.table());
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              rows.put(a.table(), Math.max(0, rs.getLong(1)));
            }
          }
        }
      }
      return new Plan(plan.dialect(), plan.statement(), plan.accesses(), rows, json);
    }
  }

  /** Every session waiting for a lock, with the session(s) blocking it. */
  public List<LockWait> lockWaits() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean waitstart = c.getMetaData().getDatabaseMajorVersion() >= 14;
      String sql =
          "select w.pid, w.query, b.pid, b.query, b.state, l.relation::regclass::text,"
              + " l.locktype || ' ' || l.mode,"
              + " extract(epoch from clock_timestamp() - "
              + (waitstart ? "coalesce(l.waitstart, w.state_change)" : "w.state_change")
              + ") from pg_stat_activity w"
              + " cross join lateral unnest(pg_blocking_pids(w.pid)) as bp(pid)"
              + " join pg_stat_activity b on b.pid = bp.pid"
              + " left join lateral (select * from pg_locks x where x.pid = w.pid and not x.granted"
              + " limit 1) l on true"
              + " where w.wait_event_type = 'Lock'";
      List<LockWait> out = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          out.add(
              new LockWait(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  Duration.ofMillis(Math.max(0, Math.round(rs.getDouble(8) * 1000)))));
        }
      }
      return out;
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
