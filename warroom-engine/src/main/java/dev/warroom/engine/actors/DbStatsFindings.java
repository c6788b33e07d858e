package dev.warroom.engine.actors;

import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.experts.db.BundleDatabase;
import dev.warroom.experts.db.DatabaseExpert;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.Evidence;
import dev.warroom.model.Finding;
import dev.warroom.store.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the database expert on the {@code db/} statistics the source holds (see {@link
 * TelemetrySource#databases}) and records its strongest findings. Each piece of evidence carries
 * the SQL that read the statistics from the store as its query, and as renderings the query a DBA
 * would run on the live database for the same facts (pg_stat_statements / performance_schema,
 * EXPLAIN, the lock-wait views).
 */
final class DbStatsFindings {
  /** Findings per database kept for the report: the expert's strongest that name a fault. */
  static final int PER_DATABASE = 3;

  static final double MIN_SCORE = 0.5;

  private DbStatsFindings() {}

  /** Whether the investigation's source has database statistics at all. */
  static boolean available(InvestigationContext ctx) {
    TelemetrySource s = ctx.agent().source();
    return !ctx.memo("db-stats:components", () -> components(s)).isEmpty();
  }

  private static List<String> components(TelemetrySource s) {
    return s.databases(null).rows().stream().map(DatabaseStats::component).toList();
  }

  /** The findings recorded and the statements they name. */
  record Recorded(List<Finding> findings, List<String> statements) {}

  /**
   * Records the findings about the databases in {@code services} (all when empty) under expert name
   * {@code actor}.
   */
  static Recorded record(InvestigationContext ctx, String actor, List<String> services) {
    TelemetrySource source = ctx.agent().source();
    List<Finding> out = new ArrayList<>();
    List<String> statements = new ArrayList<>();
    DatabaseExpert expert = ctx.experts().db();
    for (String component : ctx.memo("db-stats:components", () -> components(source))) {
      if (!services.isEmpty() && !services.contains(component)) {
        continue;
      }
      QueryResult<DatabaseStats> r = source.databases(component);
      ctx.agent().budget().spendQuery();
      for (DatabaseStats d : r.rows()) {
        int kept = 0;
        for (Finding f : BundleDatabase.of(d).analyze(expert)) {
          if (kept == PER_DATABASE || f.faultClass() == null || f.score() < MIN_SCORE) {
            continue;
          }
          kept++;
          List<Evidence> evidence = new ArrayList<>();
          for (Evidence e : f.evidence()) {
            if (!e.query().isBlank() && !statements.contains(e.query())) {
              statements.add(e.query());
            }
            evidence.add(ctx.evidence().adopt(withStoreQuery(e, r.nativeQuery(), d), null));
          }
          Finding finding =
              new Finding(
                  actor,
                  d.component(),
                  d.component(),
                  f.faultClass(),
                  d.component() + ": " + f.summary(),
                  f.score(),
                  null,
                  evidence,
                  f.detail());
          ctx.addFinding(finding);
          out.add(finding);
        }
      }
    }
    return new Recorded(out, statements);
  }

  private static Evidence withStoreQuery(Evidence e, String storeSql, DatabaseStats d) {
    boolean mysql = d.dialect().equals("mysql");
    Map<String, String> rendered = new LinkedHashMap<>();
    String live;
    if (e.source().startsWith("EXPLAIN")) {
      live = (mysql ? "EXPLAIN FORMAT=JSON " : "EXPLAIN (FORMAT JSON) ") + e.query();
    } else if (e.source().equals("lock waits")) {
      live =
          mysql
              ? "SELECT waiting_pid, waiting_query, blocking_pid, blocking_query, locked_table,"
                  + " waiting_lock_mode, wait_age_secs FROM sys.innodb_lock_waits"
              : "SELECT w.pid AS waiting_pid, w.query AS waiting_query, b.pid AS blocking_pid,"
                  + " b.query AS blocking_query, b.state AS blocking_state,"
                  + " now() - w.query_start AS waited FROM pg_stat_activity w"
                  + " CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS bp(pid)"
                  + " JOIN pg_stat_activity b ON b.pid = bp.pid";
    } else {
      live =
          mysql
              ? "SELECT DIGEST, DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT, SUM_ROWS_SENT,"
                  + " SUM_ROWS_EXAMINED FROM performance_schema.events_statements_summary_by_digest"
                  + " ORDER BY SUM_TIMER_WAIT DESC LIMIT 50"
              : "SELECT queryid, query, calls, total_exec_time, rows FROM pg_stat_statements"
                  + " ORDER BY total_exec_time DESC LIMIT 50";
    }
    rendered.put(d.dialect(), live);
    List<String> entities = new ArrayList<>(e.entities());
    if (!e.query().isBlank() && !entities.contains(e.query())) {
      entities.add(e.query());
    }
    return new Evidence(
        e.id(),
        e.kind(),
        e.source() + " (" + d.component() + ")",
        storeSql,
        rendered,
        e.summary(),
        e.rows(),
        entities,
        null,
        null);
  }
}
