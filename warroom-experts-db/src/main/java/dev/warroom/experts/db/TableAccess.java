package dev.warroom.experts.db;

import java.util.Objects;

/**
 * One read of a table in a plan: the table, how it is read, the index used (null for a full scan),
 * the rows the engine expects to read from it, and the filter applied to them (empty when none).
 */
public record TableAccess(
    String table, AccessKind kind, String index, double rowsRead, String filter) {
  public TableAccess {
    Objects.requireNonNull(table, "table");
    if (table.isBlank()) {
      throw new IllegalArgumentException("blank table");
    }
    Objects.requireNonNull(kind, "kind");
    if (!(rowsRead >= 0)) {
      throw new IllegalArgumentException("negative or NaN rowsRead: " + rowsRead);
    }
    filter = filter == null ? "" : filter;
  }
}
