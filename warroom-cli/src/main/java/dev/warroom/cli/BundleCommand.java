package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.bundle.BundleExporter;
import dev.warroom.store.bundle.BundleReader;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warroom bundle validate|export}: checks and writes incident bundles. */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    description = "Checks incident bundles and exports a store window as a bundle.",
    footer = {
      "",
      "Examples:",
      "  warroom bundle validate ./bundle",
      "  warroom bundle export --db incident.duckdb --out ./saved --from 2024-05-01T12:00:00Z"
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      BundleCommand.Validate.class,
      BundleCommand.Export.class,
      BundleCaptureCommand.class
    })
final class BundleCommand {

  /** Lists every problem of a bundle. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Reads a bundle and prints every problem (path:line: what), not just the first.",
        "Exit code 0 when valid, 3 when not."
      },
      footer = {"", "Example:", "  warroom bundle validate ./bundle --json"})
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle folder.")
    Path bundle;

    @Option(names = "--json", description = "Print {valid, problems} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (!Files.isDirectory(bundle)) {
        throw new IllegalArgumentException(bundle + ": not a bundle folder");
      }
      List<String> problems = BundleReader.validate(bundle);
      if (json) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = m.createObjectNode().put("bundle", bundle.toString());
        n.put("valid", problems.isEmpty());
        problems.forEach(n.putArray("problems")::add);
        spec.commandLine()
            .getOut()
            .println(m.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        spec.commandLine().getOut().flush();
      } else if (problems.isEmpty()) {
        spec.commandLine().getOut().println(bundle + ": valid");
        spec.commandLine().getOut().flush();
      } else {
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(p -> err.println("error: " + p));
        err.println(
            problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + bundle);
        err.println(
            "('warroom investigate' and 'warroom ingest' skip the records named above, count them"
                + " and go on; 'warroom ingest --strict' refuses the bundle)");
        err.flush();
      }
      return problems.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }
  }

  /** Writes a window of a store as a bundle in the canonical formats. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Writes the telemetry of a store (or a window of it) as a bundle folder.",
      footer = {
        "",
        "Example:",
        "  warroom bundle export --db incident.duckdb --out ./saved"
            + " --from 2024-05-01T12:00:00Z --to 2024-05-01T13:00:00Z"
      })
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", required = true, description = "The store file.")
    Path db;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        required = true,
        description = "The bundle folder to write.")
    Path out;

    @Option(names = "--from", description = "Start of the window (RFC 3339 or epoch).")
    String from;

    @Option(names = "--to", description = "End of the window, exclusive (RFC 3339 or epoch).")
    String to;

    @Option(names = "--json", description = "Print what was written as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(db)) {
        throw new IllegalArgumentException("--db: no store file " + db);
      }
      if (Files.isDirectory(out)) {
        try (var entries = Files.list(out)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException("--out: " + out + " is not empty");
          }
        }
      }
      TimeWindow window = null;
      if (from != null || to != null) {
        Instant f = from == null ? Instant.EPOCH : QueryCommand.time("--from", from);
        Instant t =
            to == null ? Instant.parse("2262-01-01T00:00:00Z") : QueryCommand.time("--to", to);
        if (t.isBefore(f)) {
          throw new IllegalArgumentException("--to: before --from");
        }
        window = new TimeWindow(f, t);
      }
      IncidentBundle b;
      try (DuckDbStore store = DuckDbStore.open(db)) {
        b = BundleExporter.export(store, window, out);
      }
      PrintWriter w = spec.commandLine().getOut();
      if (json) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = m.createObjectNode().put("out", out.toString());
        n.put("series", b.metrics().size()).put("logRecords", b.logs().size());
        n.put("spans", b.spans().size()).put("events", b.events().size());
        w.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(n));
      } else {
        w.printf(
            "wrote %s: %,d series, %,d log records, %,d spans, %,d events%n",
            out, b.metrics().size(), b.logs().size(), b.spans().size(), b.events().size());
      }
      w.flush();
      return ExitCodes.OK;
    }
  }
}
