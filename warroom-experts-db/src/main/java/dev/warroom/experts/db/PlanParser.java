package dev.warroom.experts.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the JSON plans of PostgreSQL ({@code EXPLAIN (FORMAT JSON)}: nested "Plan"/"Plans" nodes
 * with "Node Type") and MySQL/MariaDB ({@code EXPLAIN FORMAT=JSON}: "query_block" with "table"
 * objects carrying "access_type") into {@link Plan}s. The dialect is recognised from the shape.
 */
public final class PlanParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses {@code json}; {@code source} names where it came from, for error messages. */
  public Plan parse(String statement, String json, Map<String, Long> tableRows, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          source
              + ":"
              + e.getLocation().getLineNr()
              + ": not a JSON plan: "
              + e.getOriginalMessage(),
          e);
    }
    if (root == null) {
      throw new IllegalArgumentException(source + ": empty plan");
    }
    JsonNode first = root.isArray() && !root.isEmpty() ? root.get(0) : root;
    List<TableAccess> accesses = new ArrayList<>();
    SqlDialect dialect;
    if (first.has("Plan")) {
      dialect = SqlDialect.POSTGRES;
      postgres(first.get("Plan"), accesses);
    } else if (first.has("query_block")) {
      dialect = SqlDialect.MYSQL;
      mysql(first.get("query_block"), accesses);
    } else {
      throw new IllegalArgumentException(
          source + ": neither a PostgreSQL plan (\"Plan\") nor a MySQL plan (\"query_block\")");
    }
    return new Plan(dialect, statement, accesses, tableRows, json);
  }

  private static void postgres(JsonNode node, List<TableAccess> out) {
    String type = node.path("Node Type").asText("");
    if (node.has("Relation Name")) {
      String table = node.get("Relation Name").asText().toLowerCase(Locale.ROOT);
      AccessKind kind =
          switch (type) {
            case "Seq Scan" -> AccessKind.FULL_SCAN;
            default -> AccessKind.INDEX_LOOKUP;
          };
      // Plan Rows is the estimate after the filter; ANALYZE adds the rows the filter removed
      double rows =
          node.path("Actual Rows").asDouble(node.path("Plan Rows").asDouble(0))
              + node.path("Rows Removed by Filter").asDouble(0);
      String index = node.has("Index Name") ? node.get("Index Name").asText() : null;
      out.add(new TableAccess(table, kind, index, rows, node.path("Filter").asText("")));
    } else if (type.equals("Bitmap Index Scan") && !out.isEmpty()) {
      TableAccess heap = out.getLast();
      out.set(
          out.size() - 1,
          new TableAccess(
              heap.table(),
              heap.kind(),
              node.path("Index Name").asText(null),
              heap.rowsRead(),
              heap.filter()));
    }
    for (JsonNode child : node.path("Plans")) {
      postgres(child, out);
    }
  }

  private static void mysql(JsonNode node, List<TableAccess> out) {
    if (node.isObject()) {
      JsonNode table = node.get("table");
      if (table != null && table.has("table_name") && table.has("access_type")) {
        String access = table.get("access_type").asText().toUpperCase(Locale.ROOT);
        AccessKind kind =
            switch (access) {
              case "ALL" -> AccessKind.FULL_SCAN;
              case "INDEX" -> AccessKind.FULL_INDEX_SCAN;
              default -> AccessKind.INDEX_LOOKUP;
            };
        // MySQL 8 says rows_examined_per_scan, MariaDB and MySQL 5.7 say rows
        double rows = table.path("rows_examined_per_scan").asDouble(table.path("rows").asDouble(0));
        out.add(
            new TableAccess(
                table.get("table_name").asText().toLowerCase(Locale.ROOT),
                kind,
                table.has("key") ? table.get("key").asText() : null,
                rows,
                table.path("attached_condition").asText("")));
      }
      node.fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("table")) {
                  mysql(e.getValue(), out);
                } else {
                  // a derived table's inner query block hangs under "table"
                  e.getValue().fields().forEachRemaining(f -> mysql(f.getValue(), out));
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> mysql(n, out));
    }
  }
}
