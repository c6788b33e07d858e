package dev.warroom.store.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DbLockWait;
import dev.warroom.model.DbPlan;
import dev.warroom.model.DbStatement;
import dev.warroom.model.DbStatementWindow;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.QueryResult;
import dev.warroom.store.bundle.ModelJson;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Database statistics in the embedded store: tables {@code db_components}, {@code db_statements},
 * {@code db_plans} and {@code db_lock_waits} (see {@link Schema}). A database loaded again replaces
 * its earlier rows. Reads run four SQL statements whose text, values inlined, is the native query.
 */
final class DatabaseSql {
  private DatabaseSql() {}

  static void insert(Connection c, List<DatabaseStats> databases) throws SQLException {
    for (DatabaseStats d : databases) {
      for (String table : List.of("db_components", "db_statements", "db_plans", "db_lock_waits")) {
        try (PreparedStatement del =
            c.prepareStatement("DELETE FROM " + table + " WHERE component = ?")) {
          del.setString(1, d.component());
          del.executeUpdate();
        }
      }
      try (PreparedStatement ins =
          c.prepareStatement("INSERT INTO db_components VALUES (?, ?, ?, ?, ?, ?)")) {
        ins.setString(1, d.component());
        ins.setString(2, d.dialect());
        if (d.baseline() == null) {
          ins.setObject(3, null);
          ins.setObject(4, null);
        } else {
          ins.setLong(3, TimeText.nanos(d.baseline().window().start()));
          ins.setLong(4, TimeText.nanos(d.baseline().window().end()));
        }
        ins.setLong(5, TimeText.nanos(d.incident().window().start()));
        ins.setLong(6, TimeText.nanos(d.incident().window().end()));
        ins.executeUpdate();
      }
      try (PreparedStatement ins =
          c.prepareStatement("INSERT INTO db_statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        statements(ins, d.component(), "baseline", d.baseline());
        statements(ins, d.component(), "incident", d.incident());
      }
      try (PreparedStatement ins =
          c.prepareStatement("INSERT INTO db_plans VALUES (?, ?, ?, ?, ?)")) {
        int seq = 0;
        for (DbPlan p : d.plans()) {
          ObjectNode rows = ModelJson.mapper().createObjectNode();
          new TreeMap<>(p.tableRows()).forEach(rows::put);
          ins.setString(1, d.component());
          ins.setInt(2, seq++);
          ins.setString(3, p.statement());
          ins.setString(4, rows.toString());
          ins.setString(5, p.planJson());
          ins.executeUpdate();
        }
      }
      try (PreparedStatement ins =
          c.prepareStatement("INSERT INTO db_lock_waits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int seq = 0;
        for (DbLockWait w : d.lockWaits()) {
          ins.setString(1, d.component());
          ins.setInt(2, seq++);
          ins.setString(3, w.waitingSession());
          ins.setString(4, w.waitingStatement());
          ins.setString(5, w.blockingSession());
          ins.setString(6, w.blockingStatement());
          ins.setString(7, w.blockingState());
          ins.setString(8, w.relation());
          ins.setString(9, w.lockMode());
          ins.setLong(10, w.waited().toMillis());
          ins.executeUpdate();
        }
      }
    }
  }

  private static void statements(
      PreparedStatement ins, String component, String phase, DbStatementWindow w)
      throws SQLException {
    if (w == null) {
      return;
    }
    int seq = 0;
    for (DbStatement s : w.statements()) {
      ins.setString(1, component);
      ins.setString(2, phase);
      ins.setInt(3, seq++);
      ins.setString(4, s.id());
      ins.setString(5, s.text());
      ins.setLong(6, s.calls());
      ins.setDouble(7, s.totalTimeMs());
      ins.setLong(8, s.rows());
      ins.setLong(9, s.rowsExamined());
      ins.executeUpdate();
    }
  }

  /** The databases named (all when {@code component} is null), sorted by component. */
  static QueryResult<DatabaseStats> read(Connection c, String component) throws SQLException {
    String where = component == null ? "" : "\nWHERE component = " + Sql.quote(component);
    String qComponents =
        "SELECT component, dialect, baseline_start_ns, baseline_end_ns, incident_start_ns,"
            + " incident_end_ns\nFROM db_components"
            + where
            + "\nORDER BY component";
    String qStatements =
        "SELECT component, phase, digest, query, calls, total_time_ms, rows, rows_examined\n"
            + "FROM db_statements"
            + where
            + "\nORDER BY component, phase, seq";
    String qPlans =
        "SELECT component, statement, table_rows, plan\nFROM db_plans"
            + where
            + "\nORDER BY component, seq";
    String qLocks =
        "SELECT component, waiting_session, waiting_statement, blocking_session,"
            + " blocking_statement, blocking_state, relation, lock_mode, waited_ms\n"
            + "FROM db_lock_waits"
            + where
            + "\nORDER BY component, seq";
    Map<String, Builder> byComponent = new LinkedHashMap<>();
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(qComponents)) {
        while (rs.next()) {
          Builder b = new Builder(rs.getString(1), rs.getString(2));
          long bs = rs.getLong(3);
          if (!rs.wasNull()) {
            b.baseline = new TimeWindow(TimeText.ofNanos(bs), TimeText.ofNanos(rs.getLong(4)));
          }
          b.incident =
              new TimeWindow(TimeText.ofNanos(rs.getLong(5)), TimeText.ofNanos(rs.getLong(6)));
          byComponent.put(b.component, b);
        }
      }
      try (ResultSet rs = st.executeQuery(qStatements)) {
        while (rs.next()) {
          Builder b = byComponent.get(rs.getString(1));
          DbStatement s =
              new DbStatement(
                  rs.getString(3),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getDouble(6),
                  rs.getLong(7),
                  rs.getLong(8));
          (rs.getString(2).equals("baseline") ? b.baselineRows : b.incidentRows).add(s);
        }
      }
      try (ResultSet rs = st.executeQuery(qPlans)) {
        while (rs.next()) {
          Map<String, Long> rows = new LinkedHashMap<>();
          JsonNode n = ModelJson.mapper().readTree(rs.getString(3));
          n.fields().forEachRemaining(e -> rows.put(e.getKey(), e.getValue().asLong()));
          byComponent
              .get(rs.getString(1))
              .plans
              .add(new DbPlan(rs.getString(2), rows, rs.getString(4)));
        }
      } catch (IOException e) {
        throw new IllegalStateException("corrupt table_rows in store", e);
      }
      try (ResultSet rs = st.executeQuery(qLocks)) {
        while (rs.next()) {
          byComponent
              .get(rs.getString(1))
              .locks
              .add(
                  new DbLockWait(
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      rs.getString(8),
                      Duration.ofMillis(rs.getLong(9))));
        }
      }
    }
    List<DatabaseStats> out = new ArrayList<>();
    for (Builder b : byComponent.values()) {
      out.add(b.build());
    }
    String sql = String.join(";\n", qComponents, qStatements, qPlans, qLocks) + ";";
    return new QueryResult<>(out, DuckDbStore.DIALECT, sql, false);
  }

  /** Rows of one database while they are read. */
  private static final class Builder {
    final String component;
    final String dialect;
    TimeWindow baseline;
    TimeWindow incident;
    final List<DbStatement> baselineRows = new ArrayList<>();
    final List<DbStatement> incidentRows = new ArrayList<>();
    final List<DbPlan> plans = new ArrayList<>();
    final List<DbLockWait> locks = new ArrayList<>();

    Builder(String component, String dialect) {
      this.component = component;
      this.dialect = dialect;
    }

    DatabaseStats build() {
      return new DatabaseStats(
          component,
          dialect,
          baseline == null ? null : new DbStatementWindow(baseline, baselineRows),
          new DbStatementWindow(incident, incidentRows),
          plans,
          locks);
    }
  }
}
