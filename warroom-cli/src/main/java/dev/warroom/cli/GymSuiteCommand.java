package dev.warroom.cli;

import dev.warroom.gym.GroundTruth;
import dev.warroom.gym.GymSuite;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemFile;
import dev.warroom.gym.SystemSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom gym suite}: a balanced set of episodes over a seed range. */
@Command(
    name = "suite",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a balanced suite: every fault on every topology that can host it in turn, one seed in ten a no-fault"
          + " control, difficulty cycling easy/medium/hard unless fixed. Each episode is a bundle folder with truth.json;"
          + " suite.json indexes them."
    },
    footer = {
      "",
      "Examples:",
      "  warroom gym suite --seeds 1000..1499 --out suite",
      "  warroom gym suite --seeds 1..30 --topology bank --difficulty hard --window 1h --out hard",
      "  warroom gym suite --seeds 30000..30059 --views 3 --out views",
      "  warroom gym suite --seeds 1..20 --topology random:7 --topology random:8:40 --out rnd"
    })
final class GymSuiteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seeds", required = true, description = "Seed range A..B (inclusive).")
  String seeds;

  @Option(names = "--out", required = true, description = "Folder for the suite.")
  Path out;

  @Option(
      names = "--topology",
      description =
          "Topologies to use (repeatable; built-in name or JSON file). Default: all built-in.")
  List<String> topologies = new ArrayList<>();

  @Option(
      names = "--difficulty",
      description = "Fix the difficulty (easy, medium, hard); default: mixed.")
  String difficulty;

  @Option(
      names = "--window",
      defaultValue = "30m",
      description = "Incident window per episode (default ${DEFAULT-VALUE}).")
  String window;

  @Option(
      names = "--baseline",
      defaultValue = "4d",
      description = "History before the window (default ${DEFAULT-VALUE}).")
  String baseline;

  @Option(
      names = "--traces-per-minute",
      defaultValue = "60",
      description = "Sampled traces per minute (default ${DEFAULT-VALUE}).")
  int tracesPerMinute;

  @Option(
      names = "--views",
      defaultValue = "0",
      paramLabel = "K",
      description =
          "Also write each episode under K random views (export shapes: history, step, metric"
              + " naming, labels, modalities, trace sampling, log layout, alert delay and service),"
              + " as folders <id>.v1 .. <id>.vK beside the full view <id> (default ${DEFAULT-VALUE}).")
  int views;

  @Option(
      names = "--view-seed",
      defaultValue = "0",
      paramLabel = "S",
      description =
          "Mixed into every view's seed: another S draws other views (default ${DEFAULT-VALUE}).")
  long viewSeed;

  @Option(names = "--threads", description = "Worker threads (default: available processors).")
  Integer threads;

  @Option(names = "--json", description = "Print a JSON summary instead of progress lines.")
  boolean json;

  @Override
  public Integer call() {
    FaultBenchReport.Seeds range;
    try {
      // one seed "A" is the range A..A
      range = FaultBenchReport.Seeds.parse(seeds.contains("..") ? seeds : seeds + ".." + seeds);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--seeds: expected A..B (A <= B) or A, got '" + seeds + "'", e);
    }
    long a = range.from();
    long b = range.to();
    GymSuite.Options d = GymSuite.Options.defaults();
    List<SystemSpec> systems =
        topologies.isEmpty() ? d.systems() : topologies.stream().map(SystemFile::resolve).toList();
    Scenario.Difficulty diff = null;
    if (difficulty != null) {
      try {
        diff = Scenario.Difficulty.valueOf(difficulty.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--difficulty must be easy, medium or hard: '" + difficulty + "'");
      }
    }
    GymSuite.Options o =
        new GymSuite.Options(
            systems,
            diff,
            GymCommand.duration(window, "--window"),
            GymCommand.duration(baseline, "--baseline"),
            tracesPerMinute);
    List<GymSuite.Entry> plan = GymSuite.plan(a, b, o);
    PrintWriter w = spec.commandLine().getOut();
    AtomicInteger done = new AtomicInteger();
    long t0 = System.nanoTime();
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    List<GroundTruth> truths =
        GymSuite.generate(
            plan,
            out,
            n,
            views,
            viewSeed,
            id -> {
              int k = done.incrementAndGet();
              if (!json) {
                synchronized (w) {
                  w.printf("[%d/%d] %s%n", k, plan.size(), id);
                  w.flush();
                }
              }
            });
    long ms = (System.nanoTime() - t0) / 1_000_000;
    Map<String, Integer> byClass = new TreeMap<>();
    truths.forEach(t -> byClass.merge(t.faultClass().id(), 1, Integer::sum));
    long controls = truths.stream().filter(GroundTruth::control).count();
    if (json) {
      StringBuilder sb =
          new StringBuilder(
              "{\"episodes\": "
                  + truths.size()
                  + ", \"controls\": "
                  + controls
                  + ", \"millis\": "
                  + ms
                  + ", \"by_fault_class\": {");
      String sep = "";
      for (var e : byClass.entrySet()) {
        sb.append(sep).append('"').append(e.getKey()).append("\": ").append(e.getValue());
        sep = ", ";
      }
      w.println(
          sb.append("}, \"out\": \"")
              .append(out.toString().replace("\\", "\\\\").replace("\"", "\\\""))
              .append("\"}"));
    } else {
      w.printf(
          "wrote %d episodes (%d controls) to %s in %.1f s (%.2f s per episode, %d threads)%n",
          truths.size(), controls, out, ms / 1000.0, ms / 1000.0 / Math.max(1, truths.size()), n);
    }
    return 0;
  }
}
