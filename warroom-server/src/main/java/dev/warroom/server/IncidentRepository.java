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
          insert(i);
          return new Inserted(i, true);
        });
  }

  /** To be run on the database thread. */
  private void insert(Incident i) {
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
  }

  /**
   * One alert of a notification: a firing one carries the incident it would open; a resolved one
   * names the incident (fingerprint and start time) it resolves.
   */
  public record Arrival(
      String fingerprint,
      String status,
      String source,
      String dedupKey,
      Incident fresh,
      String declaredJson,
      String groupInto) {
    public Arrival(
        String fingerprint, String status, String source, String dedupKey, Incident fresh) {
      this(fingerprint, status, source, dedupKey, fresh, null, null);
    }

    public Arrival(
        String fingerprint,
        String status,
        String source,
        String dedupKey,
        Incident fresh,
        String declaredJson) {
      this(fingerprint, status, source, dedupKey, fresh, declaredJson, null);
    }

    /** This firing alert joins the incident {@code id} (a related alert) instead of its own. */
    Arrival joining(String id) {
      return new Arrival(fingerprint, status, source, dedupKey, fresh, declaredJson, id);
    }
  }

  /**
   * Records the alerts of one notification in one transaction: each notification row, the incidents
   * of firing alerts not seen before, and resolutions of the incident with the same fingerprint and
   * start time (not of other firing episodes of the fingerprint). Refuses the whole notification,
   * changing nothing, when more than {@code capacity} incidents would wait.
   *
   * @return per arrival, the stored incident (null for a resolution of an unknown one) and whether
   *     it was created now
   */
  public List<Inserted> record(List<Arrival> arrivals, long capacity, Instant at) {
    return db.transaction(
        () -> {
          // Set-wise, for notifications of thousands of alerts: one lookup per 500 keys, batched
          // inserts and updates.
          java.util.Set<String> keys = new java.util.LinkedHashSet<>();
          arrivals.forEach(a -> keys.add(a.dedupKey()));
          Map<String, Incident> existing = new java.util.HashMap<>();
          List<String> all = List.copyOf(keys);
          for (int i = 0; i < all.size(); i += 500) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            incidents("WHERE dedup_key IN (" + marks + ")", chunk.toArray())
                .forEach(x -> existing.put(x.dedupKey(), x));
          }
          // alerts that joined another incident earlier (related alerts): their incident
          Map<String, Incident> joined = new java.util.HashMap<>();
          for (int i = 0; i < all.size(); i += 500) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            db.query(
                    "SELECT a.dedup_key, i.id FROM incident_alerts a JOIN incidents i ON i.id ="
                        + " a.incident_id WHERE a.dedup_key IN ("
                        + marks
                        + ")",
                    rs -> new String[] {rs.getString(1), rs.getString(2)},
                    chunk.toArray())
                .forEach(
                    r ->
                        joined.put(
                            r[0],
                            incidents("WHERE id = ?", r[1]).stream().findFirst().orElse(null)));
          }
          long waiting =
              db.query("SELECT count(*) FROM incidents WHERE state = 'QUEUED'", rs -> rs.getLong(1))
                  .getFirst();
          List<Object[]> members = new java.util.ArrayList<>();
          List<Object[]> notes = new java.util.ArrayList<>(arrivals.size());
          List<Object[]> fresh = new java.util.ArrayList<>();
          List<Object[]> resolved = new java.util.ArrayList<>();
          List<Object[]> declared = new java.util.ArrayList<>();
          List<Inserted> out = new java.util.ArrayList<>(arrivals.size());
          for (Arrival a : arrivals) {
            notes.add(new Object[] {a.fingerprint(), a.status(), a.source(), at});
            Incident known = existing.get(a.dedupKey());
            Incident parent = joined.get(a.dedupKey());
            if (known == null && parent != null) {
              // a related alert seen before: its incident; its own resolve resolves nothing more
              out.add(new Inserted(parent, false, true));
            } else if (a.fresh() == null) {
              if (known != null) {
                resolved.add(new Object[] {at, a.dedupKey()});
              }
              out.add(new Inserted(known, false));
            } else if (known != null) {
              out.add(new Inserted(known, false));
            } else if (a.groupInto() != null) {
              Incident into =
                  existing.values().stream()
                      .filter(x -> x.id().equals(a.groupInto()))
                      .findFirst()
                      .orElseGet(
                          () ->
                              incidents("WHERE id = ?", a.groupInto()).stream()
                                  .findFirst()
                                  .orElseThrow(
                                      () ->
                                          new IllegalStateException(
                                              "related incident vanished: " + a.groupInto())));
              Incident f = a.fresh();
              members.add(
                  new Object[] {
                    f.dedupKey(),
                    into.id(),
                    f.fingerprint(),
                    f.service(),
                    f.title(),
                    f.alertJson(),
                    at
                  });
              joined.put(f.dedupKey(), into);
              out.add(new Inserted(into, false, true));
            } else {
              if (++waiting > capacity) {
                throw new AlertIntake.QueueFull();
              }
              Incident i = a.fresh();
              fresh.add(row(i));
              if (a.declaredJson() != null) {
                declared.add(new Object[] {a.declaredJson(), i.id()});
              }
              existing.put(i.dedupKey(), i);
              out.add(new Inserted(i, true));
            }
          }
          db.batch(
              "INSERT INTO notifications(fingerprint, status, source, received_at) VALUES (?,?,?,?)",
              notes);
          db.batch(
              "INSERT INTO incidents(" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", fresh);
          db.batch(
              "INSERT INTO incident_alerts(dedup_key, incident_id, fingerprint, service, title,"
                  + " alert_json, received_at) VALUES (?,?,?,?,?,?,?)",
              members);
          db.batch(
              "UPDATE incidents SET alert_status = 'resolved', updated_at = ? WHERE dedup_key = ?",
              resolved);
          db.batch("UPDATE incidents SET declared_json = ? WHERE id = ?", declared);
          return out;
        });
  }

  private static Object[] row(Incident i) {
    return new Object[] {
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
      i.error()
    };
  }

  /**
   * The result of {@link #insertIfAbsent} and {@link #record}: the stored incident, whether it is
   * new, and whether the alert joined it as a related alert.
   */
  public record Inserted(Incident incident, boolean created, boolean joined) {
    public Inserted(Incident incident, boolean created) {
      this(incident, created, false);
    }
  }

  /** An open incident's alert: what a related alert is matched against. */
  public record OpenAlert(String incidentId, String service, Instant startsAt) {}

  /**
   * The alerts of the newest {@code limit} incidents still firing and not parked (their own and
   * those that joined them), for grouping related alerts.
   */
  public List<OpenAlert> openAlerts(int limit) {
    return db.call(
        () -> {
          List<OpenAlert> out = new java.util.ArrayList<>();
          db.query(
                  "SELECT id, service, dedup_key FROM incidents WHERE alert_status = 'firing' AND"
                      + " state <> 'PARKED' ORDER BY created_at DESC LIMIT "
                      + limit,
                  rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
              .forEach(r -> startOf(r[2]).ifPresent(t -> out.add(new OpenAlert(r[0], r[1], t))));
          db.query(
                  "SELECT a.incident_id, a.service, a.dedup_key FROM incident_alerts a JOIN"
                      + " incidents i ON i.id = a.incident_id WHERE i.alert_status = 'firing'"
                      + " AND i.state <> 'PARKED' ORDER BY a.received_at DESC LIMIT "
                      + limit,
                  rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
              .forEach(r -> startOf(r[2]).ifPresent(t -> out.add(new OpenAlert(r[0], r[1], t))));
          return out;
        });
  }

  /** The start time in a dedup key {@code fingerprint@startsAt}. */
  private static Optional<Instant> startOf(String dedupKey) {
    int at = dedupKey.lastIndexOf('@');
    try {
      return at < 0 ? Optional.empty() : Optional.of(Instant.parse(dedupKey.substring(at + 1)));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A related alert that joined an incident. */
  public record RelatedAlert(String fingerprint, String service, String title, Instant at) {}

  /** The related alerts that joined an incident, in arrival order. */
  public List<RelatedAlert> relatedAlerts(String id) {
    return db.call(
        () ->
            db.query(
                "SELECT fingerprint, service, title, received_at FROM incident_alerts WHERE"
                    + " incident_id = ? ORDER BY received_at, dedup_key",
                rs ->
                    new RelatedAlert(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        SqlDatabase.instant(rs, 4)),
                id));
  }

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

  /**
   * Stores the rendered report and the runbook that ran and marks the incident done, in one
   * transaction, if {@code owner} still holds its lease; false (nothing written) when another
   * worker took it over, so a report is stored, and announced, once.
   */
  public boolean complete(
      String id,
      String owner,
      String verdict,
      String summary,
      String md,
      String json,
      String html,
      String runbook,
      Instant at) {
    return complete(id, owner, verdict, summary, Headline.NONE, md, json, html, runbook, at);
  }

  /** {@link #complete} that also keeps the report's headline (top candidate) with the incident. */
  public boolean complete(
      String id,
      String owner,
      String verdict,
      String summary,
      Headline headline,
      String md,
      String json,
      String html,
      String runbook,
      Instant at) {
    return db.transaction(
        () -> {
          int won =
              db.update(
                  "UPDATE incidents SET state = 'DONE', verdict = ?, summary = ?, error = NULL,"
                      + " top_service = NULL, fault_class = NULL, confidence = NULL,"
                      + " lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND"
                      + " lease_owner = ? AND state = 'RUNNING'",
                  verdict,
                  summary,
                  at,
                  id,
                  owner);
          if (won != 1) {
            return false;
          }
          if (headline.topService() != null) {
            db.update(
                "UPDATE incidents SET top_service = ?, fault_class = ?, confidence = ? WHERE id = ?",
                headline.topService(),
                headline.faultClass(),
                headline.confidence() == null ? 0.0 : headline.confidence(),
                id);
          }
          db.update("DELETE FROM reports WHERE incident_id = ?", id);
          db.update(
              "INSERT INTO reports(incident_id, md, json, html) VALUES (?,?,?,?)",
              id,
              md,
              json,
              html);
          db.update("DELETE FROM runbooks WHERE incident_id = ?", id);
          db.update("INSERT INTO runbooks(incident_id, source) VALUES (?,?)", id, runbook);
          return true;
        });
  }

  /**
   * An incident a worker holds: its id and how many times it has been claimed, this one included.
   */
  public record Claim(String id, int attempt) {}

  /**
   * Claims the oldest incident that is QUEUED, or RUNNING with an expired lease (its worker died),
   * for {@code owner} until {@code now + lease}. On PostgreSQL the row is locked with {@code FOR
   * UPDATE SKIP LOCKED}, so workers of several processes never take the same incident; the embedded
   * database has one process and one connection, which serialises claims. An incident already
   * claimed {@code maxAttempts} times is parked instead, and the next one tried.
   */
  public java.util.Optional<Claim> claim(
      String owner, Instant now, java.time.Duration lease, int maxAttempts) {
    String lock = db.isPostgres() ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
    for (int tries = 0; tries < 100; tries++) {
      Object r =
          db.transaction(
              () -> {
                // Expired leases first (their incidents waited longest), then the queue; two
                // queries so that each walks the (state, created_at) index.
                List<Object[]> rows =
                    db.query(
                        "SELECT id, attempts FROM incidents WHERE state = 'RUNNING' AND"
                            + " (lease_until IS NULL OR lease_until < ?) ORDER BY created_at, id"
                            + " LIMIT 1"
                            + lock,
                        rs -> new Object[] {rs.getString(1), rs.getInt(2)},
                        now);
                if (rows.isEmpty()) {
                  rows =
                      db.query(
                          "SELECT id, attempts FROM incidents WHERE state = 'QUEUED' ORDER BY"
                              + " created_at, id LIMIT 1"
                              + lock,
                          rs -> new Object[] {rs.getString(1), rs.getInt(2)});
                }
                if (rows.isEmpty()) {
                  return Boolean.FALSE;
                }
                String id = (String) rows.getFirst()[0];
                int attempts = (Integer) rows.getFirst()[1];
                if (attempts >= maxAttempts) {
                  db.update(
                      "UPDATE incidents SET state = 'PARKED', lease_owner = NULL, lease_until ="
                          + " NULL, error = ?, updated_at = ? WHERE id = ?",
                      "parked after "
                          + attempts
                          + " attempts that did not finish (a worker died or lost its lease each"
                          + " time)",
                      now,
                      id);
                  return id; // parked: try the next one
                }
                db.update(
                    "UPDATE incidents SET state = 'RUNNING', lease_owner = ?, lease_until = ?,"
                        + " attempts = attempts + 1, error = NULL, updated_at = ? WHERE id = ?",
                    owner,
                    now.plus(lease),
                    now,
                    id);
                return new Claim(id, attempts + 1);
              });
      if (r instanceof Claim c) {
        return java.util.Optional.of(c);
      }
      if (Boolean.FALSE.equals(r)) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.empty();
  }

  /** Incidents parked since {@code since} would be reported by the caller; ids parked by claim. */
  public List<String> parkedSince(Instant since) {
    return db.call(
        () ->
            db.query(
                "SELECT id FROM incidents WHERE state = 'PARKED' AND updated_at >= ? ORDER BY id",
                rs -> rs.getString(1),
                since));
  }

  /** Extends the leases {@code owner} holds to {@code until}; returns how many it still holds. */
  public int heartbeat(String owner, Instant until) {
    return db.call(
        () ->
            db.update(
                "UPDATE incidents SET lease_until = ? WHERE lease_owner = ? AND state = 'RUNNING'",
                until,
                owner));
  }

  /**
   * Hands an incident back to the queue (shutdown, a retriable failure) if {@code owner} still
   * holds it; its attempt count stays.
   */
  public boolean release(String id, String owner, Instant at) {
    return db.transaction(
            () ->
                db.update(
                    "UPDATE incidents SET state = 'QUEUED', lease_owner = NULL, lease_until = NULL,"
                        + " updated_at = ? WHERE id = ? AND lease_owner = ? AND state = 'RUNNING'",
                    at,
                    id,
                    owner))
        == 1;
  }

  /** Marks a held incident FAILED; false when {@code owner} lost the lease meanwhile. */
  public boolean fail(String id, String owner, String error, Instant at) {
    return db.transaction(
            () ->
                db.update(
                    "UPDATE incidents SET state = 'FAILED', error = ?, lease_owner = NULL,"
                        + " lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?"
                        + " AND state = 'RUNNING'",
                    error,
                    at,
                    id,
                    owner))
        == 1;
  }

  /**
   * Queues a finished (done, failed or parked) incident again with a fresh attempt count; its
   * report stays until the new one replaces it. False when it is already queued or running.
   */
  public boolean requeue(String id, Instant at) {
    return db.transaction(
            () ->
                db.update(
                    "UPDATE incidents SET state = 'QUEUED', attempts = 0, error = NULL,"
                        + " lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?"
                        + " AND state IN ('DONE', 'FAILED', 'PARKED')",
                    at,
                    id))
        == 1;
  }

  /** Embedded database only (one process): hands every RUNNING incident back to the queue. */
  public int releaseAll(Instant at) {
    return db.call(
        () ->
            db.update(
                "UPDATE incidents SET state = 'QUEUED', lease_owner = NULL, lease_until = NULL,"
                    + " updated_at = ? WHERE state = 'RUNNING'",
                at));
  }

  /** Whether this is the embedded database (one process) rather than a shared PostgreSQL. */
  public boolean shared() {
    return db.isPostgres();
  }

  /** How many incidents wait for a worker. */
  public long queued() {
    return db.call(
        () ->
            db.query("SELECT count(*) FROM incidents WHERE state = 'QUEUED'", rs -> rs.getLong(1))
                .getFirst());
  }

  /** How many times an incident has been claimed. */
  public int attempts(String id) {
    return db.call(
        () ->
            db.query("SELECT attempts FROM incidents WHERE id = ?", rs -> rs.getInt(1), id).stream()
                .findFirst()
                .orElse(0));
  }

  /** Report text in {@code md}, {@code json} or {@code html}. */
  public Optional<String> report(String id, String format) {
    if (!List.of("md", "json", "html").contains(format)) {
      throw new IllegalArgumentException("format: expected md, json or html: " + format);
    }
    return text("SELECT " + format + " FROM reports WHERE incident_id = ?", id);
  }

  /** The windows the incident's bundle manifest declared (JSON, see SharedStore.Declared). */
  public Optional<String> declared(String id) {
    return text("SELECT declared_json FROM incidents WHERE id = ?", id);
  }

  /** The headline of an incident's report ({@link Headline#NONE} before it is done). */
  public Headline headline(String id) {
    return headlines(List.of(id)).getOrDefault(id, Headline.NONE);
  }

  /** The headlines of the incidents named, by id (those without one are left out). */
  public Map<String, Headline> headlines(List<String> ids) {
    Map<String, Headline> out = new java.util.HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    db.call(
        () -> {
          for (int i = 0; i < ids.size(); i += 500) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            db.query(
                "SELECT id, top_service, fault_class, confidence FROM incidents WHERE id IN ("
                    + marks
                    + ") AND top_service IS NOT NULL",
                rs -> {
                  double c = rs.getDouble(4);
                  out.put(
                      rs.getString(1),
                      new Headline(rs.getString(2), rs.getString(3), rs.wasNull() ? null : c));
                  return null;
                },
                chunk.toArray());
          }
          return null;
        });
    return out;
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
                "INSERT INTO feedback(incident_id, correct, true_root_cause, comment, created_at,"
                    + " given_by) VALUES (?,?,?,?,?,?)",
                f.incidentId(),
                f.correct(),
                f.trueRootCause(),
                f.comment(),
                f.at(),
                f.givenBy()));
  }

  /** Feedback on an incident, oldest first. */
  public List<Feedback> feedback(String incidentId) {
    return db.call(
        () ->
            db.query(
                "SELECT incident_id, correct, true_root_cause, comment, created_at, given_by"
                    + " FROM feedback WHERE incident_id = ? ORDER BY seq",
                rs ->
                    new Feedback(
                        rs.getString(1),
                        rs.getBoolean(2),
                        rs.getString(3),
                        rs.getString(4),
                        SqlDatabase.instant(rs, 5),
                        rs.getString(6)),
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
