package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.DataQuality;
import dev.warroom.model.FileQuality;
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

/**
 * {@code warroom ingest BUNDLE [--db FILE] [--strict]}: loads a bundle folder into the embedded
 * store, skipping and counting malformed records, or all or nothing with {@code --strict}.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Loads an incident bundle (see docs/bundles.md) into an embedded DuckDB store file.",
      "Malformed records, empty files and clocks far outside the bundle's time span are skipped,"
          + " counted per file and reason, and the first of each file printed as path:line: what;"
          + " only a bundle with nothing readable is refused (exit code 3).",
      "With --strict, all or nothing: on any problem every one is printed, the exit code is 3,"
          + " and the store is left exactly as it was."
    },
    footer = {
      "",
      "Example:",
      "  warroom ingest ./bundle --db incident.duckdb",
      "  warroom ingest ./bundle --db incident.duckdb --strict",
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
      names = "--strict",
      description =
          "All or nothing: refuse the bundle (exit code 3, store unchanged) on any problem.")
  boolean strict;

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
      stats = store.ingest(bundle, bar, strict);
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
      m.put("skipped", stats.quality().skippedTotal());
      m.put("dataQuality", stats.quality());
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m));
    } else {
      out.printf(
          "loaded %s: %,d metric points, %,d log records, %,d spans into %s in %.1f s%n",
          bundle, stats.points(), stats.logRecords(), stats.spans(), db, seconds);
      DataQuality q = stats.quality();
      var err = spec.commandLine().getErr();
      for (FileQuality f : q.files()) {
        if (f.skippedTotal() == 0) {
          continue;
        }
        err.printf("skipped %,d record(s) of %s: %s%n", f.skippedTotal(), f.path(), f.skipped());
        f.examples().forEach(e -> err.println("  " + e));
      }
      q.notes().forEach(n -> err.println("note: " + n));
      err.flush();
    }
    out.flush();
    return ExitCodes.OK;
  }
}
