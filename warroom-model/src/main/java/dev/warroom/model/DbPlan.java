package dev.warroom.model;

import java.util.Map;
import java.util.Objects;

/**
 * The execution plan of one statement as the engine printed it ({@code EXPLAIN (FORMAT JSON)} in
 * PostgreSQL, {@code EXPLAIN FORMAT=JSON} in MySQL/MariaDB; kept verbatim), with the row count of
 * each table it reads (lower-case table name to rows, from pg_class.reltuples or
 * information_schema.TABLES.TABLE_ROWS; may be empty).
 */
public record DbPlan(String statement, Map<String, Long> tableRows, String planJson) {
  public DbPlan {
    Checks.nonBlank(statement, "statement");
    tableRows = Checks.copy(tableRows);
    for (var e : tableRows.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("negative rows of table " + e.getKey());
      }
    }
    Objects.requireNonNull(planJson, "planJson");
    if (planJson.isBlank()) {
      throw new IllegalArgumentException("blank planJson");
    }
  }
}
