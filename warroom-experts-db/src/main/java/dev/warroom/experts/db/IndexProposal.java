package dev.warroom.experts.db;

import java.util.List;
import java.util.Objects;

/**
 * An index that would let the engine find a statement's rows without reading the whole table:
 * {@code columns} in key order (equality predicates first, then at most one range predicate, the
 * usual "equality, range" rule for composite B-tree keys).
 */
public record IndexProposal(String table, List<String> columns) {
  public IndexProposal {
    Objects.requireNonNull(table, "table");
    if (table.isBlank()) {
      throw new IllegalArgumentException("blank table");
    }
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("index on " + table + " has no columns");
    }
  }

  /** The DDL a DBA would review, e.g. {@code CREATE INDEX idx_orders_customer_id ON ...}. */
  public String ddl() {
    String name = ("idx_" + table + "_" + String.join("_", columns)).replace('.', '_');
    return "CREATE INDEX " + name + " ON " + table + " (" + String.join(", ", columns) + ")";
  }
}
