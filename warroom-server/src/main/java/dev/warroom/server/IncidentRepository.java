package dev.warroom.server;

import dev.warroom.model.WarroomException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Incidents, reports, alert notifications and feedback in an embedded DuckDB database file, so that
 * they, and the queue of unfinished investigations, survive a restart. One JDBC connection, used
 * under this object's lock: the server's writes are small and few.
 */
public final class IncidentRepository implements AutoCloseable {
  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS incidents(
        id VARCHAR PRIMARY KEY, dedup_key VARCHAR UNIQUE NOT NULL, fingerprint VARCHAR NOT NULL,
        source VARCHAR, title VARCHAR, service VARCHAR, alert_status VARCHAR, state VARCHAR NOT NULL,
        alert_json VARCHAR, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL,
        verdict VARCHAR, summary VARCHAR, error VARCHAR);
      CREATE TABLE IF NOT EXISTS reports(
        incident_id VARCHAR PRIMARY KEY, md VARCHAR, json VARCHAR, html VARCHAR);
      CREATE TABLE IF NOT EXISTS notifications(
        fingerprint VARCHAR, status VARCHAR, source VARCHAR, received_at TIMESTAMP);
      CREATE TABLE IF NOT EXISTS feedback(
        incident_id VARCHAR, correct BOOLEAN, true_root_cause VARCHAR, comment VARCHAR,
        created_at TIMESTAMP);
      """;
  private static final String COLS =
      "id, dedup_key, fingerprint, source, title, service, alert_status, state, alert_json,"
          + " created_at, updated_at, verdict, summary, error";

  private final Connection conn;

  private IncidentRepository(Connection conn) {
    this.conn = conn;
  }

  /** Opens (creating when absent) the database file. */
  public static IncidentRepository open(Path file) {
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute(SCHEMA);
      }
      return new IncidentRepository(c);
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Inserts {@code i} unless an incident with its dedup key exists; returns the stored one. */
  public synchronized Inserted insertIfAbsent(Incident i) {
    Optional<Incident> existing = one("dedup_key = ?", i.dedupKey());
    if (existing.isPresent()) {
      return new Inserted(existing.get(), false);
    }
    update(
        "INSERT INTO incidents(" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        i.id(),
        i.dedupKey(),
        i.fingerprint(),
        i.source(),
        i.title(),
        i.service(),
        i.alertStatus(),
        i.state().name(),
        i.alertJson(),
        Timestamp.from(i.createdAt()),
        Timestamp.from(i.updatedAt()),
        i.verdict(),
        i.summary(),
        i.error());
    return new Inserted(i, true);
  }

  /** The result of {@link #insertIfAbsent}: the stored incident and whether it is new. */
  public record Inserted(Incident incident, boolean created) {}

  /** Removes an incident that could not be queued (no report exists for it yet). */
  public synchronized void delete(String id) {
    update("DELETE FROM incidents WHERE id = ?", id);
  }

  public synchronized Optional<Incident> get(String id) {
    return one("id = ?", id);
  }

  /** Newest first. */
  public synchronized List<Incident> list(int limit) {
    return many("SELECT " + COLS + " FROM incidents ORDER BY created_at DESC, id LIMIT " + limit);
  }

  /** Incidents in {@code state}, oldest first (the restart recovery order). */
  public synchronized List<Incident> inState(IncidentState state) {
    return many(
        "SELECT " + COLS + " FROM incidents WHERE state = ? ORDER BY created_at, id", state.name());
  }

  public synchronized void setState(String id, IncidentState state, String error, Instant at) {
    update(
        "UPDATE incidents SET state = ?, error = ?, updated_at = ? WHERE id = ?",
        state.name(),
        error,
        Timestamp.from(at),
        id);
  }

  /** Stores the rendered report and marks the incident done, in one transaction. */
  public synchronized void complete(
      String id, String verdict, String summary, String md, String json, String html, Instant at) {
    try {
      conn.setAutoCommit(false);
      update("DELETE FROM reports WHERE incident_id = ?", id);
      update("INSERT INTO reports VALUES (?,?,?,?)", id, md, json, html);
      update(
          "UPDATE incidents SET state = 'DONE', verdict = ?, summary = ?, error = NULL,"
              + " updated_at = ? WHERE id = ?",
          verdict,
          summary,
          Timestamp.from(at),
          id);
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      rollback(e);
    } finally {
      try {
        conn.setAutoCommit(true);
      } catch (SQLException e) {
        throw new WarroomException.NonRetriable("incident database: " + e.getMessage(), e);
      }
    }
  }

  private void rollback(Exception e) {
    try {
      conn.rollback();
    } catch (SQLException r) {
      e.addSuppressed(r);
    }
    throw new WarroomException.NonRetriable("storing report failed: " + e.getMessage(), e);
  }

  /** Report text in {@code md}, {@code json} or {@code html}. */
  public synchronized Optional<String> report(String id, String format) {
    if (!List.of("md", "json", "html").contains(format)) {
      throw new IllegalArgumentException("format: expected md, json or html: " + format);
    }
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT " + format + " FROM reports WHERE incident_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable("incident database: " + e.getMessage(), e);
    }
  }

  /** Records an alert notification; a resolved one marks the fingerprint's incidents resolved. */
  public synchronized void notification(
      String fingerprint, String status, String source, Instant at) {
    update(
        "INSERT INTO notifications VALUES (?,?,?,?)",
        fingerprint,
        status,
        source,
        Timestamp.from(at));
    if ("resolved".equals(status)) {
      update(
          "UPDATE incidents SET alert_status = 'resolved', updated_at = ? WHERE fingerprint = ?",
          Timestamp.from(at),
          fingerprint);
    }
  }

  /** Notifications received for a fingerprint, as {@code status} values in arrival order. */
  public synchronized List<String> notifications(String fingerprint) {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT status FROM notifications WHERE fingerprint = ? ORDER BY received_at")) {
      ps.setString(1, fingerprint);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable("incident database: " + e.getMessage(), e);
    }
    return out;
  }

  /** Stores feedback on an incident's report. */
  public synchronized void feedback(Feedback f) {
    update(
        "INSERT INTO feedback VALUES (?,?,?,?,?)",
        f.incidentId(),
        f.correct(),
        f.trueRootCause(),
        f.comment(),
        Timestamp.from(f.at()));
  }

  /** Feedback on an incident, oldest first. */
  public synchronized List<Feedback> feedback(String incidentId) {
    List<Feedback> out = new ArrayList<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT incident_id, correct, true_root_cause, comment, created_at FROM feedback"
                + " WHERE incident_id = ? ORDER BY created_at")) {
      ps.setString(1, incidentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Feedback(
                  rs.getString(1),
                  rs.getBoolean(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getTimestamp(5).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable("incident database: " + e.getMessage(), e);
    }
    return out;
  }

  /** Incident count per state, for the metrics endpoint. */
  public synchronized java.util.Map<IncidentState, Long> countByState() {
    java.util.Map<IncidentState, Long> out = new java.util.EnumMap<>(IncidentState.class);
    for (IncidentState s : IncidentState.values()) {
      out.put(s, 0L);
    }
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT state, count(*) FROM incidents GROUP BY state")) {
      while (rs.next()) {
        out.put(IncidentState.valueOf(rs.getString(1)), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable("incident database: " + e.getMessage(), e);
    }
    return out;
  }

  private Optional<Incident> one(String where, String arg) {
    List<Incident> l = many("SELECT " + COLS + " FROM incidents WHERE " + where, arg);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
  }

  private List<Incident> many(String sql, Object... args) {
    List<Incident> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Incident(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  IncidentState.valueOf(rs.getString(8)),
                  rs.getString(9),
                  rs.getTimestamp(10).toInstant(),
                  rs.getTimestamp(11).toInstant(),
                  rs.getString(12),
                  rs.getString(13),
                  rs.getString(14)));
        }
      }
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable("incident database: " + e.getMessage(), e);
    }
    return out;
  }

  private void update(String sql, Object... args) {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable("incident database: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable("closing incident database: " + e.getMessage(), e);
    }
  }
}
