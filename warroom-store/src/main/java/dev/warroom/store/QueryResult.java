package dev.warroom.store;

import java.util.List;
import java.util.Objects;

/**
 * The rows a store query returned together with the native query that actually ran (for DuckDB the
 * SQL with every parameter inlined; for a connector its PromQL, OpenSearch DSL, …), so that a
 * report can show which query produced a piece of evidence. {@code truncated} is true when the
 * query's limit cut the result short.
 */
public record QueryResult<T>(List<T> rows, String dialect, String nativeQuery, boolean truncated) {
  public QueryResult {
    rows = List.copyOf(rows);
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(nativeQuery, "nativeQuery");
  }

  public int size() {
    return rows.size();
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }
}
