package dev.warroom.store.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.DbLockWait;
import dev.warroom.model.DbPlan;
import dev.warroom.model.DbStatement;
import dev.warroom.model.DbStatementWindow;
import dev.warroom.model.TimeWindow;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code db/<component>/} folder of a bundle (docs/bundles.md): statement counters of the
 * baseline and incident windows ({@code statements-baseline|incident.json|csv}, pg_stat_statements
 * or performance_schema digest columns), plans ({@code plans/*.json}: {@code {"statement",
 * "table_rows", "plan"}} with the engine's EXPLAIN JSON) and lock waits ({@code
 * lock-waits.json|csv}). These are the formats {@code dev.warroom.experts.db.DbStatsFiles} reads.
 * Problems are reported as {@code path:line: what} (CSV) or {@code path#/pointer: what} (JSON).
 */
final class DatabaseFiles {
  private DatabaseFiles() {}

  /** Gathers the files of each component while the bundle is walked, then parses them. */
  static final class Collector {
    private final Map<String, Map<String, Path>> byComponent = new TreeMap<>();

    /** Takes {@code db/<component>/<name>}; reports files outside that layout. */
    void add(String rel, Path file, Problems problems) {
      String[] parts = rel.split("/", 3);
      if (parts.length < 3) {
        problems.add(rel + ": database files belong in db/<component>/ (see docs/bundles.md)");
        return;
      }
      byComponent.computeIfAbsent(parts[1], k -> new TreeMap<>()).put(parts[2], file);
    }

    void emit(TelemetrySink sink, BundleManifest manifest, Problems problems) {
      for (var e : byComponent.entrySet()) {
        DatabaseStats stats = component(e.getKey(), e.getValue(), manifest, problems);
        if (stats != null) {
          sink.database(stats);
        }
      }
    }
  }

  private static DatabaseStats component(
      String component, Map<String, Path> files, BundleManifest manifest, Problems problems) {
    String prefix = "db/" + component + "/";
    Path baselineFile = null;
    Path incidentFile = null;
    Path locksFile = null;
    List<String> planNames = new ArrayList<>();
    for (var f : files.entrySet()) {
      String name = f.getKey();
      switch (name) {
        case "statements-baseline.json", "statements-baseline.csv" -> baselineFile = f.getValue();
        case "statements-incident.json", "statements-incident.csv" -> incidentFile = f.getValue();
        case "lock-waits.json", "lock-waits.csv" -> locksFile = f.getValue();
        default -> {
          if (name.startsWith("plans/") && name.endsWith(".json")) {
            planNames.add(name);
          } else if (!name.startsWith(".") && !name.contains("/.")) {
            problems.add(
                prefix
                    + name
                    + ": unknown database file (expected statements-baseline|incident.json|csv,"
                    + " plans/*.json, lock-waits.json|csv)");
          }
        }
      }
    }
    if (incidentFile == null) {
      problems.add(
          prefix
              + "statements-incident.json: missing (a db/ folder needs the incident"
              + " window's statement counters)");
      return null;
    }
    TimeWindow incidentDefault = manifest.window();
    TimeWindow baselineDefault =
        incidentDefault == null
            ? null
            : new TimeWindow(
                incidentDefault.start().minus(incidentDefault.length()), incidentDefault.start());
    int before = problems.size();
    String[] dialect = {null};
    DbStatementWindow incident =
        statements(prefix, incidentFile, incidentDefault, dialect, problems);
    DbStatementWindow baseline =
        baselineFile == null
            ? null
            : statements(prefix, baselineFile, baselineDefault, dialect, problems);
    List<DbPlan> plans = new ArrayList<>();
    for (String name : planNames) {
      DbPlan p = plan(prefix + name, files.get(name), problems);
      if (p != null) {
        plans.add(p);
      }
    }
    List<DbLockWait> locks = locksFile == null ? List.of() : lockWaits(prefix, locksFile, problems);
    if (problems.size() > before || incident == null) {
      return null;
    }
    if (dialect[0] == null) {
      dialect[0] =
          plans.stream().anyMatch(p -> p.planJson().contains("query_block"))
              ? "mysql"
              : "postgresql";
    }
    try {
      return new DatabaseStats(component, dialect[0], baseline, incident, plans, locks);
    } catch (IllegalArgumentException e) {
      problems.add(prefix + ": " + e.getMessage());
      return null;
    }
  }

  private static DbStatementWindow statements(
      String prefix, Path file, TimeWindow window, String[] dialect, Problems problems) {
    String rel = prefix + file.getFileName();
    List<Row> rows = new ArrayList<>();
    if (rel.endsWith(".json")) {
      JsonNode root = BundleReader.json(file, rel, problems);
      if (root == null) {
        return null;
      }
      String base = "#";
      if (root.isObject()) {
        if (root.hasNonNull("dialect")) {
          dialect[0] = root.get("dialect").asText();
        }
        try {
          Instant start =
              root.hasNonNull("start") ? Instant.parse(root.get("start").asText()) : null;
          Instant end = root.hasNonNull("end") ? Instant.parse(root.get("end").asText()) : null;
          if (start != null && end != null) {
            window = new TimeWindow(start, end);
          }
        } catch (RuntimeException e) {
          problems.add(rel + "#/start: " + e.getMessage());
          return null;
        }
        root = root.path("statements");
        base = "#/statements";
      }
      if (!root.isArray()) {
        problems.add(rel + base + ": expected an array of statement rows");
        return null;
      }
      for (int i = 0; i < root.size(); i++) {
        rows.add(new Row(rel + base + "/" + i, root.get(i)));
      }
    } else {
      rows = csv(file, rel, problems);
      if (rows == null) {
        return null;
      }
    }
    if (window == null) {
      problems.add(
          rel
              + ": no window: give \"start\" and \"end\" in the JSON form, or declare the"
              + " incident window in manifest.json");
      return null;
    }
    List<DbStatement> out = new ArrayList<>();
    for (Row r : rows) {
      try {
        boolean mysql = r.has("digest_text") || r.has("count_star");
        if (mysql && dialect[0] == null) {
          dialect[0] = "mysql";
        }
        double ms =
            r.has("sum_timer_wait")
                ? new BigDecimal(r.text("sum_timer_wait").strip()).movePointLeft(9).doubleValue()
                : r.number("total_exec_time", "total_time", "total_time_ms");
        long examined =
            r.has("sum_rows_examined") || r.has("rows_examined")
                ? (long) r.number("sum_rows_examined", "rows_examined")
                : -1;
        out.add(
            new DbStatement(
                r.optional("queryid", "digest", "id"),
                r.text("query", "digest_text", "text", "sql_text"),
                (long) r.number("calls", "count_star"),
                ms,
                r.has("rows") || r.has("sum_rows_sent")
                    ? (long) r.number("rows", "sum_rows_sent")
                    : 0,
                examined));
      } catch (IllegalArgumentException e) {
        problems.add(r.where + ": " + e.getMessage());
      }
    }
    return new DbStatementWindow(window, out);
  }

  private static DbPlan plan(String rel, Path file, Problems problems) {
    JsonNode root = BundleReader.json(file, rel, problems);
    if (root == null) {
      return null;
    }
    if (!root.isObject() || !root.hasNonNull("statement") || !root.has("plan")) {
      problems.add(rel + "#: expected {\"statement\", \"table_rows\", \"plan\"}");
      return null;
    }
    JsonNode plan = root.get("plan");
    JsonNode first = plan.isArray() && !plan.isEmpty() ? plan.get(0) : plan;
    if (!first.has("Plan") && !first.has("query_block")) {
      problems.add(
          rel
              + "#/plan: neither a PostgreSQL plan (\"Plan\") nor a MySQL plan"
              + " (\"query_block\")");
      return null;
    }
    Map<String, Long> tableRows = new LinkedHashMap<>();
    var it = root.path("table_rows").fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
        problems.add(rel + "#/table_rows/" + e.getKey() + ": not a row count: " + e.getValue());
        return null;
      }
      tableRows.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asLong());
    }
    try {
      return new DbPlan(root.get("statement").asText(), tableRows, plan.toString());
    } catch (IllegalArgumentException e) {
      problems.add(rel + "#/statement: " + e.getMessage());
      return null;
    }
  }

  private static List<DbLockWait> lockWaits(String prefix, Path file, Problems problems) {
    String rel = prefix + file.getFileName();
    List<Row> rows = new ArrayList<>();
    if (rel.endsWith(".json")) {
      JsonNode root = BundleReader.json(file, rel, problems);
      if (root == null) {
        return List.of();
      }
      if (!root.isArray()) {
        problems.add(rel + "#: expected an array of lock-wait rows");
        return List.of();
      }
      for (int i = 0; i < root.size(); i++) {
        rows.add(new Row(rel + "#/" + i, root.get(i)));
      }
    } else {
      rows = csv(file, rel, problems);
      if (rows == null) {
        return List.of();
      }
    }
    List<DbLockWait> out = new ArrayList<>();
    for (Row r : rows) {
      try {
        Duration waited =
            r.has("wait_age_secs")
                ? Duration.ofMillis(Math.round(r.number("wait_age_secs") * 1000))
                : Duration.ofMillis((long) r.number("waited_ms"));
        out.add(
            new DbLockWait(
                r.text("waiting_pid", "waiting_session"),
                r.optional("waiting_query"),
                r.text("blocking_pid", "blocking_session"),
                r.optional("blocking_query"),
                r.optional("blocking_state"),
                r.optional("relation", "locked_table"),
                r.optional("lock_mode", "waiting_lock_mode"),
                waited));
      } catch (IllegalArgumentException e) {
        problems.add(r.where + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static List<Row> csv(Path file, String rel, Problems problems) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(rel + ": cannot read: " + e.getMessage());
      return null;
    }
    if (lines.isEmpty()) {
      problems.add(rel + ": empty file");
      return null;
    }
    List<String> header;
    try {
      header = CsvLine.split(lines.getFirst().replace("\uFEFF", ""));
    } catch (IllegalArgumentException e) {
      problems.add(rel + ":1: " + e.getMessage());
      return null;
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        List<String> cells = CsvLine.split(lines.get(i));
        if (cells.size() != header.size()) {
          problems.add(
              rel + ":" + (i + 1) + ": " + cells.size() + " fields, header has " + header.size());
          continue;
        }
        ObjectNode n = ModelJson.MAPPER.createObjectNode();
        for (int c = 0; c < header.size(); c++) {
          n.put(header.get(c).strip(), cells.get(c));
        }
        rows.add(new Row(rel + ":" + (i + 1), n));
      } catch (IllegalArgumentException e) {
        problems.add(rel + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    return rows;
  }

  /** One exported row with case-insensitive column access; {@code where} locates it. */
  private record Row(String where, JsonNode node) {
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
        throw new IllegalArgumentException("missing " + String.join(" or ", columns));
      }
      return v;
    }

    double number(String... columns) {
      String v = text(columns);
      try {
        double d = Double.parseDouble(v.strip());
        if (!Double.isFinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(columns[0] + " is not a number: '" + v + "'", e);
      }
    }
  }

  // ---- writing ---------------------------------------------------------------------------

  /** Writes {@code db/<component>/…} for each database, in the JSON forms above. */
  static void write(List<DatabaseStats> databases, Path dir) throws IOException {
    for (DatabaseStats d : databases) {
      Path c = dir.resolve("db").resolve(d.component());
      boolean mysql = d.dialect().equals("mysql");
      if (d.baseline() != null) {
        writeJson(c.resolve("statements-baseline.json"), window(d, d.baseline(), mysql));
      }
      writeJson(c.resolve("statements-incident.json"), window(d, d.incident(), mysql));
      for (int i = 0; i < d.plans().size(); i++) {
        DbPlan p = d.plans().get(i);
        ObjectNode n = ModelJson.MAPPER.createObjectNode();
        n.put("statement", p.statement());
        ObjectNode rows = n.putObject("table_rows");
        new TreeMap<>(p.tableRows()).forEach(rows::put);
        n.set("plan", ModelJson.MAPPER.readTree(p.planJson()));
        writeJson(c.resolve(String.format("plans/%03d.json", i + 1)), n);
      }
      if (!d.lockWaits().isEmpty()) {
        ArrayNode a = ModelJson.MAPPER.createArrayNode();
        for (DbLockWait w : d.lockWaits()) {
          ObjectNode n = a.addObject();
          n.put("waiting_pid", w.waitingSession());
          n.put("waiting_query", w.waitingStatement());
          n.put("blocking_pid", w.blockingSession());
          n.put("blocking_query", w.blockingStatement());
          n.put("blocking_state", w.blockingState());
          n.put("relation", w.relation());
          n.put("lock_mode", w.lockMode());
          n.put("waited_ms", w.waited().toMillis());
        }
        writeJson(c.resolve("lock-waits.json"), a);
      }
    }
  }

  private static ObjectNode window(DatabaseStats d, DbStatementWindow w, boolean mysql) {
    ObjectNode n = ModelJson.MAPPER.createObjectNode();
    n.put("dialect", d.dialect());
    n.put("start", w.window().start().toString());
    n.put("end", w.window().end().toString());
    ArrayNode rows = n.putArray("statements");
    for (DbStatement s : w.statements()) {
      ObjectNode r = rows.addObject();
      if (mysql) {
        // performance_schema.events_statements_summary_by_digest; timers are in picoseconds
        r.put("DIGEST", s.id());
        r.put("DIGEST_TEXT", s.text());
        r.put("COUNT_STAR", s.calls());
        r.put(
            "SUM_TIMER_WAIT",
            new BigDecimal(Double.toString(s.totalTimeMs())).movePointRight(9).toBigInteger());
        r.put("SUM_ROWS_SENT", s.rows());
        if (s.rowsExamined() >= 0) {
          r.put("SUM_ROWS_EXAMINED", s.rowsExamined());
        }
      } else {
        r.put("queryid", s.id());
        r.put("query", s.text());
        r.put("calls", s.calls());
        r.put("total_exec_time", s.totalTimeMs());
        r.put("rows", s.rows());
        if (s.rowsExamined() >= 0) {
          r.put("rows_examined", s.rowsExamined());
        }
      }
    }
    return n;
  }

  private static void writeJson(Path p, JsonNode n) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, n.toPrettyString() + "\n", StandardCharsets.UTF_8);
  }
}
