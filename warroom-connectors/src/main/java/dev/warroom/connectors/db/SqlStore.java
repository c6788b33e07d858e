package dev.warroom.connectors.db;

import dev.warroom.connectors.LiveStore;
import dev.warroom.connectors.OptionReader;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.experts.db.LockWait;
import dev.warroom.experts.db.Plan;
import dev.warroom.experts.db.StatementStat;
import dev.warroom.experts.db.StatementStats;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DbLockWait;
import dev.warroom.model.DbPlan;
import dev.warroom.model.DbStatement;
import dev.warroom.model.DbStatementWindow;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.WarroomException;
import dev.warroom.store.QueryResult;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.UnsupportedQueryException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * What the live database stores share: a source answers {@link #databases} with statistics of its
 * one database (statement counters, plans of the top statements, lock waits), read over a read-only
 * connection ({@link JdbcAccess}); every other kind of query is {@link UnsupportedQueryException}.
 *
 * <p>Statement counters are cumulative, so the incident window is a live sample: two snapshots
 * {@code sample} apart (default 5 s); the baseline is the first snapshot over the time since the
 * counters were last reset (the long-run average). One result is kept for {@code cache} (default 60
 * s) so that the engine's listing call and its per-component call cost one sample.
 *
 * <p>Options: {@code component} (the name the topology knows the database by; default the database
 * name of the URL), {@code sample}, {@code explain} (how many top statements to EXPLAIN, default
 * 5), {@code cache}.
 */
abstract sealed class SqlStore implements LiveStore permits PostgresStore, MySqlStore {
  private static final Set<String> OPTIONS = Set.of("component", "sample", "explain", "cache");

  /** Text of warroom's own statements (reading the statistics), left out of the windows. */
  private static final List<String> OWN =
      List.of(
          "pg_stat_statements",
          "pg_stat_activity",
          "pg_locks",
          "pg_blocking_pids",
          "pg_class",
          "pg_extension",
          "pg_postmaster_start_time",
          "warroom_explain",
          "plan_cache_mode",
          "performance_schema",
          "information_schema",
          "sys.innodb_lock_waits",
          "mysql.slow_log",
          "explain ",
          "show global status",
          "set session");

  final SourceConfig source;
  final JdbcAccess jdbc;
  final InstantSource clock;
  final LongConsumer sleeper;
  final String component;
  final Duration sample;
  private final int explainTop;
  private final Duration cacheFor;
  private final AtomicReference<Cached> cache = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicInteger used =
      new java.util.concurrent.atomic.AtomicInteger();

  private record Cached(Instant at, QueryResult<DatabaseStats> result) {}

  SqlStore(
      SourceConfig source,
      SourceConfig.Type type,
      JdbcAccess.Dialect dialect,
      InstantSource clock,
      LongConsumer sleeper) {
    if (source.type() != type) {
      throw new InvalidInputException(
          "source " + source.name() + ": type " + source.type().id() + " is not " + type.id());
    }
    OptionReader o = new OptionReader(source, OPTIONS);
    this.source = source;
    this.clock = clock;
    this.sleeper = sleeper;
    this.jdbc = new JdbcAccess(source, dialect, sleeper);
    this.component = o.string("component", jdbc.database());
    this.sample = o.duration("sample", Duration.ofSeconds(5));
    this.explainTop = o.integer("explain", 5, 0, 50);
    this.cacheFor = o.duration("cache", Duration.ofSeconds(60));
    // DatabaseStats requires a plain folder name; fail now, not at the first query
    new DatabaseStats(
        component,
        dialect == JdbcAccess.Dialect.POSTGRES ? "postgresql" : "mysql",
        null,
        new DbStatementWindow(new TimeWindow(Instant.EPOCH, Instant.EPOCH), List.of()),
        List.of(),
        List.of());
  }

  @Override
  public SourceConfig source() {
    return source;
  }

  /** A new investigation takes a fresh sample and has the source's whole statement budget. */
  @Override
  public void startInvestigation() {
    cache.set(null);
    used.set(0);
  }

  /** Reads the statistics over {@code db}, a recording read-only connection. */
  abstract DatabaseStats collect(DataSource db) throws SQLException, InterruptedException;

  /** The dialect name results carry. */
  abstract String dialect();

  @Override
  public QueryResult<DatabaseStats> databases(String wanted) {
    if (wanted != null && !wanted.equals(component)) {
      return new QueryResult<>(
          List.of(),
          dialect(),
          "-- source " + source.name() + " holds only component " + component,
          false);
    }
    Cached c = cache.get();
    Instant now = clock.instant();
    if (c != null && Duration.between(c.at(), now).compareTo(cacheFor) < 0) {
      return c.result();
    }
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    DatabaseStats stats;
    try (RecordingConnection rc = jdbc.open(log, used)) {
      stats = collect(rc.dataSource());
    } catch (SQLException e) {
      throw jdbc.failure("reading statement statistics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WarroomException.Retriable(
          "source " + source.name() + ": interrupted while sampling statistics", e);
    }
    QueryResult<DatabaseStats> r;
    synchronized (log) {
      r = new QueryResult<>(List.of(stats), dialect(), String.join(";\n", log) + ";", false);
    }
    cache.set(new Cached(clock.instant(), r));
    return r;
  }

  @Override
  public void check() {
    List<String> log = new ArrayList<>();
    try (RecordingConnection rc = jdbc.open(log, used);
        Statement s = rc.connection().createStatement()) {
      s.executeQuery("select 1").close();
    } catch (SQLException e) {
      throw jdbc.failure("checking the connection", e);
    }
  }

  /** Whether a statement is one warroom itself ran to read statistics. */
  static boolean own(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    for (String marker : OWN) {
      if (t.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  /** A window of counters, without warroom's own statements. */
  static DbStatementWindow window(Instant start, Instant end, List<StatementStat> stats) {
    List<DbStatement> out = new ArrayList<>();
    for (StatementStat s : stats) {
      if (!own(s.text())) {
        out.add(
            new DbStatement(
                s.id(), s.text(), s.calls(), s.totalTimeMs(), s.rows(), s.rowsExamined()));
      }
    }
    Instant from = start.isAfter(end) ? end : start;
    return new DbStatementWindow(new TimeWindow(from, end), out);
  }

  static DbStatementWindow window(StatementStats s) {
    return window(s.start(), s.end(), s.statements());
  }

  /** A way to EXPLAIN one statement. */
  interface Explainer {
    Plan explain(String sql) throws SQLException;
  }

  /**
   * Plans of the incident's top statements by time: only statements that parse as one SELECT are
   * explained (EXPLAIN without ANALYZE, so nothing runs); one that cannot be explained (a table
   * since dropped, a temporary table) is skipped.
   */
  List<DbPlan> plans(DbStatementWindow incident, Explainer explainer) throws SQLException {
    List<DbStatement> top = new ArrayList<>(incident.statements());
    top.sort(Comparator.comparingDouble(DbStatement::totalTimeMs).reversed());
    List<DbPlan> out = new ArrayList<>();
    for (DbStatement s : top) {
      if (out.size() >= explainTop) {
        break;
      }
      try {
        Plan p = explainer.explain(s.text());
        if (!p.rawJson().isBlank()) {
          out.add(new DbPlan(s.text(), p.tableRows(), p.rawJson()));
        }
      } catch (IllegalArgumentException e) {
        // not a single SELECT: never explained (read-only)
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
          throw e;
        }
        // this statement cannot be planned now; the others still can
      }
    }
    return out;
  }

  static List<DbLockWait> locks(List<LockWait> waits) {
    List<DbLockWait> out = new ArrayList<>();
    for (LockWait w : waits) {
      out.add(
          new DbLockWait(
              w.waitingSession(),
              w.waitingStatement(),
              w.blockingSession(),
              w.blockingStatement(),
              w.blockingState(),
              w.relation(),
              w.lockMode(),
              w.waited()));
    }
    return out;
  }

  void pause(Duration d) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    sleeper.accept(d.toMillis());
  }

  @Override
  public StoreSummary summary() {
    return StoreSummary.EMPTY;
  }

  @Override
  public UnsupportedQueryException unsupported(String what) {
    return new UnsupportedQueryException(
        "source "
            + source.name()
            + " ("
            + source.type().id()
            + ") has no "
            + what
            + ": a live database answers its statement statistics, plans and lock waits only");
  }

  @Override
  public void close() {
    // a connection is opened per read and closed after it
  }
}
