package dev.warroom.model;

import java.util.List;
import java.util.Objects;

/**
 * The statements a database ran in one window: the difference of two cumulative snapshots of its
 * statement counters taken at the window's start and end.
 */
public record DbStatementWindow(TimeWindow window, List<DbStatement> statements) {
  public DbStatementWindow {
    Objects.requireNonNull(window, "window");
    statements = List.copyOf(statements);
  }
}
