package dev.warroom.server;

import dev.warroom.model.WarroomException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * One JDBC connection to the incident database (embedded H2 or PostgreSQL), its schema brought up
 * to date by the Flyway migrations in {@code dev/warroom/server/db}, and used only by its own
 * thread, one {@link #call} at a time. H2 writes through a {@code FileChannel}, which {@code
 * Thread.interrupt()} closes (and the database with it); the callers are investigation workers and
 * HTTP threads, which shutdown interrupts, so no caller thread touches the connection. Instants are
 * stored as UTC {@code TIMESTAMP WITH TIME ZONE}.
 */
final class SqlDatabase implements AutoCloseable {
  /** Reads one row. */
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private final Connection conn;
  private final String description;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "warroom-incident-db");
            t.setDaemon(true);
            return t;
          });

  private final boolean postgres;

  private SqlDatabase(Connection conn, String description, boolean postgres) {
    this.conn = conn;
    this.description = description;
    this.postgres = postgres;
  }

  static SqlDatabase open(DatabaseConfig db) {
    try {
      // Opened before Flyway so that an embedded H2 database stays open between the two.
      Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
      try {
        Flyway.configure(SqlDatabase.class.getClassLoader())
            .dataSource(db.url(), db.user(), db.password())
            .locations("classpath:dev/warroom/server/db")
            .load()
            .migrate();
      } catch (RuntimeException e) {
        c.close();
        throw e;
      }
      return new SqlDatabase(c, db.toString(), db.isPostgres());
    } catch (SQLException e) {
      throw new WarroomException.NonRetriable(
          "cannot open incident database " + db + ": " + db.scrub(e.getMessage()), e);
    } catch (FlywayException e) {
      throw new WarroomException.NonRetriable(
          "migrating incident database " + db + ": " + db.scrub(e.getMessage()), e);
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * Runs {@code work} on the database thread and waits for it. A caller interrupted while waiting
   * still gets the result, and its interrupt flag back.
   */
  <T> T call(Callable<T> work) {
    Future<T> f;
    try {
      f = thread.submit(work);
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

  /** Runs {@code work} in one transaction on the database thread; rolls back on any failure. */
  void transaction(Runnable work) {
    transaction(
        () -> {
          work.run();
          return null;
        });
  }

  /** {@link #transaction(Runnable)} with a result. */
  <T> T transaction(java.util.function.Supplier<T> work) {
    return call(
        () -> {
          T out;
          try {
            conn.setAutoCommit(false);
            out = work.get();
            conn.commit();
          } catch (SQLException | RuntimeException e) {
            try {
              conn.rollback();
            } catch (SQLException r) {
              e.addSuppressed(r);
            }
            throw e instanceof SQLException s ? failure(s) : (RuntimeException) e;
          } finally {
            try {
              conn.setAutoCommit(true);
            } catch (SQLException e) {
              throw failure(e);
            }
          }
          return out;
        });
  }

  /** Whether this is PostgreSQL (row locks with SKIP LOCKED across processes). */
  boolean isPostgres() {
    return postgres;
  }

  /** Rows of a query; to be run on the database thread (inside {@link #call}). */
  <T> List<T> query(String sql, Row<T> row, Object... args) {
    List<T> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
    } catch (SQLException e) {
      throw failure(e);
    }
    return out;
  }

  /** One statement; to be run on the database thread (inside {@link #call}); rows changed. */
  int update(String sql, Object... args) {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** One statement run for each row of arguments, as JDBC batches; on the database thread. */
  void batch(String sql, List<Object[]> rows) {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      int n = 0;
      for (Object[] args : rows) {
        bind(ps, args);
        ps.addBatch();
        if (++n % 1000 == 0) {
          ps.executeBatch();
        }
      }
      if (n % 1000 != 0) {
        ps.executeBatch();
      }
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

  static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
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
      call(
          () -> {
            try {
              conn.close();
            } catch (SQLException e) {
              throw failure(e);
            }
            return null;
          });
    } finally {
      thread.shutdown();
    }
  }
}
