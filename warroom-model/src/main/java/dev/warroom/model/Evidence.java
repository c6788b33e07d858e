package dev.warroom.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something warroom actually retrieved and can show: the query that ran (in the store's own
 * dialect, and optionally rendered in the user's), a one-line summary of its result, and the rows
 * that back it (log lines, span ids, series samples, statement text…). Every claim in a report
 * refers to evidence by {@code id}. {@code source} names the data source or expert that produced
 * it; {@code entities} are the services, pods, hosts, metrics and numbers the summary mentions, so
 * a report can be checked against its evidence.
 */
public record Evidence(
    String id,
    EvidenceKind kind,
    String source,
    String query,
    Map<String, String> renderedQueries,
    String summary,
    List<String> rows,
    List<String> entities,
    CodeRef code,
    SeriesChart chart) {
  public Evidence {
    Checks.nonBlank(id, "id");
    Objects.requireNonNull(kind, "kind");
    Checks.nonBlank(source, "source");
    query = query == null ? "" : query;
    renderedQueries = Checks.copy(renderedQueries);
    Checks.nonBlank(summary, "summary");
    rows = rows == null ? List.of() : List.copyOf(rows);
    entities = entities == null ? List.of() : List.copyOf(entities);
  }

  public static Evidence of(
      String id, EvidenceKind kind, String source, String summary, List<String> rows) {
    return new Evidence(id, kind, source, "", Map.of(), summary, rows, List.of(), null, null);
  }

  public Evidence withId(String newId) {
    return new Evidence(
        newId, kind, source, query, renderedQueries, summary, rows, entities, code, chart);
  }
}
