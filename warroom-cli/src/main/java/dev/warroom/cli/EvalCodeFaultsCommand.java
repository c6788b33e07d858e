package dev.warroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.experts.code.CodeFaultBench;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom eval codefaults}: top-1 accuracy of the code expert's faulty file:line on gym
 * episodes of code faults ({@link CodeFaultBench} on each episode written to a temporary folder).
 */
@Command(
    name = "codefaults",
    mixinStandardHelpOptions = true,
    description =
        "Generates gym episodes of code faults for each seed, system and fault, lets the code"
            + " expert read every ERROR log line against the code snapshot, and prints the top-1"
            + " accuracy of the faulty service:file:line per fault (truth.json code_ref).",
    footer = {
      "",
      "Episodes whose truth names no code line are skipped, and so are system/fault",
      "pairs the gym cannot target (a pool fault on a system without SQL clients).",
      "",
      "Example:",
      "  warroom eval codefaults --seeds 2000..2003 --json"
    })
final class EvalCodeFaultsCommand implements Callable<Integer> {
  static final List<String> DEFAULT_FAULTS =
      List.of(
          "null_dereference",
          "bad_deploy",
          "connection_pool_exhaustion",
          "thread_pool_exhaustion",
          "memory_leak",
          "retry_storm",
          "performance_regression");

  @Spec CommandSpec spec;

  @Option(
      names = "--seeds",
      paramLabel = "A..B",
      defaultValue = "1000..1001",
      description = "Episode seeds, inclusive (default: ${DEFAULT-VALUE}).")
  String seeds;

  @Option(
      names = "--systems",
      split = ",",
      paramLabel = "NAME",
      defaultValue = "shop,bank,market",
      description = "Systems (default: ${DEFAULT-VALUE}).")
  List<String> systems;

  @Option(
      names = "--faults",
      split = ",",
      paramLabel = "FAULT",
      description =
          "Faults, comma-separated (default: null_dereference, bad_deploy,"
              + " connection_pool_exhaustion, thread_pool_exhaustion, memory_leak, retry_storm,"
              + " performance_regression).")
  List<String> faults;

  @Option(
      names = "--window-minutes",
      defaultValue = "30",
      description = "Incident window of each episode (default: ${DEFAULT-VALUE}).")
  int windowMinutes;

  @Option(names = "--json", description = "Print per-episode outcomes and accuracies as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    FaultBenchReport.Seeds range = FaultBenchReport.Seeds.parse(seeds);
    if (windowMinutes < 5) {
      throw new IllegalArgumentException("--window-minutes: at least 5, got " + windowMinutes);
    }
    List<FaultType> types = new ArrayList<>();
    for (String f : faults == null ? DEFAULT_FAULTS : faults) {
      types.add(FaultType.parse(f));
    }
    for (String s : systems) {
      SystemCatalog.get(s);
    }
    List<CodeFaultBench.Outcome> outcomes = new ArrayList<>();
    int skipped = 0;
    try (FaultBenchReport.Scratch tmp = new FaultBenchReport.Scratch("warroom-codefaults")) {
      Gym gym = new Gym();
      for (long seed = range.from(); seed <= range.to(); seed++) {
        for (String system : systems) {
          for (FaultType f : types) {
            Scenario sc =
                Scenario.of(SystemCatalog.get(system), f)
                    .withWindow(Duration.ofMinutes(windowMinutes), Duration.ofDays(1));
            Optional<Episode> ep = FaultBenchReport.episode(gym, seed, sc);
            if (ep.isEmpty()) {
              skipped++;
              continue;
            }
            tmp.evaluate(ep.get(), CodeFaultBench::evaluate).ifPresent(outcomes::add);
          }
        }
      }
    }
    print(outcomes, skipped);
    return ExitCodes.OK;
  }

  private void print(List<CodeFaultBench.Outcome> outcomes, int skipped) throws IOException {
    List<FaultBenchReport.FaultScore> byFault =
        FaultBenchReport.perFault(
            outcomes, CodeFaultBench.Outcome::fault, CodeFaultBench.Outcome::hit);
    long hits = outcomes.stream().filter(CodeFaultBench.Outcome::hit).count();
    double all = outcomes.isEmpty() ? 0 : (double) hits / outcomes.size();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("seeds", seeds);
      root.put("episodes", outcomes.size());
      root.put("skipped", skipped);
      root.put("hits", hits);
      root.put("top1", all);
      FaultBenchReport.putPerFault(root, byFault, "top1");
      ArrayNode eps = root.putArray("outcomes");
      for (CodeFaultBench.Outcome o : outcomes) {
        ObjectNode n = eps.addObject();
        n.put("bundle", o.bundle());
        n.put("fault", o.fault());
        n.put("truth", o.truth());
        n.put("predicted", o.predicted());
        n.put("hit", o.hit());
      }
      FaultBenchReport.printJson(out, root);
    } else {
      for (CodeFaultBench.Outcome o : outcomes) {
        out.printf(
            Locale.ROOT,
            "%-4s %-42s truth %-44s top-1 %s%n",
            FaultBenchReport.mark(o.hit()),
            o.bundle(),
            o.truth(),
            o.predicted());
      }
      out.println();
      FaultBenchReport.printPerFault(out, byFault, 28, f -> "top-1");
      out.printf(
          Locale.ROOT,
          "ALL top-1 faulty file:line %d/%d = %.2f (seeds %s, %d pairs skipped)%n",
          hits,
          outcomes.size(),
          all,
          seeds,
          skipped);
    }
    out.flush();
  }
}
