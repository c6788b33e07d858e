package dev.warroom.store.duckdb;

import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.DataQuality;
import dev.warroom.model.Event;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;
import dev.warroom.model.WarroomException;
import dev.warroom.store.EventQuery;
import dev.warroom.store.LogCount;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.MetricAggregationQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.SpanAggregate;
import dev.warroom.store.SpanAggregateQuery;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.bundle.BundleReader;
import dev.warroom.store.bundle.ModelJson;
import dev.warroom.store.bundle.ProgressListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * The embedded telemetry store: DuckDB in memory or in a file. Reads run on their own duplicated
 * connection so that several may run at once; loads are serialised and atomic: {@link
 * #ingest(IncidentBundle)} and {@link #ingest(Path, ProgressListener)} append in bulk inside one
 * transaction and roll back on any error, so the store is exactly as before a failed load.
 */
public final class DuckDbStore implements TelemetryStore {
  /** The dialect name carried by every {@link QueryResult} of this store. */
  public static final String DIALECT = "duckdb-sql";

  private final DuckDBConnection conn;
  private final String description;
  private final Object writeLock = new Object();
  private volatile boolean closed;

  private DuckDbStore(DuckDBConnection conn, String description) {
    this.conn = conn;
    this.description = description;
  }

  /**
   * A new, empty store in memory. {@link #topology()} is the loaded topology, or when none was
   * loaded the service graph derived from the spans.
   */
  public static DuckDbStore inMemory() {
    return connect("jdbc:duckdb:", "in-memory DuckDB");
  }

  /** Opens (creating when absent) a store in a DuckDB database file. */
  public static DuckDbStore open(Path file) {
    Path abs = file.toAbsolutePath();
    return connect("jdbc:duckdb:" + abs, "DuckDB file " + abs);
  }

  private static DuckDbStore connect(String url, String description) {
    try {
      DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection(url);
      Schema.create(c);
      return new DuckDbStore(c, description);
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable(
          "cannot open " + description + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return description;
  }

  // ---- write side ------------------------------------------------------------------------

  /** Loads a bundle held in memory; all or nothing. */
  public void ingest(IncidentBundle b) {
    load(
        sink -> {
          sink.manifest(b.manifest());
          if (b.alert() != null) {
            sink.alert(b.alert());
          }
          b.metrics().forEach(sink::series);
          b.logs().forEach(sink::log);
          b.spans().forEach(sink::span);
          b.events().forEach(sink::event);
          sink.topology(b.topology());
          b.code().forEach(sink::code);
          b.databases().forEach(sink::database);
        });
  }

  /**
   * Reads a bundle folder and streams it into the store; all or nothing. Malformed input throws
   * {@code InvalidInputException} with every problem found, and the store is left unchanged.
   */
  public LoadStats ingest(Path bundleDir, ProgressListener progress) {
    return ingest(bundleDir, progress, true);
  }

  /**
   * Reads a bundle folder and streams it into the store. Strict: all or nothing, as {@link
   * #ingest(Path, ProgressListener)}. Not strict: malformed records, empty files and clocks far off
   * are skipped and counted in {@link LoadStats#quality()}; only a bundle with nothing readable
   * throws (and leaves the store unchanged).
   */
  public LoadStats ingest(Path bundleDir, ProgressListener progress, boolean strict) {
    DataQuality[] quality = {DataQuality.none()};
    LoadStats stats =
        load(
            loader -> {
              PipelinedSink pipe = new PipelinedSink(loader);
              try {
                quality[0] = BundleReader.read(bundleDir, pipe, progress, strict);
              } catch (RuntimeException e) {
                try {
                  pipe.finish(); // the appending thread is done with the connection before rollback
                } catch (RuntimeException appendFailure) {
                  e.addSuppressed(appendFailure);
                }
                throw e;
              }
              pipe.finish();
            });
    return new LoadStats(stats.points(), stats.logRecords(), stats.spans(), quality[0]);
  }

  /** What one load appended, and what reading the bundle skipped or noted. */
  public record LoadStats(long points, long logRecords, long spans, DataQuality quality) {
    public LoadStats {
      quality = quality == null ? DataQuality.none() : quality;
    }

    public LoadStats(long points, long logRecords, long spans) {
      this(points, logRecords, spans, DataQuality.none());
    }
  }

  private interface Loading {
    void into(DuckDbLoader sink);
  }

  private LoadStats load(Loading loading) {
    synchronized (writeLock) {
      ensureOpen();
      try {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
          st.execute("SELECT 1"); // opens the transaction the appenders then join
        }
        LoadStats stats;
        try (DuckDbLoader loader = new DuckDbLoader(conn)) {
          loading.into(loader);
          loader.finish();
          stats = new LoadStats(loader.pointCount(), loader.logCount(), loader.spanCount());
        }
        conn.commit();
        return stats;
      } catch (SQLException e) {
        rollback();
        throw new WarroomException.NonRetriable(
            "loading " + description + ": " + e.getMessage(), e);
      } catch (RuntimeException | Error e) {
        rollback();
        throw e;
      } finally {
        try {
          conn.setAutoCommit(true);
        } catch (SQLException e) {
          // the connection is unusable; the next call reports it
        }
      }
    }
  }

  /** What {@link #deleteBefore} removed. */
  public record Deleted(long points, long logRecords, long spans, long events, long series) {
    public long total() {
      return points + logRecords + spans + events + series;
    }
  }

  /**
   * Retention: drops the points, log records, spans and events older than {@code cutoff}, then the
   * series and database statistics left with nothing newer, in one transaction (a reader sees the
   * store before or after, never half-way), and checkpoints so that DuckDB reuses the freed blocks
   * and the file stops growing.
   */
  public Deleted deleteBefore(java.time.Instant cutoff) {
    String ts =
        "TIMESTAMP '" + java.time.LocalDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC) + "'";
    long ns = TimeText.nanos(cutoff);
    synchronized (writeLock) {
      ensureOpen();
      Deleted d;
      try {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
          long points = st.executeUpdate("DELETE FROM points WHERE ts < " + ts);
          long logs = st.executeUpdate("DELETE FROM logs WHERE ts < " + ts);
          long spans = st.executeUpdate("DELETE FROM spans WHERE start_ts < " + ts);
          long events = st.executeUpdate("DELETE FROM events WHERE ts < " + ts);
          long series = 0;
          if (points > 0) {
            st.executeUpdate(
                "DELETE FROM series_labels WHERE series_id NOT IN (SELECT DISTINCT series_id FROM"
                    + " points)");
            series =
                st.executeUpdate(
                    "DELETE FROM series WHERE id NOT IN (SELECT DISTINCT series_id FROM points)");
          }
          for (String table : List.of("db_statements", "db_plans", "db_lock_waits")) {
            st.executeUpdate(
                "DELETE FROM "
                    + table
                    + " WHERE component IN (SELECT component FROM db_components WHERE"
                    + " incident_end_ns < "
                    + ns
                    + ")");
          }
          st.executeUpdate("DELETE FROM db_components WHERE incident_end_ns < " + ns);
          d = new Deleted(points, logs, spans, events, series);
        }
        conn.commit();
      } catch (SQLException e) {
        rollback();
        throw new WarroomException.NonRetriable(
            "retention on " + description + ": " + e.getMessage(), e);
      } finally {
        try {
          conn.setAutoCommit(true);
        } catch (SQLException e) {
          // the connection is unusable; the next call reports it
        }
      }
      if (d.total() > 0) {
        try (Statement st = conn.createStatement()) {
          st.execute("CHECKPOINT");
        } catch (SQLException e) {
          throw new WarroomException.Retriable(
              "checkpoint after retention on " + description + ": " + e.getMessage(), e);
        }
      }
      return d;
    }
  }

  private void rollback() {
    try {
      conn.rollback();
    } catch (SQLException e) {
      // nothing more can be done; the transaction was never committed
    }
  }

  // ---- read side -------------------------------------------------------------------------

  private interface Read<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(Read<T> r) {
    ensureOpen();
    try (Connection c = conn.duplicate()) {
      return r.run(c);
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable(
          "query on " + description + " failed: " + e.getMessage(), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("store closed: " + description);
    }
  }

  @Override
  public void check() {
    read(
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT count(*) FROM meta")) {
            rs.next();
            return null;
          }
        });
  }

  @Override
  public QueryResult<MetricSeries> metrics(MetricQuery query) {
    return read(c -> MetricSql.metrics(c, query));
  }

  @Override
  public QueryResult<MetricSeries> aggregate(MetricAggregationQuery query) {
    return read(c -> MetricSql.aggregate(c, query));
  }

  @Override
  public List<String> metricNames() {
    return read(c -> strings(c, "SELECT DISTINCT name FROM series ORDER BY name"));
  }

  @Override
  public QueryResult<LogRecord> logs(LogQuery query) {
    return read(c -> LogSql.logs(c, query));
  }

  @Override
  public QueryResult<LogCount> logCounts(LogCountQuery query) {
    return read(c -> LogSql.counts(c, query));
  }

  @Override
  public QueryResult<Span> trace(String traceId) {
    return read(c -> SpanSql.trace(c, traceId));
  }

  @Override
  public QueryResult<Span> spans(SpanQuery query) {
    return read(c -> SpanSql.spans(c, query));
  }

  @Override
  public QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery query) {
    return read(c -> SpanSql.aggregates(c, query));
  }

  @Override
  public QueryResult<Event> events(EventQuery query) {
    return read(c -> EventSql.events(c, query));
  }

  @Override
  public Topology topology() {
    String json = meta("topology");
    if (json == null) {
      return read(DerivedTopology::from);
    }
    try {
      return ModelJson.topologyFromJson(ModelJson.mapper().readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("corrupt topology in store", e);
    }
  }

  @Override
  public List<SourceFile> code(String service) {
    return read(
        c -> {
          Sql sql = new Sql("SELECT service, path, content FROM code");
          if (service != null) {
            sql.and().append("service = ").str(service);
          }
          sql.append(" ORDER BY service, path");
          List<SourceFile> out = new ArrayList<>();
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery(sql.toString())) {
            while (rs.next()) {
              out.add(new SourceFile(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
          }
          return out;
        });
  }

  @Override
  public QueryResult<dev.warroom.model.DatabaseStats> databases(String component) {
    return read(c -> DatabaseSql.read(c, component));
  }

  @Override
  public Optional<Alert> alert() {
    return Optional.ofNullable(meta("alert")).map(ModelJson::alertFromJson);
  }

  @Override
  public BundleManifest manifest() {
    String json = meta("manifest");
    if (json == null) {
      return BundleManifest.empty();
    }
    try {
      return ModelJson.manifestFromJson(ModelJson.mapper().readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("corrupt manifest in store", e);
    }
  }

  private String meta(String key) {
    return read(
        c -> {
          List<String> v = strings(c, "SELECT value FROM meta WHERE key = " + Sql.quote(key));
          return v.isEmpty() ? null : v.get(0);
        });
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Override
  public StoreSummary summary() {
    return read(StoreSummaries::summarise);
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        conn.close();
      } catch (SQLException e) {
        throw new WarroomException.NonRetriable(
            "closing " + description + ": " + e.getMessage(), e);
      }
    }
  }
}
