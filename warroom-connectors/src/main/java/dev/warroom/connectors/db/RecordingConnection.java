package dev.warroom.connectors.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One open JDBC connection that records every SQL text sent through it (statements executed,
 * statements prepared), so that a result can name exactly the SQL that ran, and that refuses to
 * send more than a budget of statements. Handed to the collectors as a {@link DataSource} whose
 * connections are this one: their {@code close()} only ends a transaction they left open, the
 * physical connection is closed by {@link #close()}.
 */
final class RecordingConnection implements AutoCloseable {
  private static final Set<String> EXECUTE =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

  private final Connection physical;
  private final List<String> log;
  private final AtomicInteger used;
  private final int budget;
  private final Connection recorded;

  /**
   * @param used statements sent in this investigation so far (shared by its connections)
   * @param budget the most statements an investigation may send
   */
  RecordingConnection(Connection physical, List<String> log, AtomicInteger used, int budget) {
    this.physical = physical;
    this.log = log;
    this.used = used;
    this.budget = budget;
    this.recorded =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new ConnectionHandler());
  }

  /** The connection as the collectors see it (recording; close ends only a transaction). */
  Connection connection() {
    return recorded;
  }

  DataSource dataSource() {
    return new SingleConnection(recorded);
  }

  private void record(String sql) throws SQLException {
    if (used.incrementAndGet() > budget) {
      throw new SQLException(
          "the query budget of " + budget + " statements is spent", "54000" /* limit exceeded */);
    }
    log.add(sql.strip());
  }

  @Override
  public void close() throws SQLException {
    physical.close();
  }

  private final class ConnectionHandler implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      if (m.getName().equals("close")) {
        if (!physical.isClosed() && !physical.getAutoCommit()) {
          physical.rollback();
          physical.setAutoCommit(true);
        }
        return null;
      }
      if (m.getName().equals("prepareStatement") || m.getName().equals("prepareCall")) {
        record((String) args[0]);
      }
      Object out = call(physical, m, args);
      if (out instanceof Statement s && !(out instanceof java.sql.PreparedStatement)) {
        return Proxy.newProxyInstance(
            Statement.class.getClassLoader(),
            new Class<?>[] {Statement.class},
            (p, sm, sargs) -> {
              if (EXECUTE.contains(sm.getName()) && sargs != null && sargs[0] instanceof String q) {
                record(q);
              }
              return call(s, sm, sargs);
            });
      }
      return out;
    }
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A DataSource over the one recorded connection. */
  private record SingleConnection(Connection connection) implements DataSource {
    @Override
    public Connection getConnection() {
      return connection;
    }

    @Override
    public Connection getConnection(String user, String password) {
      return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getLogger("dev.warroom.connectors.db");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
