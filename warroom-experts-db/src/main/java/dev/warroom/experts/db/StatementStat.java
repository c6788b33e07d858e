package dev.warroom.experts.db;

import java.util.Objects;

/**
 * Cumulative counters of one statement digest, as pg_stat_statements or performance_schema
 * events_statements_summary_by_digest report them: {@code id} is the engine's digest (queryid or
 * DIGEST; may be empty for file imports), {@code text} the statement as the engine recorded it
 * (normalised or not), {@code calls} executions, {@code totalTimeMs} summed execution time in
 * milliseconds, {@code rows} rows returned or affected, {@code rowsExamined} rows read to produce
 * them (-1 when the engine does not report it).
 */
public record StatementStat(
    String id, String text, long calls, double totalTimeMs, long rows, long rowsExamined) {
  public StatementStat {
    id = id == null ? "" : id;
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("blank statement text");
    }
    if (calls < 0) {
      throw new IllegalArgumentException("negative calls: " + calls);
    }
    if (!(totalTimeMs >= 0)) {
      throw new IllegalArgumentException("negative or NaN totalTimeMs: " + totalTimeMs);
    }
    if (rows < 0) {
      throw new IllegalArgumentException("negative rows: " + rows);
    }
    if (rowsExamined < -1) {
      throw new IllegalArgumentException("rowsExamined < -1: " + rowsExamined);
    }
  }

  /** Mean execution time per call in milliseconds (0 without calls). */
  public double meanTimeMs() {
    return calls == 0 ? 0 : totalTimeMs / calls;
  }
}
