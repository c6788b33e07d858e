package dev.warroom.experts.db;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Statement counters over one window: what ran between {@code start} and {@code end}. A collector
 * reads cumulative counters; {@link #between(StatementStats, StatementStats)} turns two such
 * snapshots into the window between them (counter resets, where a later value is smaller, count
 * from zero, as Prometheus' {@code increase()} does).
 */
public record StatementStats(
    SqlDialect dialect, Instant start, Instant end, List<StatementStat> statements) {
  public StatementStats {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end < start: " + end + " < " + start);
    }
    statements = List.copyOf(statements);
  }

  /** A cumulative snapshot taken at {@code at} (start = end = at). */
  public static StatementStats snapshot(
      SqlDialect dialect, Instant at, List<StatementStat> statements) {
    return new StatementStats(dialect, at, at, statements);
  }

  /** Window length in seconds, at least 1 ms so that rates stay finite. */
  public double seconds() {
    return Math.max(Duration.between(start, end).toMillis(), 1) / 1000.0;
  }

  /** The work done between two cumulative snapshots of the same server. */
  public static StatementStats between(StatementStats before, StatementStats after) {
    if (after.end.isBefore(before.end)) {
      throw new IllegalArgumentException(
          "snapshots out of order: " + after.end + " < " + before.end);
    }
    Map<String, StatementStat> old = new HashMap<>();
    for (StatementStat s : before.statements) {
      old.put(key(s), s);
    }
    List<StatementStat> delta = new ArrayList<>();
    for (StatementStat s : after.statements) {
      StatementStat b = old.get(key(s));
      if (b == null || s.calls() < b.calls()) {
        delta.add(s);
      } else if (s.calls() > b.calls()) {
        delta.add(
            new StatementStat(
                s.id(),
                s.text(),
                s.calls() - b.calls(),
                Math.max(0, s.totalTimeMs() - b.totalTimeMs()),
                Math.max(0, s.rows() - b.rows()),
                s.rowsExamined() < 0 || b.rowsExamined() < 0
                    ? -1
                    : Math.max(0, s.rowsExamined() - b.rowsExamined())));
      }
    }
    return new StatementStats(after.dialect, before.end, after.end, delta);
  }

  private static String key(StatementStat s) {
    return s.id().isEmpty() ? s.text() : s.id();
  }
}
