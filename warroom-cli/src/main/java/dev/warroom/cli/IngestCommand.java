package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.store.duckdb.DuckDbStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warroom ingest BUNDLE [--db FILE]}: loads a bundle folder into the embedded store. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Loads an incident bundle (see docs/bundles.md) into an embedded DuckDB store file.",
      "All or nothing: on any problem every one is printed as path:line: what, the exit code is 3,"
          + " and the store is left exactly as it was."
    },
    footer = {
      "",
      "Example:",
      "  warroom ingest ./bundle --db incident.duckdb",
      "  warroom query --db incident.duckdb --summary"
    })
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle folder.")
  Path bundle;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      defaultValue = "warroom.duckdb",
      description = "The store file, created when absent (default: ${DEFAULT-VALUE}).")
  Path db;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(
      names = "--no-progress",
      description =
          "Do not draw the progress bar (drawn on standard error for bundles over 16 MB).")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), !noProgress);
    DuckDbStore.LoadStats stats;
    try (DuckDbStore store = DuckDbStore.open(db)) {
      stats = store.ingest(bundle, bar);
    } finally {
      bar.done();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    var out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bundle", bundle.toString());
      m.put("db", db.toString());
      m.put("points", stats.points());
      m.put("logRecords", stats.logRecords());
      m.put("spans", stats.spans());
      m.put("seconds", Math.round(seconds * 1000) / 1000.0);
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m));
    } else {
      out.printf(
          "loaded %s: %,d metric points, %,d log records, %,d spans into %s in %.1f s%n",
          bundle, stats.points(), stats.logRecords(), stats.spans(), db, seconds);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
