package dev.warroom.gym;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the EXPLAIN JSON a database would print for the gym's simple statements: PostgreSQL's
 * {@code EXPLAIN (FORMAT JSON)} ({@code [{"Plan": …}]} with Limit/Aggregate/ModifyTable over an
 * Index Scan or Seq Scan) and MySQL's {@code EXPLAIN FORMAT=JSON} ({@code {"query_block": …}} with
 * an {@code access_type}). A statement whose index is missing reads the whole table: Seq Scan with
 * a Filter, or {@code "access_type": "ALL"} with an attached condition.
 */
final class DbPlans {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TABLE =
      Pattern.compile("(?i)\\b(?:FROM|UPDATE|INTO)\\s+([a-z_][a-z0-9_]*)");
  private static final Pattern PREDICATE =
      Pattern.compile(
          "(?i)\\bWHERE\\s+(([a-z_][a-z0-9_]*)\\s*(?:>=|<=|=|<|>)\\s*(?:ANY\\s*\\(\\s*)?"
              + "(?:\\$\\d+|\\?)\\)?)");

  private DbPlans() {}

  /** The table a statement reads or writes, or null. */
  static String table(String statement) {
    Matcher m = TABLE.matcher(statement);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** The column of the statement's first WHERE predicate (what its index is on), or null. */
  static String filterColumn(String statement) {
    Matcher m = PREDICATE.matcher(statement);
    return m.find() ? m.group(2).toLowerCase(Locale.ROOT) : null;
  }

  private static String predicate(String statement) {
    Matcher m = PREDICATE.matcher(statement);
    return m.find() ? m.group(1) : "";
  }

  /**
   * The plan of {@code statement}, or null for statements without a table read (INSERT, utility).
   *
   * @param rowsPerCall rows the statement returns per execution
   * @param tableRows rows in its table
   * @param unindexed whether its index is missing
   */
  static String plan(
      boolean mysql, String statement, double rowsPerCall, long tableRows, boolean unindexed) {
    String upper = statement.strip().toUpperCase(Locale.ROOT);
    String table = table(statement);
    if (table == null || upper.startsWith("INSERT")) {
      return null;
    }
    return mysql
        ? mysql(statement, upper, table, rowsPerCall, tableRows, unindexed)
        : postgres(statement, upper, table, rowsPerCall, tableRows, unindexed);
  }

  private static String postgres(
      String statement,
      String upper,
      String table,
      double rowsPerCall,
      long tableRows,
      boolean unindexed) {
    String column = filterColumn(statement);
    String cond = "(" + predicate(statement) + ")";
    ObjectNode scan = JSON.createObjectNode();
    long rows = Math.max(1, Math.round(rowsPerCall));
    if (column == null || unindexed || upper.contains(" MATCH(")) {
      scan.put("Node Type", "Seq Scan");
      scan.put("Parallel Aware", false);
      scan.put("Relation Name", table);
      scan.put("Alias", table);
      scan.put("Startup Cost", 0.0);
      scan.put("Total Cost", Math.round(tableRows * 0.0125 * 100) / 100.0);
      scan.put("Plan Rows", column == null ? tableRows : rows);
      scan.put("Plan Width", 64);
      if (column != null) {
        scan.put("Filter", cond);
      }
    } else {
      scan.put("Node Type", "Index Scan");
      scan.put("Parallel Aware", false);
      scan.put("Scan Direction", "Forward");
      scan.put("Index Name", column.equals("id") ? table + "_pkey" : "idx_" + table + "_" + column);
      scan.put("Relation Name", table);
      scan.put("Alias", table);
      scan.put("Startup Cost", 0.43);
      scan.put("Total Cost", Math.round((8.45 + rows * 0.6) * 100) / 100.0);
      scan.put("Plan Rows", rows);
      scan.put("Plan Width", 64);
      scan.put("Index Cond", cond);
    }
    ObjectNode top = scan;
    if (upper.startsWith("UPDATE") || upper.startsWith("DELETE")) {
      top = wrap("ModifyTable", scan);
      top.put("Operation", upper.startsWith("UPDATE") ? "Update" : "Delete");
      top.put("Relation Name", table);
      top.put("Alias", table);
    } else {
      if (upper.contains("ORDER BY")) {
        top = wrap("Sort", top);
      }
      if (upper.contains("SUM(") || upper.contains("AVG(") || upper.contains("COUNT(")) {
        top = wrap("Aggregate", top);
        top.put("Strategy", upper.contains("GROUP BY") ? "Hashed" : "Plain");
      }
      if (upper.contains(" LIMIT ")) {
        top = wrap("Limit", top);
      }
    }
    ArrayNode out = JSON.createArrayNode();
    out.addObject().set("Plan", top);
    return out.toString();
  }

  private static ObjectNode wrap(String type, ObjectNode child) {
    ObjectNode n = JSON.createObjectNode();
    n.put("Node Type", type);
    n.put("Parallel Aware", false);
    n.putArray("Plans").add(child);
    return n;
  }

  private static String mysql(
      String statement,
      String upper,
      String table,
      double rowsPerCall,
      long tableRows,
      boolean unindexed) {
    String column = filterColumn(statement);
    long rows = Math.max(1, Math.round(rowsPerCall));
    ObjectNode t = JSON.createObjectNode();
    t.put("table_name", table);
    if (upper.contains("MATCH(") && !unindexed) {
      t.put("access_type", "fulltext");
      t.put("key", "ft_" + table);
      t.put("rows_examined_per_scan", 1);
      t.put("attached_condition", "(match `" + table + "`.`name` against (?))");
    } else if (column == null || unindexed) {
      t.put("access_type", "ALL");
      t.putNull("possible_keys");
      t.put("rows_examined_per_scan", tableRows);
      t.put("rows_produced_per_join", column == null ? tableRows : rows);
      t.put("filtered", column == null ? "100.00" : "0.01");
      if (column != null) {
        t.put("attached_condition", "(`" + table + "`.`" + column + "` = ?)");
      }
    } else {
      String key = column.equals("id") ? "PRIMARY" : "idx_" + table + "_" + column;
      t.put("access_type", column.equals("id") ? "const" : "ref");
      t.putArray("possible_keys").add(key);
      t.put("key", key);
      t.putArray("used_key_parts").add(column);
      t.put("key_length", "8");
      t.putArray("ref").add("const");
      t.put("rows_examined_per_scan", rows);
      t.put("rows_produced_per_join", rows);
      t.put("filtered", "100.00");
    }
    ObjectNode block = JSON.createObjectNode();
    block.put("select_id", 1);
    block
        .putObject("cost_info")
        .put(
            "query_cost",
            String.format(
                Locale.ROOT, "%.2f", t.path("rows_examined_per_scan").asDouble() * 0.1 + 1));
    if (upper.contains("GROUP BY")) {
      ObjectNode g = block.putObject("grouping_operation");
      g.put("using_temporary_table", true);
      g.set("table", t);
    } else if (upper.contains("ORDER BY")) {
      ObjectNode o = block.putObject("ordering_operation");
      o.put("using_filesort", true);
      o.set("table", t);
    } else {
      block.set("table", t);
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("query_block", block);
    return out.toString();
  }
}
