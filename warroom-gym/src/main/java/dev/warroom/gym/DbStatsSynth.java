package dev.warroom.gym;

import dev.warroom.model.ComponentKind;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DbLockWait;
import dev.warroom.model.DbPlan;
import dev.warroom.model.DbStatement;
import dev.warroom.model.DbStatementWindow;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.TimeWindow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The database statistics of an episode ({@code db/<component>/} of its bundle), for every SQL
 * database of the system: statement counters of the window before the incident window and of the
 * incident window, EXPLAIN plans of the busiest statements, and lock waits at the window's end.
 *
 * <p>Statements of the topology's database endpoints are summed from the simulated series the
 * bundle already holds ({@code db_queries_per_second}, {@code db_query_mean_seconds}, {@code
 * db_rows_read_per_second} per query), so counters and metrics agree. {@link DbWorkload} adds the
 * background a real server shows (transactions, pool checks, exporters, the services' other queries
 * on the same tables). All other randomness comes from its own stream, so adding database
 * statistics shifts no other signal of an episode.
 */
final class DbStatsSynth {
  private final Simulator sim;
  private final MetricRecorder rec;
  private final Injection inj;
  private final SplittableRandom rnd;
  private final Map<String, String> truth = new LinkedHashMap<>();

  DbStatsSynth(Simulator sim, MetricRecorder rec, Injection inj, long seed) {
    this.sim = sim;
    this.rec = rec;
    this.inj = inj;
    this.rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ 0xDB57A75L);
  }

  /** Facts about the culprit statement/table/index or blocker for truth.json (may be empty). */
  Map<String, String> truthParameters() {
    return truth;
  }

  List<DatabaseStats> build() {
    List<DatabaseStats> out = new ArrayList<>();
    for (int s = 0; s < sim.system.services().size(); s++) {
      SystemSpec.Service svc = sim.system.services().get(s);
      if (svc.kind() == ComponentKind.DATABASE) {
        out.add(database(s, svc, rnd.split()));
      }
    }
    return out;
  }

  private DatabaseStats database(int s, SystemSpec.Service svc, SplittableRandom r) {
    boolean mysql = svc.language().equals("mysql");
    Timeline tl = sim.timeline;
    long len = tl.windowEnd - tl.windowStart;
    TimeWindow incident =
        new TimeWindow(Instant.ofEpochMilli(tl.windowStart), Instant.ofEpochMilli(tl.windowEnd));
    TimeWindow baseline =
        new TimeWindow(
            Instant.ofEpochMilli(tl.windowStart - len), Instant.ofEpochMilli(tl.windowStart));
    boolean faulty = inj.fault() != null && inj.service() == s;
    // tables: sizes drawn once per episode; every table of the gym's schemas is "large"
    Map<String, Long> tableRows = new LinkedHashMap<>();
    List<Counted> base = new ArrayList<>();
    List<Counted> inc = new ArrayList<>();
    for (int ep : sim.graph.endpointsOfService[s]) {
      String q = sim.graph.endpointName[ep];
      String stmt = svc.endpoint(q).statement();
      if (stmt.isBlank()) {
        continue;
      }
      String table = DbPlans.table(stmt);
      if (table != null) {
        tableRows.computeIfAbsent(
            table, t -> Math.round(Math.exp(Math.log(4e5) + r.nextDouble() * Math.log(100))));
      }
      base.add(sum(svc.name(), q, stmt, ep, tl.windowStart - len, len));
      inc.add(sum(svc.name(), q, stmt, ep, tl.windowStart, len));
    }
    DbWorkload bg = new DbWorkload(mysql, tableRows.keySet(), r);
    double writesPerS = 0;
    double queriesPerS = 0;
    for (Counted c : base) {
      queriesPerS += c.calls / (len / 1000.0);
      if (!c.text.startsWith("SELECT")) {
        writesPerS += c.calls / (len / 1000.0);
      }
    }
    base.addAll(bg.window(len / 1000.0, queriesPerS, writesPerS, false));
    inc.addAll(bg.window(len / 1000.0, queriesPerS, writesPerS, true));
    String culpritText = null;
    if (faulty && inj.fault() == FaultType.UNINDEXED_QUERY) {
      culpritText = svc.endpoint(sim.graph.endpointName[inj.endpoint()]).statement();
      String table = DbPlans.table(culpritText);
      truth.put("db_statement", culpritText);
      truth.put("db_table", table);
      truth.put("db_index_column", DbPlans.filterColumn(culpritText));
      // a scan that explodes rows read is a scan of a big table
      tableRows.put(table, Math.max(tableRows.get(table), 2_000_000L));
    }
    List<DbPlan> plans = plans(inc, tableRows, mysql, culpritText);
    List<DbLockWait> locks = new DbLockWaits(sim, rec, inj, s, mysql, r).waits(truth, faulty);
    return new DatabaseStats(
        svc.name(),
        mysql ? "mysql" : "postgresql",
        new DbStatementWindow(baseline, rows(base, mysql)),
        new DbStatementWindow(incident, rows(inc, mysql)),
        plans,
        locks);
  }

  /**
   * Counters of one topology statement over the window of length {@code len} starting at {@code
   * from} (the incident window, or the baseline window just before it), from the recorded series.
   */
  private Counted sum(String db, String q, String stmt, int ep, long from, long len) {
    double[] rate = rec.values(SeriesKey.of("db_queries_per_second", "service", db, "query", q));
    double[] mean = rec.values(SeriesKey.of("db_query_mean_seconds", "service", db, "query", q));
    double[] read = rec.values(SeriesKey.of("db_rows_read_per_second", "service", db, "query", q));
    Timeline tl = sim.timeline;
    double calls = 0;
    double ms = 0;
    double examined = 0;
    double covered = 0;
    boolean before = from < tl.windowStart;
    for (int i = 0; i < tl.size(); i++) {
      boolean in =
          before
              ? i < tl.firstWindowStep
                  && (tl.times[i] >= from || (covered == 0 && i == tl.firstWindowStep - 1))
              : i >= tl.firstWindowStep;
      if (!in) {
        continue;
      }
      double dt = tl.stepSeconds(i);
      calls += rate[i] * dt;
      ms += rate[i] * dt * mean[i] * 1000;
      examined += read[i] * dt;
      covered += dt;
    }
    // the baseline history may be shorter than one window: scale to the window's length
    double scale = covered <= 0 ? 0 : (len / 1000.0) / covered;
    long n = Math.round(calls * scale);
    boolean select = stmt.startsWith("SELECT");
    long rows = select ? Math.round(n * sim.dbRowsPerCall[ep]) : n;
    return new Counted(stmt, n, ms * scale, rows, Math.round(examined * scale), true);
  }

  private static List<DbStatement> rows(List<Counted> counted, boolean mysql) {
    List<DbStatement> out = new ArrayList<>();
    for (Counted c : counted) {
      if (c.calls == 0) {
        continue; // pg_stat_statements keeps no entry for a statement that did not run
      }
      out.add(
          new DbStatement(
              digest(c.text, mysql),
              c.text,
              c.calls,
              Math.round(c.ms * 1000) / 1000.0,
              c.rows,
              mysql ? Math.max(c.rows, c.examined) : -1));
    }
    out.sort(Comparator.comparingDouble(DbStatement::totalTimeMs).reversed());
    return out;
  }

  /** Plans of the five statements with the most time in the incident window that read a table. */
  private static List<DbPlan> plans(
      List<Counted> inc, Map<String, Long> tableRows, boolean mysql, String culprit) {
    List<Counted> top = new ArrayList<>(inc);
    top.sort(Comparator.comparingDouble((Counted c) -> c.ms).reversed());
    Set<String> seen = new LinkedHashSet<>();
    List<DbPlan> out = new ArrayList<>();
    for (Counted c : top) {
      String table = DbPlans.table(c.text);
      if (out.size() == 5 || !c.topology || table == null || !tableRows.containsKey(table)) {
        continue;
      }
      double perCall = c.calls == 0 ? 1 : (double) c.rows / c.calls;
      String plan =
          DbPlans.plan(mysql, c.text, perCall, tableRows.get(table), c.text.equals(culprit));
      if (plan != null && seen.add(c.text)) {
        out.add(new DbPlan(c.text, Map.of(table, tableRows.get(table)), plan));
      }
    }
    return out;
  }

  /**
   * A digest id like the engine's: pg_stat_statements' queryid is a signed 64-bit integer,
   * performance_schema's DIGEST a SHA-256 hex string.
   */
  static String digest(String text, boolean mysql) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      if (mysql) {
        return HexFormat.of().formatHex(h);
      }
      long id = 0;
      for (int i = 0; i < 8; i++) {
        id = (id << 8) | (h[i] & 0xff);
      }
      return Long.toString(id);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  /** A statement's counters over one window; {@code topology} marks an endpoint's statement. */
  record Counted(String text, long calls, double ms, long rows, long examined, boolean topology) {}
}
