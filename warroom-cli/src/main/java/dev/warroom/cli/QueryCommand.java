package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.LogQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.bundle.Timestamps;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom query --db FILE --summary | --logs …}: what a store holds. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what an embedded store holds (--summary: counts per service and the time range),",
      "or queries its logs (--logs) and prints the SQL that ran."
    },
    footer = {
      "",
      "Examples:",
      "  warroom query --db incident.duckdb --summary --json",
      "  warroom query --db incident.duckdb --logs --service cart --level warn --regex 'timeout'"
    })
final class QueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", paramLabel = "FILE", required = true, description = "The store file.")
  Path db;

  @ArgGroup(exclusive = true, multiplicity = "1")
  What what;

  static final class What {
    @Option(names = "--summary", description = "Counts per service and the time range.")
    boolean summary;

    @Option(names = "--logs", description = "Log records matching the filters below.")
    boolean logs;
  }

  @Option(names = "--service", description = "Logs of this service (repeatable).")
  Set<String> services;

  @Option(
      names = "--level",
      description = "Minimum severity (trace, debug, info, warn, error, fatal).")
  String level;

  @Option(names = "--contains", description = "Text the log body contains.")
  String contains;

  @Option(names = "--regex", description = "Regular expression (RE2) the log body matches.")
  String regex;

  @Option(names = "--from", description = "Start of the window (RFC 3339 or epoch).")
  String from;

  @Option(names = "--to", description = "End of the window, exclusive (RFC 3339 or epoch).")
  String to;

  @Option(
      names = "--limit",
      defaultValue = "100",
      description = "Most rows (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(db)) {
      throw new IllegalArgumentException(
          "--db: no store file " + db + " (run warroom ingest first)");
    }
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    try (DuckDbStore store = DuckDbStore.open(db)) {
      if (what.summary) {
        StoreSummary s = store.summary();
        if (json) {
          out.println(
              mapper.writerWithDefaultPrettyPrinter().writeValueAsString(summaryJson(mapper, s)));
        } else {
          printSummary(out, s);
        }
      } else {
        QueryResult<LogRecord> r = store.logs(logQuery());
        if (json) {
          ObjectNode n = mapper.createObjectNode();
          n.put("query", r.nativeQuery()).put("truncated", r.truncated());
          ArrayNode rows = n.putArray("rows");
          for (LogRecord l : r.rows()) {
            ObjectNode o = rows.addObject().put("ts", l.timestamp().toString());
            o.put("service", l.service())
                .put("level", l.severity().name())
                .put("message", l.body());
          }
          out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        } else {
          out.println("-- " + r.nativeQuery().replace("\n", "\n-- "));
          for (LogRecord l : r.rows()) {
            out.printf("%s %-8s %-5s %s%n", l.timestamp(), l.service(), l.severity(), l.body());
          }
          if (r.truncated()) {
            out.println("(more rows: raise --limit)");
          }
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private LogQuery logQuery() {
    TimeWindow w = null;
    if (from != null || to != null) {
      Instant f = from == null ? Instant.EPOCH : time("--from", from);
      Instant t = to == null ? Instant.parse("2262-01-01T00:00:00Z") : time("--to", to);
      w = new TimeWindow(f, t);
    }
    Severity min = null;
    if (level != null) {
      try {
        min = Severity.parse(level);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--level: " + e.getMessage());
      }
    }
    if (limit < 1) {
      throw new IllegalArgumentException("--limit: must be at least 1, got " + limit);
    }
    return new LogQuery(w, services, min, Map.of(), contains, regex, null, limit);
  }

  static Instant time(String option, String text) {
    try {
      return Timestamps.UTC.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }

  static ObjectNode summaryJson(ObjectMapper mapper, StoreSummary s) {
    ObjectNode n = mapper.createObjectNode();
    n.put("series", s.series()).put("points", s.points()).put("logRecords", s.logRecords());
    n.put("spans", s.spans()).put("traces", s.traces()).put("events", s.events());
    if (s.timeRange() != null) {
      n.putObject("timeRange")
          .put("start", s.timeRange().start().toString())
          .put("end", s.timeRange().end().toString());
    } else {
      n.putNull("timeRange");
    }
    ArrayNode services = n.putArray("services");
    for (StoreSummary.ServiceSummary x : s.services()) {
      services
          .addObject()
          .put("service", x.service())
          .put("series", x.series())
          .put("points", x.points())
          .put("logRecords", x.logRecords())
          .put("spans", x.spans())
          .put("traces", x.traces())
          .put("events", x.events());
    }
    return n;
  }

  private static void printSummary(PrintWriter out, StoreSummary s) {
    out.printf(
        "%-24s %8s %10s %10s %9s %8s %7s%n",
        "SERVICE", "SERIES", "POINTS", "LOGS", "SPANS", "TRACES", "EVENTS");
    for (StoreSummary.ServiceSummary x : s.services()) {
      out.printf(
          "%-24s %,8d %,10d %,10d %,9d %,8d %,7d%n",
          x.service(), x.series(), x.points(), x.logRecords(), x.spans(), x.traces(), x.events());
    }
    out.printf(
        "%-24s %,8d %,10d %,10d %,9d %,8d %,7d%n",
        "TOTAL", s.series(), s.points(), s.logRecords(), s.spans(), s.traces(), s.events());
    out.println(
        s.timeRange() == null
            ? "time range: (empty store)"
            : "time range: " + s.timeRange().start() + " .. " + s.timeRange().end());
  }
}
