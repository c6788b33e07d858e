package dev.warroom.cli;

import dev.warroom.connectors.Connectors;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.connectors.SourcesFile;
import dev.warroom.model.WarroomException;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.UnsupportedQueryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom sources check}: tests the live backends of a sources file. */
@Command(
    name = "sources",
    mixinStandardHelpOptions = true,
    description = "Works with the live backends of a sources file (see docs/connectors.md).",
    subcommands = {CommandLine.HelpCommand.class, SourcesCommand.Check.class})
final class SourcesCommand {

  /** Checks each source and says what it holds. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Contacts each source of the file (read-only) and prints what it found: series, metric"
            + " names, services and time range for metrics; what the connector's summary gives"
            + " for the others.",
        "Exit code 0 when every source answers, 4 when one does not (each failing source is"
            + " named)."
      },
      footer = {"", "Example:", "  warroom sources check --sources sources.yaml"})
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--sources",
        required = true,
        paramLabel = "FILE",
        description = "Sources file.")
    Path sources;

    @Override
    public Integer call() {
      List<SourceConfig> configs = SourcesFile.read(sources);
      PrintWriter out = spec.commandLine().getOut();
      List<String> failed = new ArrayList<>();
      for (SourceConfig c : configs) {
        String head = c.name() + " (" + c.type().id() + ", " + c.url() + ")";
        try (TelemetryStore store = Connectors.store(c)) {
          store.check();
          out.println("ok    " + head + ": " + describe(store));
        } catch (WarroomException | IllegalArgumentException e) {
          failed.add(c.name());
          out.println("FAIL  " + head + ": " + e.getMessage());
        }
        out.flush();
      }
      if (!failed.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                failed.size()
                    + " of "
                    + configs.size()
                    + " source"
                    + (configs.size() == 1 ? "" : "s")
                    + " failed: "
                    + String.join(", ", failed));
        return ExitCodes.IO;
      }
      return ExitCodes.OK;
    }

    /** What the store holds, from its summary and (for metrics) its metric names. */
    static String describe(TelemetryStore store) {
      List<String> parts = new ArrayList<>();
      StoreSummary s = null;
      try {
        s = store.summary();
      } catch (UnsupportedQueryException e) {
        parts.add("no summary (" + e.getMessage() + ")");
      }
      if (s != null) {
        if (s.series() > 0) {
          parts.add(String.format("%,d series", s.series()));
        }
        if (s.points() > 0) {
          parts.add(String.format("%,d points", s.points()));
        }
        if (s.logRecords() > 0) {
          parts.add(String.format("%,d log records", s.logRecords()));
        }
        if (s.spans() > 0) {
          parts.add(String.format("%,d spans in %,d traces", s.spans(), s.traces()));
        }
        if (s.events() > 0) {
          parts.add(String.format("%,d events", s.events()));
        }
      }
      try {
        parts.add(String.format("%,d metric names", store.metricNames().size()));
      } catch (UnsupportedQueryException e) {
        // not a metrics source
      }
      if (s != null) {
        List<String> services =
            s.services().stream()
                .map(StoreSummary.ServiceSummary::service)
                .filter(n -> !n.equals("(none)"))
                .toList();
        parts.add(
            services.size()
                + " service"
                + (services.size() == 1 ? "" : "s")
                + (services.isEmpty()
                    ? ""
                    : " ("
                        + String.join(", ", services.subList(0, Math.min(20, services.size())))
                        + (services.size() > 20 ? ", …" : "")
                        + ")"));
        parts.add(
            s.timeRange() == null
                ? "no data"
                : "time range " + s.timeRange().start() + " .. " + s.timeRange().end());
      }
      return String.join("; ", parts);
    }
  }
}
