package dev.warroom.cli;

import dev.warroom.gym.GymBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom gym bench}: times generating and writing episodes. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Times episode generation and bundle writing; prints each run and the median.",
    footer = {
      "",
      "Example:",
      "  warroom gym bench --topology market --fault cpu_hog --runs 3 --window 60 --baseline-days 4"
    })
final class GymBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--topology",
      defaultValue = "market",
      description = "Topology (default ${DEFAULT-VALUE}).")
  String topology;

  @Option(
      names = "--fault",
      defaultValue = "cpu_hog",
      description = "Fault id or 'control' (default ${DEFAULT-VALUE}).")
  String fault;

  @Option(names = "--runs", defaultValue = "3", description = "Runs (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--window",
      defaultValue = "60",
      description = "Window in minutes (default ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--baseline-days",
      defaultValue = "4",
      description = "Baseline days (default ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--out",
      description = "Where to write the bundles (default: a temporary folder).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path dir = out != null ? out : Files.createTempDirectory("warroom-gym-bench");
    spec.commandLine().getOut().println(GymBench.run(topology, fault, runs, window, days, dir));
    return 0;
  }
}
