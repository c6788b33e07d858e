package dev.warroom.store.duckdb;

import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.Event;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.Topology;
import dev.warroom.model.WarroomException;
import dev.warroom.store.bundle.EventJson;
import dev.warroom.store.bundle.ModelJson;
import dev.warroom.store.bundle.TelemetrySink;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Loads telemetry into the store's tables with DuckDB appenders (columnar bulk appends, not row
 * inserts), inside the caller's open transaction: the caller commits after {@link #finish} or rolls
 * back, so a failed load leaves no trace. Not thread-safe; one loader per load.
 */
final class DuckDbLoader implements TelemetrySink, AutoCloseable {
  private final DuckDBConnection conn;
  private final Map<String, Integer> seriesIds = new HashMap<>();
  private int nextSeriesId;
  private long nextLogSeq;
  private long nextSpanSeq;
  private long nextEventSeq;
  private final DuckDBAppender seriesApp;
  private final DuckDBAppender labelApp;
  private final DuckDBAppender pointApp;
  private final DuckDBAppender logApp;
  private final DuckDBAppender spanApp;
  private final DuckDBAppender eventApp;
  private BundleManifest manifest;
  private Alert alert;
  private Topology topology;
  private final List<SourceFile> code = new ArrayList<>();
  private final List<dev.warroom.model.DatabaseStats> databases = new ArrayList<>();
  private long logs;
  private long spans;
  private long points;

  DuckDbLoader(DuckDBConnection conn) throws SQLException {
    this.conn = conn;
    try (Statement st = conn.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT id, key FROM series")) {
        while (rs.next()) {
          seriesIds.put(rs.getString(2), rs.getInt(1));
        }
      }
      nextSeriesId = seriesIds.values().stream().mapToInt(i -> i + 1).max().orElse(1);
      nextLogSeq = one(st, "SELECT coalesce(max(seq), 0) + 1 FROM logs");
      nextSpanSeq = one(st, "SELECT coalesce(max(seq), 0) + 1 FROM spans");
      nextEventSeq = one(st, "SELECT coalesce(max(seq), 0) + 1 FROM events");
    }
    seriesApp = conn.createAppender("series");
    labelApp = conn.createAppender("series_labels");
    pointApp = conn.createAppender("points");
    logApp = conn.createAppender("logs");
    spanApp = conn.createAppender("spans");
    eventApp = conn.createAppender("events");
  }

  private static long one(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void manifest(BundleManifest m) {
    manifest = m;
  }

  @Override
  public void alert(Alert a) {
    alert = a;
  }

  @Override
  public void topology(Topology t) {
    topology = t;
  }

  @Override
  public void code(SourceFile f) {
    code.add(f);
  }

  @Override
  public void database(dev.warroom.model.DatabaseStats d) {
    databases.add(d);
  }

  @Override
  public void series(MetricSeries s) {
    try {
      SeriesKey key = s.key();
      String k = key.toString();
      Integer id = seriesIds.get(k);
      if (id == null) {
        id = nextSeriesId++;
        seriesIds.put(k, id);
        seriesApp.beginRow().append(id.intValue()).append(key.name()).append(k);
        appendNullable(seriesApp, key.service());
        appendNullable(seriesApp, ModelJson.attributesToJson(key.labels()));
        seriesApp.endRow();
        for (Map.Entry<String, String> e : key.labels().entrySet()) {
          labelApp.beginRow().append(id.intValue()).append(e.getKey()).append(e.getValue());
          labelApp.endRow();
        }
      }
      int sid = id;
      for (int i = 0; i < s.size(); i++) {
        pointApp.beginRow().append(sid).appendEpochMicros(s.timestampAt(i) * 1000L);
        pointApp.append(s.valueAt(i)).endRow();
      }
      points += s.size();
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable(
          "appending series " + s.key() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void log(LogRecord r) {
    try {
      logApp.beginRow().append(nextLogSeq++).appendEpochNanos(TimeText.nanos(r.timestamp()));
      logApp.append(r.service()).append(r.severity().name()).append(r.body());
      appendNullable(logApp, ModelJson.attributesToJson(r.attributes()));
      appendNullable(logApp, r.traceId());
      appendNullable(logApp, r.spanId());
      logApp.endRow();
      logs++;
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable("appending a log record" + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void span(Span s) {
    try {
      spanApp.beginRow().append(nextSpanSeq++).append(s.traceId()).append(s.spanId());
      appendNullable(spanApp, s.parentSpanId());
      spanApp.append(s.service()).append(s.operation()).append(s.kind().name());
      spanApp.appendEpochNanos(TimeText.nanos(s.start())).append(s.duration().toNanos());
      spanApp.append(s.status().name());
      appendNullable(spanApp, ModelJson.attributesToJson(s.attributes()));
      appendNullable(spanApp, s.events().isEmpty() ? null : spanEventsJson(s.events()));
      spanApp.endRow();
      spans++;
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable("appending a span" + ": " + e.getMessage(), e);
    }
  }

  static String spanEventsJson(List<SpanEvent> events) {
    var arr = ModelJson.mapper().createArrayNode();
    for (SpanEvent e : events) {
      var o = arr.addObject().put("ts", TimeText.nanos(e.timestamp())).put("name", e.name());
      if (!e.attributes().isEmpty()) {
        var a = o.putObject("attributes");
        e.attributes().forEach(a::put);
      }
    }
    return arr.toString();
  }

  @Override
  public void event(Event e) {
    try {
      eventApp.beginRow().append(nextEventSeq++).appendEpochNanos(TimeText.nanos(e.time()));
      eventApp.append(EventJson.typeOf(e));
      appendNullable(eventApp, e.service());
      if (e instanceof KubernetesEvent k) {
        eventApp.append(k.reason()).append(k.object().kind()).append(k.object().name());
        eventApp.append(k.message());
      } else {
        eventApp.append(EventJson.typeOf(e)).appendNull().appendNull().append(e.describe());
      }
      eventApp.append(EventJson.eventToJson(e).toString()).endRow();
    } catch (SQLException ex) {
      throw new WarroomException.NonRetriable("appending an event" + ": " + ex.getMessage(), ex);
    }
  }

  private static void appendNullable(DuckDBAppender a, String v) throws SQLException {
    if (v == null) {
      a.appendNull();
    } else {
      a.append(v);
    }
  }

  /** Flushes the appenders and writes the documents; the caller then commits. */
  void finish() throws SQLException {
    for (DuckDBAppender a : List.of(seriesApp, labelApp, pointApp, logApp, spanApp, eventApp)) {
      a.flush();
    }
    Map<String, String> meta = new LinkedHashMap<>();
    // an empty manifest (a bundle without one, an OTLP batch) keeps the stored one
    if (manifest != null && !manifest.equals(BundleManifest.empty())) {
      meta.put("manifest", ModelJson.manifestToJson(manifest).toString());
    }
    if (alert != null) {
      meta.put("alert", ModelJson.alertToJson(alert));
    }
    if (topology != null && !topology.isEmpty()) {
      meta.put("topology", ModelJson.topologyToJson(topology).toString());
    }
    try (PreparedStatement del = conn.prepareStatement("DELETE FROM meta WHERE key = ?");
        PreparedStatement ins = conn.prepareStatement("INSERT INTO meta VALUES (?, ?)")) {
      for (Map.Entry<String, String> e : meta.entrySet()) {
        del.setString(1, e.getKey());
        del.executeUpdate();
        ins.setString(1, e.getKey());
        ins.setString(2, e.getValue());
        ins.executeUpdate();
      }
    }
    try (PreparedStatement del =
            conn.prepareStatement("DELETE FROM code WHERE service = ? AND path = ?");
        PreparedStatement ins = conn.prepareStatement("INSERT INTO code VALUES (?, ?, ?)")) {
      for (SourceFile f : code) {
        del.setString(1, f.service());
        del.setString(2, f.path());
        del.executeUpdate();
        ins.setString(1, f.service());
        ins.setString(2, f.path());
        ins.setString(3, f.content());
        ins.executeUpdate();
      }
    }
    DatabaseSql.insert(conn, databases);
  }

  long logCount() {
    return logs;
  }

  long spanCount() {
    return spans;
  }

  long pointCount() {
    return points;
  }

  @Override
  public void close() {
    for (DuckDBAppender a : List.of(seriesApp, labelApp, pointApp, logApp, spanApp, eventApp)) {
      try {
        a.close();
      } catch (SQLException | RuntimeException e) {
        // closing after a failed load: the transaction is rolled back anyway
      }
    }
  }
}
