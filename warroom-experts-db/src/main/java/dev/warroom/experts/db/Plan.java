package dev.warroom.experts.db;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An execution plan of one statement, reduced to what the expert reasons about: the table reads
 * ({@link TableAccess}) and the estimated row count of each table involved ({@code tableRows},
 * lower-case table name to rows; may be empty), with the engine's raw JSON kept as evidence.
 */
public record Plan(
    SqlDialect dialect,
    String statement,
    List<TableAccess> accesses,
    Map<String, Long> tableRows,
    String rawJson) {
  public Plan {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(statement, "statement");
    if (statement.isBlank()) {
      throw new IllegalArgumentException("blank statement");
    }
    accesses = List.copyOf(accesses);
    tableRows = tableRows == null ? Map.of() : Map.copyOf(tableRows);
    rawJson = rawJson == null ? "" : rawJson;
  }

  /** Rows of {@code access}'s table: the catalogue estimate when known, else the plan's own. */
  public double rowsOf(TableAccess access) {
    Long known = tableRows.get(access.table());
    return known == null ? access.rowsRead() : Math.max(known, access.rowsRead());
  }
}
