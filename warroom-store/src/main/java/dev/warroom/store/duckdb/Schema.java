package dev.warroom.store.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of the embedded store. Times are DuckDB timestamps (nanoseconds for logs, spans and
 * events, as OTLP carries them; microseconds for metric points, which the model holds in
 * milliseconds). Attribute maps are JSON text, queried with the built-in JSON functions. {@code
 * seq} keeps the load order so that an export writes records back in the order they came.
 */
final class Schema {
  private Schema() {}

  static final String[] DDL = {
    "CREATE TABLE IF NOT EXISTS series(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        + " key VARCHAR NOT NULL, service VARCHAR, labels VARCHAR)",
    "CREATE TABLE IF NOT EXISTS series_labels(series_id INTEGER NOT NULL, label VARCHAR NOT NULL,"
        + " value VARCHAR NOT NULL)",
    "CREATE TABLE IF NOT EXISTS points(series_id INTEGER NOT NULL, ts TIMESTAMP NOT NULL,"
        + " value DOUBLE)",
    "CREATE TABLE IF NOT EXISTS logs(seq BIGINT NOT NULL, ts TIMESTAMP_NS NOT NULL,"
        + " service VARCHAR NOT NULL, severity VARCHAR NOT NULL, body VARCHAR NOT NULL,"
        + " attributes VARCHAR, trace_id VARCHAR, span_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS spans(seq BIGINT NOT NULL, trace_id VARCHAR NOT NULL,"
        + " span_id VARCHAR NOT NULL, parent_id VARCHAR, service VARCHAR NOT NULL,"
        + " operation VARCHAR NOT NULL, kind VARCHAR NOT NULL, start_ts TIMESTAMP_NS NOT NULL,"
        + " duration_ns BIGINT NOT NULL, status VARCHAR NOT NULL, attributes VARCHAR,"
        + " events VARCHAR)",
    "CREATE TABLE IF NOT EXISTS events(seq BIGINT NOT NULL, ts TIMESTAMP_NS NOT NULL,"
        + " type VARCHAR NOT NULL, service VARCHAR, reason VARCHAR NOT NULL,"
        + " object_kind VARCHAR, object_name VARCHAR, message VARCHAR, data VARCHAR NOT NULL)",
    "CREATE TABLE IF NOT EXISTS code(service VARCHAR NOT NULL, path VARCHAR NOT NULL,"
        + " content VARCHAR NOT NULL)",
    "CREATE TABLE IF NOT EXISTS meta(key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    // database statistics (bundle db/ folders): one row per database, then its statement
    // counters per window ("baseline" or "incident"), plans and lock waits, in bundle order
    "CREATE TABLE IF NOT EXISTS db_components(component VARCHAR PRIMARY KEY,"
        + " dialect VARCHAR NOT NULL, baseline_start_ns BIGINT, baseline_end_ns BIGINT,"
        + " incident_start_ns BIGINT NOT NULL, incident_end_ns BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS db_statements(component VARCHAR NOT NULL,"
        + " phase VARCHAR NOT NULL, seq INTEGER NOT NULL, digest VARCHAR NOT NULL,"
        + " query VARCHAR NOT NULL, calls BIGINT NOT NULL, total_time_ms DOUBLE NOT NULL,"
        + " rows BIGINT NOT NULL, rows_examined BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS db_plans(component VARCHAR NOT NULL, seq INTEGER NOT NULL,"
        + " statement VARCHAR NOT NULL, table_rows VARCHAR NOT NULL, plan VARCHAR NOT NULL)",
    "CREATE TABLE IF NOT EXISTS db_lock_waits(component VARCHAR NOT NULL, seq INTEGER NOT NULL,"
        + " waiting_session VARCHAR NOT NULL, waiting_statement VARCHAR NOT NULL,"
        + " blocking_session VARCHAR NOT NULL, blocking_statement VARCHAR NOT NULL,"
        + " blocking_state VARCHAR NOT NULL, relation VARCHAR NOT NULL,"
        + " lock_mode VARCHAR NOT NULL, waited_ms BIGINT NOT NULL)",
  };

  static void create(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      // the store never downloads extensions; json and icu are built into the driver
      st.execute("SET autoinstall_known_extensions = false");
      for (String ddl : DDL) {
        st.execute(ddl);
      }
    }
  }
}
