package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.experts.code.CodeFaultBench;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
    long[] range = seedRange(seeds);
    long from = range[0];
    long to = range[1];
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
    Path tmp = Files.createTempDirectory("warroom-codefaults");
    try {
      Gym gym = new Gym();
      for (long seed = from; seed <= to; seed++) {
        for (String system : systems) {
          for (FaultType f : types) {
            Scenario sc =
                Scenario.of(SystemCatalog.get(system), f)
                    .withWindow(Duration.ofMinutes(windowMinutes), Duration.ofDays(1));
            Episode ep;
            try {
              ep = gym.reset(seed, sc);
            } catch (IllegalArgumentException e) {
              skipped++; // no target for this fault in this system
              continue;
            }
            Path dir = tmp.resolve(ep.id());
            ep.write(dir);
            CodeFaultBench.evaluate(dir).ifPresent(outcomes::add);
            delete(dir);
          }
        }
      }
    } finally {
      delete(tmp);
    }
    print(outcomes, skipped);
    return ExitCodes.OK;
  }

  /** Parses {@code A..B} (inclusive, A <= B). */
  static long[] seedRange(String seeds) {
    String[] ab = seeds.split("\\.\\.");
    if (ab.length != 2) {
      throw new IllegalArgumentException("--seeds: expected A..B, got '" + seeds + "'");
    }
    try {
      long from = Long.parseLong(ab[0].trim());
      long to = Long.parseLong(ab[1].trim());
      if (to < from) {
        throw new IllegalArgumentException("--seeds: B < A in '" + seeds + "'");
      }
      return new long[] {from, to};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seeds: expected A..B, got '" + seeds + "'", e);
    }
  }

  private void print(List<CodeFaultBench.Outcome> outcomes, int skipped) throws IOException {
    Map<String, int[]> byFault = new TreeMap<>();
    for (CodeFaultBench.Outcome o : outcomes) {
      int[] c = byFault.computeIfAbsent(o.fault(), k -> new int[2]);
      c[0] += o.hit() ? 1 : 0;
      c[1]++;
    }
    long hits = outcomes.stream().filter(CodeFaultBench.Outcome::hit).count();
    double all = outcomes.isEmpty() ? 0 : (double) hits / outcomes.size();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode root = m.createObjectNode();
      root.put("seeds", seeds);
      root.put("episodes", outcomes.size());
      root.put("skipped", skipped);
      root.put("hits", hits);
      root.put("top1", all);
      ObjectNode pf = root.putObject("per_fault");
      byFault.forEach(
          (f, c) -> {
            ObjectNode n = pf.putObject(f);
            n.put("hits", c[0]);
            n.put("episodes", c[1]);
            n.put("top1", (double) c[0] / c[1]);
          });
      ArrayNode eps = root.putArray("outcomes");
      for (CodeFaultBench.Outcome o : outcomes) {
        ObjectNode n = eps.addObject();
        n.put("bundle", o.bundle());
        n.put("fault", o.fault());
        n.put("truth", o.truth());
        n.put("predicted", o.predicted());
        n.put("hit", o.hit());
      }
      out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } else {
      for (CodeFaultBench.Outcome o : outcomes) {
        out.printf(
            Locale.ROOT,
            "%-4s %-42s truth %-44s top-1 %s%n",
            o.hit() ? "HIT" : "MISS",
            o.bundle(),
            o.truth(),
            o.predicted());
      }
      out.println();
      byFault.forEach(
          (f, c) ->
              out.printf(
                  Locale.ROOT, "%-28s top-1 %d/%d = %.2f%n", f, c[0], c[1], (double) c[0] / c[1]));
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

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
