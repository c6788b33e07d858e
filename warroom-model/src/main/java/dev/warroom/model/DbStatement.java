package dev.warroom.model;

import java.util.Objects;

/**
 * Counters of one statement digest over a window, as pg_stat_statements (PostgreSQL) or
 * performance_schema.events_statements_summary_by_digest (MySQL/MariaDB) report them: the engine's
 * digest id (queryid / DIGEST; empty when unknown), the statement text as recorded (usually
 * normalised, {@code $1} or {@code ?} for literals), executions, summed execution time in
 * milliseconds, rows returned or affected, and rows read to produce them ({@code -1} when the
 * engine does not report it, as pg_stat_statements does not).
 */
public record DbStatement(
    String id, String text, long calls, double totalTimeMs, long rows, long rowsExamined) {
  public DbStatement {
    id = id == null ? "" : id;
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("blank statement text");
    }
    if (calls < 0) {
      throw new IllegalArgumentException("negative calls: " + calls);
    }
    if (!(totalTimeMs >= 0) || Double.isInfinite(totalTimeMs)) {
      throw new IllegalArgumentException("negative or not finite totalTimeMs: " + totalTimeMs);
    }
    if (rows < 0) {
      throw new IllegalArgumentException("negative rows: " + rows);
    }
    if (rowsExamined < -1) {
      throw new IllegalArgumentException("rowsExamined < -1: " + rowsExamined);
    }
  }
}
