package dev.warroom.gym;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The background statements a database runs besides the topology's endpoints, as pg_stat_statements
 * / performance_schema show them on any production server: transaction control and pool validation
 * (proportional to traffic), the metrics exporter's catalogue queries (a fixed scrape rate), and
 * the owning services' other statements on each table (point reads, touch updates, a dashboard
 * count). Rates and costs are drawn once per database; each window adds ±8% noise. One statement
 * may rise several-fold in the incident window for a reason unrelated to the incident (a second
 * exporter, a dashboard left open): a non-causal change an investigation should not blame, because
 * its share of database time stays small.
 */
final class DbWorkload {
  /** How a statement's rate scales. */
  private enum Driver {
    WRITES,
    QUERIES,
    FIXED
  }

  private record Spec(String text, Driver driver, double rate, double meanMs, double rowsPerCall) {}

  private final List<Spec> specs = new ArrayList<>();
  private final SplittableRandom rnd;
  private final int herring;
  private final double herringFactor;

  DbWorkload(boolean mysql, Collection<String> tables, SplittableRandom rnd) {
    this.rnd = rnd;
    String p1 = mysql ? "?" : "$1";
    if (mysql) {
      specs.add(new Spec("COMMIT", Driver.WRITES, 1.0, u(0.08, 0.4), 0));
      specs.add(new Spec("SET autocommit = ?", Driver.WRITES, 2.0, 0.01, 0));
      specs.add(new Spec("SELECT @@session.transaction_read_only", Driver.QUERIES, 0.3, 0.02, 1));
      specs.add(new Spec("SELECT ?", Driver.QUERIES, 0.02, 0.01, 1));
      specs.add(new Spec("SHOW GLOBAL STATUS", Driver.FIXED, 1 / 15.0, u(0.5, 1.5), 480));
      specs.add(new Spec("SHOW FULL PROCESSLIST", Driver.FIXED, 1 / 15.0, u(0.1, 0.4), 40));
      specs.add(
          new Spec(
              "SELECT * FROM performance_schema.events_statements_summary_by_digest ORDER BY"
                  + " SUM_TIMER_WAIT DESC LIMIT ?",
              Driver.FIXED,
              1 / 60.0,
              u(2, 6),
              100));
      specs.add(
          new Spec(
              "SELECT table_schema, table_name, table_rows FROM information_schema.tables WHERE"
                  + " table_schema = ?",
              Driver.FIXED,
              1 / 60.0,
              u(1, 4),
              tables.size()));
    } else {
      specs.add(new Spec("BEGIN", Driver.WRITES, 1.0, 0.004, 0));
      specs.add(new Spec("COMMIT", Driver.WRITES, 1.0, u(0.05, 0.3), 0));
      specs.add(new Spec("SELECT 1", Driver.QUERIES, 0.02, 0.01, 1));
      specs.add(new Spec("SET application_name = $1", Driver.FIXED, 0.05, 0.01, 0));
      specs.add(
          new Spec(
              "SELECT datname, numbackends, xact_commit, xact_rollback, blks_read, blks_hit FROM"
                  + " pg_stat_database",
              Driver.FIXED,
              1 / 15.0,
              u(0.2, 0.6),
              4));
      specs.add(
          new Spec(
              "SELECT relname, seq_scan, idx_scan, n_live_tup, n_dead_tup FROM"
                  + " pg_stat_user_tables",
              Driver.FIXED,
              1 / 15.0,
              u(0.4, 1.2),
              tables.size() + 3));
      specs.add(
          new Spec(
              "SELECT pid, state, wait_event_type, query_start FROM pg_stat_activity WHERE state"
                  + " <> $1",
              Driver.FIXED,
              1 / 15.0,
              u(0.2, 0.5),
              12));
      specs.add(
          new Spec(
              "SELECT queryid, query, calls, total_exec_time FROM pg_stat_statements ORDER BY"
                  + " total_exec_time DESC LIMIT $1",
              Driver.FIXED,
              1 / 60.0,
              u(2, 5),
              100));
    }
    String now = mysql ? "NOW()" : "now()";
    for (String t : tables) {
      specs.add(
          new Spec(
              "SELECT * FROM " + t + " WHERE id = " + p1,
              Driver.QUERIES,
              u(0.01, 0.06),
              u(0.04, 0.2),
              1));
      specs.add(
          new Spec(
              "UPDATE " + t + " SET updated_at = " + now + " WHERE id = " + p1,
              Driver.WRITES,
              u(0.02, 0.1),
              u(0.08, 0.3),
              1));
      specs.add(
          new Spec(
              "SELECT count(*) FROM " + t + " WHERE created_at >= " + p1,
              Driver.FIXED,
              1 / 120.0,
              u(15, 80),
              1));
    }
    herring = rnd.nextDouble() < 0.6 ? 4 + rnd.nextInt(specs.size() - 4) : -1;
    herringFactor = u(3, 6);
  }

  private double u(double lo, double hi) {
    return lo + (hi - lo) * rnd.nextDouble();
  }

  /** Counters of one window of {@code seconds} at the given traffic. */
  List<DbStatsSynth.Counted> window(
      double seconds, double queriesPerS, double writesPerS, boolean incident) {
    List<DbStatsSynth.Counted> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec s = specs.get(i);
      double driver =
          switch (s.driver) {
            case WRITES -> writesPerS;
            case QUERIES -> queriesPerS;
            case FIXED -> 1;
          };
      double noise = 1 + 0.08 * (2 * rnd.nextDouble() - 1);
      double factor = incident && i == herring ? herringFactor : 1;
      long calls = Math.round(s.rate * driver * seconds * noise * factor);
      double mean = s.meanMs * (1 + 0.1 * (2 * rnd.nextDouble() - 1));
      long rows = Math.round(calls * s.rowsPerCall);
      out.add(new DbStatsSynth.Counted(s.text, calls, calls * mean, rows, rows, false));
    }
    return out;
  }
}
