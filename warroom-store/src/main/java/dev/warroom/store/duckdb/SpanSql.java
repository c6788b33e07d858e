package dev.warroom.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import dev.warroom.store.QueryResult;
import dev.warroom.store.SpanAggregate;
import dev.warroom.store.SpanAggregateQuery;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.bundle.ModelJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Trace queries as DuckDB SQL. */
final class SpanSql {
  private static final String COLUMNS =
      "SELECT trace_id, span_id, parent_id, service, operation, kind, epoch_ns(start_ts),"
          + " duration_ns, status, attributes, events\nFROM spans";

  private SpanSql() {}

  static void where(Sql sql, SpanQuery q) {
    if (q.window() != null) {
      sql.and()
          .append("start_ts >= ")
          .tsNs(q.window().start())
          .append(" AND start_ts < ")
          .tsNs(q.window().end());
    }
    if (!q.services().isEmpty()) {
      sql.and().append("service IN ").strList(q.services());
    }
    if (q.operation() != null) {
      sql.and().append("operation = ").str(q.operation());
    }
    if (q.status() != null) {
      sql.and().append("status = ").str(q.status().name());
    }
    if (q.minDuration() != null) {
      sql.and().append("duration_ns >= ").num(q.minDuration().toNanos());
    }
  }

  static QueryResult<Span> trace(Connection c, String traceId) throws SQLException {
    Sql sql = new Sql(COLUMNS);
    sql.and().append("trace_id = ").str(traceId).append("\nORDER BY start_ts, seq");
    return run(c, sql.toString(), Integer.MAX_VALUE);
  }

  static QueryResult<Span> spans(Connection c, SpanQuery q) throws SQLException {
    Sql sql = new Sql(COLUMNS);
    where(sql, q);
    sql.append("\nORDER BY start_ts, seq LIMIT ")
        .num(q.limit() == Integer.MAX_VALUE ? q.limit() : q.limit() + 1L);
    return run(c, sql.toString(), q.limit());
  }

  private static QueryResult<Span> run(Connection c, String text, int limit) throws SQLException {
    List<Span> out = new ArrayList<>();
    boolean truncated = false;
    // Spans of one service and operation mostly carry the same few attribute sets (route, status,
    // pod, peer): each distinct JSON text is parsed once per query, not once per span. Bounded so
    // a result of all-distinct attributes does not hold a second copy of them.
    Map<String, Map<String, String>> parsed = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(text)) {
      while (rs.next()) {
        if (out.size() == limit) {
          truncated = true;
          break;
        }
        out.add(
            new Span(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                SpanKind.valueOf(rs.getString(6)),
                TimeText.ofNanos(rs.getLong(7)),
                Duration.ofNanos(rs.getLong(8)),
                SpanStatus.valueOf(rs.getString(9)),
                attributes(rs.getString(10), parsed),
                events(rs.getString(11))));
      }
    }
    return new QueryResult<>(out, DuckDbStore.DIALECT, text, truncated);
  }

  private static Map<String, String> attributes(
      String json, Map<String, Map<String, String>> parsed) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    Map<String, String> m = parsed.get(json);
    if (m == null) {
      m = Map.copyOf(ModelJson.attributesFromJson(json));
      if (parsed.size() < MAX_CACHED_ATTRIBUTE_SETS) {
        parsed.put(json, m);
      }
    }
    return m;
  }

  private static final int MAX_CACHED_ATTRIBUTE_SETS = 4096;

  private static List<SpanEvent> events(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      List<SpanEvent> out = new ArrayList<>();
      for (JsonNode e : ModelJson.mapper().readTree(json)) {
        out.add(
            new SpanEvent(
                TimeText.ofNanos(e.get("ts").asLong()),
                e.get("name").asText(),
                ModelJson.stringMap(e.get("attributes"))));
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt span events in store: " + json, e);
    }
  }

  static QueryResult<SpanAggregate> aggregates(Connection c, SpanAggregateQuery q)
      throws SQLException {
    long bucketNs = q.bucket() == null ? 0 : q.bucket().toNanos();
    Sql sql = new Sql("SELECT ");
    sql.append(bucketNs > 0 ? "epoch_ns(start_ts) // " + bucketNs + " * " + bucketNs : "NULL")
        .append(" AS bucket, service, operation, count(*) AS n,")
        .append(" count(*) FILTER (WHERE status = 'ERROR') AS errors,")
        .append(" quantile_disc(duration_ns, 0.5), quantile_disc(duration_ns, 0.95),")
        .append(" quantile_disc(duration_ns, 0.99), max(duration_ns)\nFROM spans");
    where(sql, q.filter());
    sql.append("\nGROUP BY ALL ORDER BY ALL");
    String text = sql.toString();
    List<SpanAggregate> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(text)) {
      while (rs.next()) {
        long b = rs.getLong(1);
        boolean noBucket = rs.wasNull();
        out.add(
            new SpanAggregate(
                noBucket ? null : TimeText.ofNanos(b),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                Duration.ofNanos(rs.getLong(6)),
                Duration.ofNanos(rs.getLong(7)),
                Duration.ofNanos(rs.getLong(8)),
                Duration.ofNanos(rs.getLong(9))));
      }
    }
    return new QueryResult<>(out, DuckDbStore.DIALECT, text, false);
  }
}
