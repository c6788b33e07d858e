package dev.warroom.cli;

import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.GroundTruth;
import dev.warroom.gym.Gym;
import dev.warroom.gym.References;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom gym run}: generates one episode and writes its bundle and truth.json. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Generates one episode (a fault, or 'none' for a no-fault control) and writes the bundle with its truth.json.",
    footer = {
      "",
      "Examples:",
      "  warroom gym run --topology bank --fault network_partition --target frontend --peer ledgerwriter --seed 7 --out b1",
      "  warroom gym run --scenario ref5-exec-format --seed 1 --out ref5",
      "  warroom gym run --topology my-system.json --fault none --seed 3 --out control-3 --json"
    })
final class GymRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--topology",
      description =
          "Built-in topology (bank, shop, market), a random one (random:SEED or random:SEED:N for"
              + " N components, 5..60) or a topology JSON file.")
  String topology;

  @Option(
      names = "--fault",
      description = "Fault id (see 'warroom gym list'), or 'none' for a control episode.")
  String fault;

  @Option(names = "--scenario", description = "A reference scenario instead of --topology/--fault.")
  String scenario;

  @Option(
      names = "--seed",
      required = true,
      description = "Seed: the same seed and options give the same bundle.")
  long seed;

  @Option(names = "--out", required = true, description = "Bundle folder to write.")
  Path out;

  @Option(
      names = "--target",
      description =
          "Service (or node, for node faults) to inject into; default: chosen by the seed.")
  String target;

  @Option(
      names = "--peer",
      description = "Second service for edge faults (network_partition, retry_storm).")
  String peer;

  @Option(names = "--difficulty", description = "easy, medium or hard (default medium).")
  String difficulty;

  @Option(
      names = "--severity",
      description = "Fault severity in (0,1]; default from the difficulty.")
  Double severity;

  @Option(
      names = "--window",
      defaultValue = "1h",
      description = "Incident window (default ${DEFAULT-VALUE}).")
  String window;

  @Option(
      names = "--baseline",
      defaultValue = "4d",
      description = "History before the window (default ${DEFAULT-VALUE}).")
  String baseline;

  @Option(
      names = "--traces-per-minute",
      defaultValue = "150",
      description = "Sampled traces per minute at the entry (default ${DEFAULT-VALUE}).")
  int tracesPerMinute;

  @Option(
      names = "--view-seed",
      paramLabel = "S",
      description =
          "Write the episode under the random view drawn from S (export shape: history, step,"
              + " naming, labels, modalities, sampling, log layout, alert) instead of the gym's own.")
  Long viewSeed;

  @Option(names = "--json", description = "Print the truth as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Scenario sc = scenario();
    long t0 = System.nanoTime();
    Episode ep = new Gym().reset(seed, sc);
    if (viewSeed != null) {
      dev.warroom.gym.View v = dev.warroom.gym.View.draw("v", viewSeed);
      dev.warroom.gym.ViewWriter.write(ep, v, out);
      spec.commandLine().getErr().println("view: " + v.dimensions());
    } else {
      ep.write(out);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    PrintWriter w = spec.commandLine().getOut();
    GroundTruth t = viewSeed != null ? GroundTruth.read(out) : ep.truth();
    if (json) {
      w.println(t.toJson());
    } else {
      w.printf(
          "wrote %s (%d ms): %d series, %d log lines, %d spans, %d events%n",
          out,
          ms,
          ep.bundle().metrics().size(),
          ep.bundle().logs().size(),
          ep.bundle().spans().size(),
          ep.bundle().events().size());
      w.printf("alert: %s%n", ep.alert().title());
      w.printf(
          "truth: %s%n",
          t.control()
              ? "control (no fault)"
              : t.fault()
                  + " ("
                  + t.faultClass().id()
                  + ") in "
                  + t.rootCauseService()
                  + " ["
                  + t.component()
                  + "] at "
                  + t.onset());
    }
    return 0;
  }

  private Scenario scenario() {
    Scenario sc;
    if (scenario != null) {
      if (topology != null || fault != null) {
        throw new IllegalArgumentException("--scenario cannot be combined with --topology/--fault");
      }
      sc = References.get(scenario);
    } else {
      if (topology == null || fault == null) {
        throw new IllegalArgumentException("give --topology and --fault, or --scenario");
      }
      var sys = SystemFile.resolve(topology);
      boolean control = fault.equalsIgnoreCase("none") || fault.equalsIgnoreCase("control");
      sc = control ? Scenario.control(sys) : Scenario.of(sys, FaultType.parse(fault));
    }
    if (target != null || peer != null) {
      sc = sc.withTarget(target != null ? target : sc.target(), peer != null ? peer : sc.peer());
    }
    if (difficulty != null) {
      try {
        sc = sc.withDifficulty(Scenario.Difficulty.valueOf(difficulty.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--difficulty must be easy, medium or hard: '" + difficulty + "'");
      }
    }
    if (severity != null) {
      sc = sc.withSeverity(severity);
    }
    if (scenario == null || !window.equals("1h") || !baseline.equals("4d")) {
      sc =
          sc.withWindow(
              GymCommand.duration(window, "--window"), GymCommand.duration(baseline, "--baseline"));
    }
    if (scenario == null || tracesPerMinute != 150) {
      sc = sc.withTracesPerMinute(tracesPerMinute);
    }
    return sc;
  }
}
