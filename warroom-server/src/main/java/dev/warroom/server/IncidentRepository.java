package dev.warroom.server;

import dev.warroom.model.WarroomException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Incidents, reports, runbooks, alert notifications and feedback in a relational database, so that
 * they, and the queue of unfinished investigations, survive a restart: an embedded H2 file by
 * default, PostgreSQL when configured ({@link DatabaseConfig}); one schema, created and upgraded by
 * the Flyway migrations in {@code dev/warroom/server/db}. One JDBC connection, used only by the
 * repository's own thread, one call at a time: the server's writes are small and few. Times are
 * stored as UTC {@code TIMESTAMP WITH TIME ZONE}.
 */
public final class IncidentRepository implements AutoCloseable {
  private static final String COLS =
      "id, dedup_key, fingerprint, source, title, service, alert_status, state, alert_json,"
          + " created_at, updated_at, verdict, summary, error";

  private final Connection conn;
  private final String description;
  private final ExecutorService dbThread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "warroom-incident-db");
            t.setDaemon(true);
            return t;
          });

  private IncidentRepository(Connection conn, String description) {
    this.conn = conn;
    this.description = description;
  }

  /** Opens the database and brings its schema up to date with the Flyway migrations. */
  public static IncidentRepository open(DatabaseConfig db) {
    try {
      // Opened before Flyway so that an embedded H2 database stays open between the two.
      Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
      try {
        Flyway.configure(IncidentRepository.class.getClassLoader())
            .dataSource(db.url(), db.user(), db.password())
            .locations("classpath:dev/warroom/server/db")
            .load()
            .migrate();
      } catch (RuntimeException e) {
        c.close();
        throw e;
      }
      return new IncidentRepository(c, db.toString());
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable(
          "cannot open incident database " + db + ": " + e.getMessage(), e);
    } catch (FlywayException e) {
      throw new WarroomException.NonRetriable(
          "migrating incident database " + db + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /** Inserts {@code i} unless an incident with its dedup key exists; returns the stored one. */
  public Inserted insertIfAbsent(Incident i) {
    return onDb(
        () -> {
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
    onDb(
        () -> {
          update("DELETE FROM incidents WHERE id = ?", id);

          return null;
        });
  }

  public Optional<Incident> get(String id) {
    return onDb(
        () -> {
          return one("id = ?", id);
        });
  }

  /** Newest first. */
  public List<Incident> list(int limit) {
    return onDb(
        () -> {
          return many(
              "SELECT " + COLS + " FROM incidents ORDER BY created_at DESC, id LIMIT " + limit);
        });
  }

  /** Incidents in {@code state}, oldest first (the restart recovery order). */
  public List<Incident> inState(IncidentState state) {
    return onDb(
        () -> {
          return many(
              "SELECT " + COLS + " FROM incidents WHERE state = ? ORDER BY created_at, id",
              state.name());
        });
  }

  public void setState(String id, IncidentState state, String error, Instant at) {
    onDb(
        () -> {
          update(
              "UPDATE incidents SET state = ?, error = ?, updated_at = ? WHERE id = ?",
              state.name(),
              error,
              at,
              id);

          return null;
        });
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
    onDb(
        () -> {
          try {
            conn.setAutoCommit(false);
            update("DELETE FROM reports WHERE incident_id = ?", id);
            update(
                "INSERT INTO reports(incident_id, md, json, html) VALUES (?,?,?,?)",
                id,
                md,
                json,
                html);
            update("DELETE FROM runbooks WHERE incident_id = ?", id);
            update("INSERT INTO runbooks(incident_id, source) VALUES (?,?)", id, runbook);
            update(
                "UPDATE incidents SET state = 'DONE', verdict = ?, summary = ?, error = NULL,"
                    + " updated_at = ? WHERE id = ?",
                verdict,
                summary,
                at,
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

          return null;
        });
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
  public Optional<String> report(String id, String format) {
    return onDb(
        () -> {
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
            throw failure(e);
          }
        });
  }

  /** The runbook text that ran for an incident, once it is done. */
  public Optional<String> runbook(String id) {
    return onDb(
        () -> {
          try (PreparedStatement ps =
              conn.prepareStatement("SELECT source FROM runbooks WHERE incident_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
          } catch (SQLException e) {
            throw failure(e);
          }
        });
  }

  /** Records an alert notification; a resolved one marks the fingerprint's incidents resolved. */
  public void notification(String fingerprint, String status, String source, Instant at) {
    onDb(
        () -> {
          update(
              "INSERT INTO notifications(fingerprint, status, source, received_at) VALUES (?,?,?,?)",
              fingerprint,
              status,
              source,
              at);
          if ("resolved".equals(status)) {
            update(
                "UPDATE incidents SET alert_status = 'resolved', updated_at = ? WHERE fingerprint = ?",
                at,
                fingerprint);
          }

          return null;
        });
  }

  /** Notifications received for a fingerprint, as {@code status} values in arrival order. */
  public List<String> notifications(String fingerprint) {
    return onDb(
        () -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement ps =
              conn.prepareStatement(
                  "SELECT status FROM notifications WHERE fingerprint = ? ORDER BY seq")) {
            ps.setString(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
          } catch (SQLException e) {
            throw failure(e);
          }
          return out;
        });
  }

  /** Stores feedback on an incident's report. */
  public void feedback(Feedback f) {
    onDb(
        () -> {
          update(
              "INSERT INTO feedback(incident_id, correct, true_root_cause, comment, created_at)"
                  + " VALUES (?,?,?,?,?)",
              f.incidentId(),
              f.correct(),
              f.trueRootCause(),
              f.comment(),
              f.at());

          return null;
        });
  }

  /** Feedback on an incident, oldest first. */
  public List<Feedback> feedback(String incidentId) {
    return onDb(
        () -> {
          List<Feedback> out = new ArrayList<>();
          try (PreparedStatement ps =
              conn.prepareStatement(
                  "SELECT incident_id, correct, true_root_cause, comment, created_at FROM feedback"
                      + " WHERE incident_id = ? ORDER BY seq")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Feedback(
                        rs.getString(1),
                        rs.getBoolean(2),
                        rs.getString(3),
                        rs.getString(4),
                        instant(rs, 5)));
              }
            }
          } catch (SQLException e) {
            throw failure(e);
          }
          return out;
        });
  }

  /** Incident count per state, for the metrics endpoint. */
  public java.util.Map<IncidentState, Long> countByState() {
    return onDb(
        () -> {
          java.util.Map<IncidentState, Long> out = new java.util.EnumMap<>(IncidentState.class);
          for (IncidentState s : IncidentState.values()) {
            out.put(s, 0L);
          }
          try (Statement s = conn.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT state, count(*) FROM incidents GROUP BY state")) {
            while (rs.next()) {
              out.put(IncidentState.valueOf(rs.getString(1)), rs.getLong(2));
            }
          } catch (SQLException e) {
            throw failure(e);
          }
          return out;
        });
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
                  instant(rs, 10),
                  instant(rs, 11),
                  rs.getString(12),
                  rs.getString(13),
                  rs.getString(14)));
        }
      }
    } catch (SQLException e) {
      throw failure(e);
    }
    return out;
  }

  private void update(String sql, Object... args) {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case null -> ps.setNull(i + 1, Types.VARCHAR); // every nullable column is text
        case Instant t -> ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        default -> ps.setObject(i + 1, args[i]);
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /**
   * Runs database work on the repository's own thread and waits for it. H2 writes through a {@code
   * FileChannel}, which {@code Thread.interrupt()} closes (and with it the database); the callers
   * are investigation workers and HTTP threads, which shutdown interrupts. No interrupt reaches
   * this thread; a caller interrupted while waiting still gets the result, and its interrupt flag
   * back.
   */
  private <T> T onDb(Callable<T> work) {
    Future<T> f;
    try {
      f = dbThread.submit(work);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("incident database closed: " + description, e);
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new WarroomException.NonRetriable(description + ": " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private WarroomException failure(SQLException e) {
    // SQLSTATE class 08: the connection is gone (a PostgreSQL restart); retrying later may work
    if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
      return new WarroomException.Retriable(description + ": " + e.getMessage(), e);
    }
    return new WarroomException.NonRetriable(description + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      onDb(
          () -> {
            try {
              conn.close();
            } catch (SQLException e) {
              throw new WarroomException.NonRetriable(
                  "closing incident database: " + e.getMessage(), e);
            }
            return null;
          });
    } finally {
      dbThread.shutdown();
    }
  }
}
