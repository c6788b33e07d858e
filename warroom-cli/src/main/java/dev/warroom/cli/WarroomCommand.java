package dev.warroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code warroom} command. Subcommands are thin: they parse options, call the modules, and
 * print. Exit codes are mapped in one place, {@link ExitCodes}.
 */
@Command(
    name = "warroom",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Debugs production incidents: investigates an alert over its telemetry and reports the root cause with evidence.",
    footer = {
      "",
      "Examples:",
      "  warroom demo",
      "  warroom ingest ./bundle --db incident.duckdb",
      "",
      "Exit codes: 0 ok, 1 internal error, 2 usage error, 3 invalid input, 4 I/O error."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      EvalCommand.class,
      GymCommand.class,
      InvestigateCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      IngestCommand.class,
      QueryCommand.class,
      BundleCommand.class,
      RunbookCommand.class,
      ServeCommand.class,
      SourcesCommand.class,
      KbCommand.class,
      AskCommand.class,
      LearnCommand.class,
      ModelCommand.class,
    })
public final class WarroomCommand {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code, without exiting (for tests). */
  public static int run(String... args) {
    return ExitCodes.configure(new CommandLine(new WarroomCommand())).execute(args);
  }
}
