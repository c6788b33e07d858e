package dev.warroom.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.warroom.model.Event;
import dev.warroom.store.EventQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.bundle.EventJson;
import dev.warroom.store.bundle.ModelJson;
import dev.warroom.store.bundle.Timestamps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Event queries as DuckDB SQL; each row holds the event's full JSON form. */
final class EventSql {
  private EventSql() {}

  static QueryResult<Event> events(Connection c, EventQuery q) throws SQLException {
    Sql sql = new Sql("SELECT data FROM events");
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
    if (q.objectKind() != null) {
      sql.and().append("object_kind = ").str(q.objectKind());
    }
    if (q.objectName() != null) {
      sql.and().append("object_name = ").str(q.objectName());
    }
    if (!q.reasons().isEmpty()) {
      sql.and().append("reason IN ").strList(q.reasons());
    }
    sql.append("\nORDER BY ts, seq LIMIT ")
        .num(q.limit() == Integer.MAX_VALUE ? q.limit() : q.limit() + 1L);
    String text = sql.toString();
    List<Event> out = new ArrayList<>();
    boolean truncated = false;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(text)) {
      while (rs.next()) {
        if (out.size() == q.limit()) {
          truncated = true;
          break;
        }
        try {
          out.add(
              EventJson.eventFromJson(
                  ModelJson.mapper().readTree(rs.getString(1)), Timestamps.UTC));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("corrupt event in store: " + rs.getString(1), e);
        }
      }
    }
    return new QueryResult<>(out, DuckDbStore.DIALECT, text, truncated);
  }
}
