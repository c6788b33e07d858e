package dev.warroom.store.duckdb;

import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.store.LogCount;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.bundle.ModelJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Log queries as DuckDB SQL. Body regexes run in DuckDB's RE2 engine ({@code regexp_matches}). */
final class LogSql {
  private LogSql() {}

  static void where(Sql sql, LogQuery q) {
    if (q.window() != null) {
      sql.and()
          .append("ts >= ")
          .tsNs(q.window().start())
          .append(" AND ts < ")
          .tsNs(q.window().end());
    }
    if (!q.services().isEmpty()) {
      sql.and().append("service IN ").strList(q.services());
    }
    if (q.minSeverity() != null) {
      List<String> levels = new ArrayList<>();
      for (Severity s : EnumSet.range(q.minSeverity(), Severity.FATAL)) {
        levels.add(s.name());
      }
      sql.and().append("severity IN ").strList(levels);
    }
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(q.attributes()).entrySet()) {
      sql.and()
          .append("json_extract_string(attributes, ")
          .str("$.\"" + e.getKey().replace("\"", "\\\"") + "\"")
          .append(") = ")
          .str(e.getValue());
    }
    if (q.contains() != null) {
      sql.and().append("contains(body, ").str(q.contains()).append(")");
    }
    if (q.regex() != null) {
      sql.and().append("regexp_matches(body, ").str(q.regex()).append(")");
    }
    if (q.traceId() != null) {
      sql.and().append("trace_id = ").str(q.traceId());
    }
  }

  static QueryResult<LogRecord> logs(Connection c, LogQuery q) throws SQLException {
    Sql sql =
        new Sql(
            "SELECT epoch_ns(ts), service, severity, body, attributes, trace_id, span_id\nFROM logs");
    where(sql, q);
    sql.append("\nORDER BY ts, seq LIMIT ")
        .num(q.limit() == Integer.MAX_VALUE ? q.limit() : q.limit() + 1L);
    String text = sql.toString();
    List<LogRecord> out = new ArrayList<>();
    boolean truncated = false;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(text)) {
      while (rs.next()) {
        if (out.size() == q.limit()) {
          truncated = true;
          break;
        }
        out.add(
            new LogRecord(
                TimeText.ofNanos(rs.getLong(1)),
                rs.getString(2),
                Severity.valueOf(rs.getString(3)),
                rs.getString(4),
                ModelJson.attributesFromJson(rs.getString(5)),
                rs.getString(6),
                rs.getString(7)));
      }
    }
    return new QueryResult<>(out, DuckDbStore.DIALECT, text, truncated);
  }

  static QueryResult<LogCount> counts(Connection c, LogCountQuery q) throws SQLException {
    boolean byService = q.groupBy().contains(LogCountQuery.GroupBy.SERVICE);
    boolean bySeverity = q.groupBy().contains(LogCountQuery.GroupBy.SEVERITY);
    long bucketNs = q.bucket() == null ? 0 : q.bucket().toNanos();
    Sql sql = new Sql("SELECT ");
    sql.append(bucketNs > 0 ? "epoch_ns(ts) // " + bucketNs + " * " + bucketNs : "NULL")
        .append(" AS bucket, ");
    sql.append(byService ? "service" : "NULL").append(" AS service, ");
    sql.append(bySeverity ? "severity" : "NULL").append(" AS severity, count(*) AS n\nFROM logs");
    where(sql, q.filter());
    sql.append("\nGROUP BY ALL ORDER BY ALL");
    String text = sql.toString();
    List<LogCount> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(text)) {
      while (rs.next()) {
        long b = rs.getLong(1);
        boolean noBucket = rs.wasNull();
        String sev = rs.getString(3);
        out.add(
            new LogCount(
                noBucket ? null : TimeText.ofNanos(b),
                rs.getString(2),
                sev == null ? null : Severity.valueOf(sev),
                rs.getLong(4)));
      }
    }
    return new QueryResult<>(out, DuckDbStore.DIALECT, text, false);
  }
}
