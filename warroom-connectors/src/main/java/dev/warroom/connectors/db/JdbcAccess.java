package dev.warroom.connectors.db;

import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.WarroomException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens read-only JDBC connections to a source's database. Read-only three ways, so that no single
 * omission lets a write through: the JDBC connection is set read-only; PostgreSQL sessions start
 * with {@code default_transaction_read_only=on} (a server setting every transaction inherits),
 * MySQL/MariaDB sessions run {@code SET SESSION TRANSACTION READ ONLY}; and the collectors only
 * read. Every statement has a server-side time limit, the source's timeout ({@code
 * statement_timeout}, MariaDB {@code max_statement_time}, MySQL {@code max_execution_time}).
 * Credentials come from the source's basic auth (user and password secret), never from the URL.
 */
final class JdbcAccess {
  /** The SQL families warroom reads. */
  enum Dialect {
    POSTGRES,
    MYSQL
  }

  private static final Pattern URL =
      Pattern.compile("^jdbc:(postgresql|mariadb)://([^/?]+)/([^/?]+)(\\?.*)?$");

  private final SourceConfig source;
  private final Dialect dialect;
  private final String url;
  private final String database;
  private final LongConsumer sleeper;

  JdbcAccess(SourceConfig source, Dialect dialect, LongConsumer sleeper) {
    this.source = source;
    this.dialect = dialect;
    this.sleeper = sleeper;
    this.url = normalise(source, dialect);
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new InvalidInputException(
          "source "
              + source.name()
              + ": url: expected "
              + (dialect == Dialect.POSTGRES
                  ? "jdbc:postgresql://HOST:PORT/DATABASE"
                  : "jdbc:mariadb://HOST:PORT/DATABASE (or jdbc:mysql://…)")
              + ", got "
              + source.url());
    }
    if (m.group(4) != null && m.group(4).toLowerCase(Locale.ROOT).contains("password")) {
      throw new InvalidInputException(
          "source "
              + source.name()
              + ": url: a password in the URL is refused (use auth: {basic: {user, password: {env|file}}})");
    }
    if (source.auth() instanceof SourceConfig.Auth.Bearer) {
      throw new InvalidInputException(
          "source " + source.name() + ": auth: a database takes {basic: {user, password}}");
    }
    this.database = m.group(3);
  }

  private static String normalise(SourceConfig source, Dialect dialect) {
    String u = source.url().toString();
    return switch (dialect) {
      case POSTGRES -> u.replaceFirst("^(jdbc:)?(postgresql|postgres)://", "jdbc:postgresql://");
      case MYSQL -> u.replaceFirst("^(jdbc:)?(mysql|mariadb)://", "jdbc:mariadb://");
    };
  }

  /** The database named in the URL. */
  String database() {
    return database;
  }

  /** The URL without its parameters, for messages. */
  String where() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  /**
   * A read-only, recording connection; connection failures that may pass (refused, reset) are tried
   * again with backoff, up to the source's retries.
   *
   * @throws WarroomException naming the source when the database cannot be reached or refuses
   */
  RecordingConnection open(List<String> log, java.util.concurrent.atomic.AtomicInteger used) {
    SQLException last = null;
    for (int attempt = 0; attempt <= source.retries(); attempt++) {
      if (attempt > 0) {
        sleeper.accept(Math.min(5000, 200L << (attempt - 1)));
      }
      Connection c = null;
      try {
        c = DriverManager.getConnection(url, properties());
        c.setReadOnly(true);
        RecordingConnection rc = new RecordingConnection(c, log, used, source.queryBudget());
        if (dialect == Dialect.POSTGRES) {
          log.add(
              "-- session: default_transaction_read_only=on, statement_timeout="
                  + source.timeout().toMillis()
                  + "ms");
        } else {
          boolean maria =
              c.getMetaData()
                  .getDatabaseProductVersion()
                  .toLowerCase(Locale.ROOT)
                  .contains("mariadb");
          try (Statement s = rc.connection().createStatement()) {
            s.execute("SET SESSION TRANSACTION READ ONLY");
            s.execute(
                maria
                    ? "SET SESSION max_statement_time = " + source.timeout().toMillis() / 1000.0
                    : "SET SESSION max_execution_time = " + source.timeout().toMillis());
          }
        }
        return rc;
      } catch (SQLException e) {
        closeQuietly(c);
        last = e;
        if (!connectionFailure(e)) {
          break;
        }
      }
    }
    throw failure("cannot connect to " + where(), last);
  }

  private Properties properties() {
    Properties p = new Properties();
    if (source.auth() instanceof SourceConfig.Auth.Basic b) {
      p.setProperty("user", b.user());
      p.setProperty("password", b.password().resolve());
    }
    long ms = source.timeout().toMillis();
    long seconds = Math.max(1, (ms + 999) / 1000);
    switch (dialect) {
      case POSTGRES -> {
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        p.setProperty("options", "-c default_transaction_read_only=on -c statement_timeout=" + ms);
        p.setProperty("connectTimeout", Long.toString(seconds));
        p.setProperty("loginTimeout", Long.toString(seconds));
        // the server cancels a statement at the timeout; the socket waits a little longer
        p.setProperty("socketTimeout", Long.toString(seconds + 5));
        p.setProperty("ApplicationName", "warroom");
      }
      case MYSQL -> {
        p.setProperty("connectTimeout", Long.toString(ms));
        p.setProperty("socketTimeout", Long.toString(ms + 5000));
      }
    }
    return p;
  }

  private static boolean connectionFailure(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("08");
  }

  /** A failure of a read, as the project's exception naming the source. */
  WarroomException failure(String doing, SQLException e) {
    String state = e == null || e.getSQLState() == null ? "" : e.getSQLState();
    String msg =
        "source "
            + source.name()
            + " ("
            + source.type().id()
            + "): "
            + doing
            + ": "
            + (e == null ? "unknown error" : firstLine(e.getMessage()))
            + (state.isEmpty() ? "" : " [SQLState " + state + "]");
    if (state.startsWith("28")) {
      msg += " (the login was refused: check the user and password secret)";
    } else if (state.equals("42501")) {
      msg += " (permission denied: see the read-only role in docs/connectors-kubernetes-db.md)";
    }
    boolean passing = state.startsWith("08") || state.equals("57014") || state.equals("70100");
    return passing
        ? new WarroomException.Retriable(msg, e)
        : new WarroomException.NonRetriable(msg, e);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").strip();
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // the connection failed to set up; the first error is the one reported
      }
    }
  }
}
