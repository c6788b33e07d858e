package dev.warroom.engine.agents;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one query and the query that produced it: {@code nativeQuery} is the text that
 * actually ran against the store (for the embedded DuckDB store, its SQL with parameters inlined);
 * {@code rendered} holds the same selection in the user's dialects, keyed by dialect id.
 */
public record Observation<T>(
    QueryIntent intent, List<T> rows, String nativeQuery, Map<String, String> rendered) {
  public Observation {
    Objects.requireNonNull(intent, "intent");
    rows = List.copyOf(rows);
    Objects.requireNonNull(nativeQuery, "nativeQuery");
    rendered = Map.copyOf(rendered);
  }
}
