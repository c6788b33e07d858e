package dev.warroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warroom bench …}: speed benchmarks (figures quoted in the docs come from these). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Runs speed benchmarks on generated data.",
    footer = {"", "Example:", "  warroom bench ingest --logs 1000000 --runs 3"},
    subcommands = {
      CommandLine.HelpCommand.class,
      BenchIngestCommand.class,
      BenchMetricsCommand.class,
      BenchLogMineCommand.class,
      BenchTracesCommand.class,
      BenchInvestigateCommand.class,
      BenchAlertsCommand.class
    })
final class BenchCommand {}
