package dev.warroom.experts.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads database statistics that a bundle carries as files ({@code db/} exports), so the expert
 * runs on what a user exported without a live connection:
 *
 * <ul>
 *   <li>statement counters: CSV or JSON exports of pg_stat_statements ({@code queryid, query,
 *       calls, total_exec_time|total_time, rows}) or performance_schema digests ({@code DIGEST,
 *       DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT} in picoseconds, {@code SUM_ROWS_SENT,
 *       SUM_ROWS_EXAMINED}); JSON either an array of such rows or {@code {"dialect", "start",
 *       "end", "statements": [...]}};
 *   <li>plans: the JSON EXPLAIN output itself, or {@code {"statement", "table_rows", "plan"}};
 *   <li>lock waits: CSV/JSON rows with {@code waiting_pid, waiting_query, blocking_pid,
 *       blocking_query, blocking_state, relation|locked_table, lock_mode, waited_ms|wait_age_secs}
 *       (the columns of sys.innodb_lock_waits and of a pg_blocking_pids query).
 * </ul>
 *
 * Malformed input fails with {@code file:line: problem}.
 */
public final class DbStatsFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV = new CsvMapper();

  /** Statement counters of the window [{@code start}, {@code end}] unless the file names one. */
  public StatementStats readStatementStats(
      Path file, SqlDialect dialect, Instant start, Instant end) throws IOException {
    List<Row> rows;
    if (isJson(file)) {
      JsonNode root = readJson(file);
      if (root.isObject()) {
        if (root.has("dialect")) {
          dialect =
              SqlDialect.valueOf(
                  root.get("dialect")
                      .asText()
                      .toUpperCase(Locale.ROOT)
                      .replace("MARIADB", "MYSQL")
                      .replace("POSTGRESQL", "POSTGRES"));
        }
        start = root.has("start") ? Instant.parse(root.get("start").asText()) : start;
        end = root.has("end") ? Instant.parse(root.get("end").asText()) : end;
        root = root.path("statements");
      }
      rows = new ArrayList<>();
      int i = 0;
      for (JsonNode n : root) {
        rows.add(new Row(file, ++i, n));
      }
    } else {
      rows = readCsv(file);
    }
    List<StatementStat> out = new ArrayList<>();
    for (Row r : rows) {
      boolean mysql = r.has("digest_text") || r.has("count_star");
      String text = r.text("query", "digest_text", "text", "sql_text");
      long calls = r.number("calls", "count_star").longValue();
      double time =
          r.has("sum_timer_wait")
              ? r.number("sum_timer_wait").doubleValue() / 1e9 // picoseconds to ms
              : r.number("total_exec_time", "total_time", "total_time_ms").doubleValue();
      long rowsOut =
          r.has("rows") || r.has("sum_rows_sent")
              ? r.number("rows", "sum_rows_sent").longValue()
              : 0;
      long examined =
          r.has("sum_rows_examined") || r.has("rows_examined")
              ? r.number("sum_rows_examined", "rows_examined").longValue()
              : -1;
      String id =
          r.has("queryid") || r.has("digest") || r.has("id")
              ? r.text("queryid", "digest", "id")
              : "";
      try {
        out.add(new StatementStat(id, text, calls, time, rowsOut, examined));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(r.where() + ": " + e.getMessage(), e);
      }
      if (mysql && dialect == SqlDialect.POSTGRES) {
        dialect = SqlDialect.MYSQL;
      }
    }
    return new StatementStats(dialect, start, end, out);
  }

  /** A JSON plan (EXPLAIN output, or wrapped with statement and table rows). */
  public Plan readPlan(Path file, String statement) throws IOException {
    JsonNode root = readJson(file);
    Map<String, Long> tableRows = new HashMap<>();
    if (root.isObject() && root.has("plan") && !root.has("query_block")) {
      statement = root.path("statement").asText(statement);
      root.path("table_rows")
          .fields()
          .forEachRemaining(
              e -> tableRows.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asLong()));
      root = root.get("plan");
    }
    if (statement == null || statement.isBlank()) {
      throw new IllegalArgumentException(file + ":1: plan has no \"statement\" and none was given");
    }
    return new PlanParser()
        .parse(statement, JSON.writeValueAsString(root), tableRows, file.toString());
  }

  /** Lock waits from a CSV or JSON export. */
  public List<LockWait> readLockWaits(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    if (isJson(file)) {
      int i = 0;
      for (JsonNode n : readJson(file)) {
        rows.add(new Row(file, ++i, n));
      }
    } else {
      rows = readCsv(file);
    }
    List<LockWait> out = new ArrayList<>();
    for (Row r : rows) {
      Duration waited =
          r.has("wait_age_secs")
              ? Duration.ofMillis(Math.round(r.number("wait_age_secs").doubleValue() * 1000))
              : Duration.ofMillis(r.number("waited_ms").longValue());
      try {
        out.add(
            new LockWait(
                r.text("waiting_pid", "waiting_session"),
                r.optional("waiting_query"),
                r.text("blocking_pid", "blocking_session"),
                r.optional("blocking_query"),
                r.optional("blocking_state"),
                r.optional("relation", "locked_table") == null
                    ? null
                    : PredicateColumns.bare(r.optional("relation", "locked_table")),
                r.optional("lock_mode", "waiting_lock_mode"),
                waited));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(r.where() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static boolean isJson(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json");
  }

  private static JsonNode readJson(Path file) throws IOException {
    try {
      JsonNode n = JSON.readTree(Files.readString(file));
      if (n == null) {
        throw new IllegalArgumentException(file + ":1: empty file");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static List<Row> readCsv(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        CSV.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      while (it.hasNextValue()) {
        int line = it.getCurrentLocation().getLineNr();
        ObjectNode node = JSON.createObjectNode();
        it.nextValue().forEach(node::put);
        rows.add(new Row(file, line, node));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    }
    return rows;
  }

  /** One exported row with case-insensitive column access and located errors. */
  private record Row(Path file, int line, JsonNode node) {
    String where() {
      return file + ":" + line;
    }

    private JsonNode get(String column) {
      for (var it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().equalsIgnoreCase(column)) {
          return e.getValue();
        }
      }
      return null;
    }

    boolean has(String column) {
      JsonNode v = get(column);
      return v != null && !v.isNull() && !v.asText().isEmpty();
    }

    String optional(String... columns) {
      for (String c : columns) {
        if (has(c)) {
          return get(c).asText();
        }
      }
      return null;
    }

    String text(String... columns) {
      String v = optional(columns);
      if (v == null) {
        throw new IllegalArgumentException(where() + ": missing " + String.join(" or ", columns));
      }
      return v;
    }

    Number number(String... columns) {
      String v = text(columns);
      try {
        return Double.parseDouble(v.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            where() + ": " + columns[0] + " is not a number: '" + v + "'", e);
      }
    }
  }
}
