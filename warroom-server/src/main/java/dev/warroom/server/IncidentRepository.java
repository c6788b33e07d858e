package dev.warroom.server;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incidents, reports, runbooks, alert notifications and feedback in a relational database, so that
 * they, and the queue of unfinished investigations, survive a restart: an embedded H2 file by
 * default, PostgreSQL when configured ({@link DatabaseConfig}); one schema, created and upgraded by
 * Flyway ({@link SqlDatabase}). Each method is one call on the database's own thread, so {@link
 * #insertIfAbsent} and {@link #complete} are atomic with respect to each other.
 */
public final class IncidentRepository implements AutoCloseable {
  private static final String COLS =
      "id, dedup_key, fingerprint, source, title, service, alert_status, state, alert_json,"
          + " created_at, updated_at, verdict, summary, error";

  private final SqlDatabase db;

  private IncidentRepository(SqlDatabase db) {
    this.db = db;
  }

  /** Opens the database and brings its schema up to date with the Flyway migrations. */
  public static IncidentRepository open(DatabaseConfig config) {
    return new IncidentRepository(SqlDatabase.open(config));
  }

  @Override
  public String toString() {
    return db.toString();
  }

  /** Inserts {@code i} unless an incident with its dedup key exists; returns the stored one. */
  public Inserted insertIfAbsent(Incident i) {
    return db.call(
        () -> {
          List<Incident> existing = incidents("WHERE dedup_key = ?", i.dedupKey());
          if (!existing.isEmpty()) {
            return new Inserted(existing.getFirst(), false);
          }
          db.update(
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
              i.createdAt(),
              i.updatedAt(),
              i.verdict(),
              i.summary(),
              i.error());
          return new Inserted(i, true);
        });
  }

  /** The result of {@link #insertIfAbsent}: the stored incident and whether it is new. */
  public record Inserted(Incident incident, boolean created) {}

  /** Removes an incident that could not be queued (no report exists for it yet). */
  public void delete(String id) {
    db.transaction(() -> db.update("DELETE FROM incidents WHERE id = ?", id));
  }

  public Optional<Incident> get(String id) {
    return db.call(() -> incidents("WHERE id = ?", id).stream().findFirst());
  }

  /** Newest first. */
  public List<Incident> list(int limit) {
    return db.call(() -> incidents("ORDER BY created_at DESC, id LIMIT " + limit));
  }

  /** Incidents in {@code state}, oldest first (the restart recovery order). */
  public List<Incident> inState(IncidentState state) {
    return db.call(() -> incidents("WHERE state = ? ORDER BY created_at, id", state.name()));
  }

  public void setState(String id, IncidentState state, String error, Instant at) {
    db.transaction(
        () ->
            db.update(
                "UPDATE incidents SET state = ?, error = ?, updated_at = ? WHERE id = ?",
                state.name(),
                error,
                at,
                id));
  }

  /**
   * Stores the rendered report and the runbook that ran and marks the incident done, in one
   * transaction.
   */
  public void complete(
      String id,
      String verdict,
      String summary,
      String md,
      String json,
      String html,
      String runbook,
      Instant at) {
    db.transaction(
        () -> {
          db.update("DELETE FROM reports WHERE incident_id = ?", id);
          db.update(
              "INSERT INTO reports(incident_id, md, json, html) VALUES (?,?,?,?)",
              id,
              md,
              json,
              html);
          db.update("DELETE FROM runbooks WHERE incident_id = ?", id);
          db.update("INSERT INTO runbooks(incident_id, source) VALUES (?,?)", id, runbook);
          db.update(
              "UPDATE incidents SET state = 'DONE', verdict = ?, summary = ?, error = NULL,"
                  + " updated_at = ? WHERE id = ?",
              verdict,
              summary,
              at,
              id);
        });
  }

  /** Report text in {@code md}, {@code json} or {@code html}. */
  public Optional<String> report(String id, String format) {
    if (!List.of("md", "json", "html").contains(format)) {
      throw new IllegalArgumentException("format: expected md, json or html: " + format);
    }
    return text("SELECT " + format + " FROM reports WHERE incident_id = ?", id);
  }

  /** The runbook text that ran for an incident, once it is done. */
  public Optional<String> runbook(String id) {
    return text("SELECT source FROM runbooks WHERE incident_id = ?", id);
  }

  private Optional<String> text(String sql, String id) {
    return db.call(
        () ->
            db.query(sql, rs -> Optional.ofNullable(rs.getString(1)), id).stream()
                .findFirst()
                .flatMap(o -> o));
  }

  /** Records an alert notification; a resolved one marks the fingerprint's incidents resolved. */
  public void notification(String fingerprint, String status, String source, Instant at) {
    db.transaction(
        () -> {
          db.update(
              "INSERT INTO notifications(fingerprint, status, source, received_at) VALUES (?,?,?,?)",
              fingerprint,
              status,
              source,
              at);
          if ("resolved".equals(status)) {
            db.update(
                "UPDATE incidents SET alert_status = 'resolved', updated_at = ? WHERE fingerprint = ?",
                at,
                fingerprint);
          }
        });
  }

  /** Notifications received for a fingerprint, as {@code status} values in arrival order. */
  public List<String> notifications(String fingerprint) {
    return db.call(
        () ->
            db.query(
                "SELECT status FROM notifications WHERE fingerprint = ? ORDER BY seq",
                rs -> rs.getString(1),
                fingerprint));
  }

  /** Stores feedback on an incident's report. */
  public void feedback(Feedback f) {
    db.transaction(
        () ->
            db.update(
                "INSERT INTO feedback(incident_id, correct, true_root_cause, comment, created_at)"
                    + " VALUES (?,?,?,?,?)",
                f.incidentId(),
                f.correct(),
                f.trueRootCause(),
                f.comment(),
                f.at()));
  }

  /** Feedback on an incident, oldest first. */
  public List<Feedback> feedback(String incidentId) {
    return db.call(
        () ->
            db.query(
                "SELECT incident_id, correct, true_root_cause, comment, created_at FROM feedback"
                    + " WHERE incident_id = ? ORDER BY seq",
                rs ->
                    new Feedback(
                        rs.getString(1),
                        rs.getBoolean(2),
                        rs.getString(3),
                        rs.getString(4),
                        SqlDatabase.instant(rs, 5)),
                incidentId));
  }

  /** Incident count per state, for the metrics endpoint. */
  public Map<IncidentState, Long> countByState() {
    Map<IncidentState, Long> out = new EnumMap<>(IncidentState.class);
    for (IncidentState s : IncidentState.values()) {
      out.put(s, 0L);
    }
    db.call(
            () ->
                db.query(
                    "SELECT state, count(*) FROM incidents GROUP BY state",
                    rs -> Map.entry(IncidentState.valueOf(rs.getString(1)), rs.getLong(2))))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Incidents matching a WHERE / ORDER BY tail; to be run on the database thread. */
  private List<Incident> incidents(String tail, Object... args) {
    return db.query("SELECT " + COLS + " FROM incidents " + tail, IncidentRepository::row, args);
  }

  private static Incident row(ResultSet rs) throws SQLException {
    return new Incident(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        IncidentState.valueOf(rs.getString(8)),
        rs.getString(9),
        SqlDatabase.instant(rs, 10),
        SqlDatabase.instant(rs, 11),
        rs.getString(12),
        rs.getString(13),
        rs.getString(14));
  }

  @Override
  public void close() {
    db.close();
  }
}
