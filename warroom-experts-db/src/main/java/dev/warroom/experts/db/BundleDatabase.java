package dev.warroom.experts.db;

import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DbLockWait;
import dev.warroom.model.DbStatement;
import dev.warroom.model.DbStatementWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * The expert's inputs from a bundle's statistics of one database ({@link DatabaseStats}, the {@code
 * db/<component>/} folder as the store holds it): counters per window, parsed plans, lock waits.
 */
public record BundleDatabase(
    String component,
    StatementStats baseline,
    StatementStats incident,
    List<Plan> plans,
    List<LockWait> lockWaits) {
  public BundleDatabase {
    plans = List.copyOf(plans);
    lockWaits = List.copyOf(lockWaits);
  }

  /**
   * Converts and parses; a malformed plan throws {@link IllegalArgumentException} naming {@code
   * db/<component>/plans/<n>}.
   */
  public static BundleDatabase of(DatabaseStats stats) {
    SqlDialect dialect = stats.dialect().equals("mysql") ? SqlDialect.MYSQL : SqlDialect.POSTGRES;
    List<Plan> plans = new ArrayList<>();
    PlanParser parser = new PlanParser();
    for (int i = 0; i < stats.plans().size(); i++) {
      var p = stats.plans().get(i);
      plans.add(
          parser.parse(
              p.statement(),
              p.planJson(),
              p.tableRows(),
              "db/" + stats.component() + "/plans/" + (i + 1)));
    }
    List<LockWait> locks = new ArrayList<>();
    for (DbLockWait w : stats.lockWaits()) {
      locks.add(
          new LockWait(
              w.waitingSession(),
              w.waitingStatement(),
              w.blockingSession(),
              w.blockingStatement(),
              w.blockingState(),
              w.relation().isEmpty() ? null : PredicateColumns.bare(w.relation()),
              w.lockMode(),
              w.waited()));
    }
    return new BundleDatabase(
        stats.component(),
        stats.baseline() == null ? null : window(dialect, stats.baseline()),
        window(dialect, stats.incident()),
        plans,
        locks);
  }

  private static StatementStats window(SqlDialect dialect, DbStatementWindow w) {
    List<StatementStat> rows = new ArrayList<>();
    for (DbStatement s : w.statements()) {
      rows.add(
          new StatementStat(
              s.id(), s.text(), s.calls(), s.totalTimeMs(), s.rows(), s.rowsExamined()));
    }
    return new StatementStats(dialect, w.window().start(), w.window().end(), rows);
  }

  /** The expert's findings about this database, strongest first. */
  public List<dev.warroom.model.Finding> analyze(DatabaseExpert expert) {
    return expert.analyze(component, baseline, incident, plans, lockWaits);
  }
}
