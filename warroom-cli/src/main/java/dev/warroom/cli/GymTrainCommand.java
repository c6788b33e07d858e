package dev.warroom.cli;

import dev.warroom.engine.agents.WithheldTelemetrySource.Kind;
import dev.warroom.engine.director.RcaModelTrainer;
import dev.warroom.engine.director.RcaTrainingDump;
import dev.warroom.eval.GymSuiteEvaluation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warroom gym train SUITE... --out MODEL.json}: the learned fusion's retraining in one
 * command. Investigates every episode of the training suites with the hand-weighted fusion, dumps
 * what the fusion decides from (cached per suite and view under {@code --dumps}), fits the model
 * and, for each {@code --eval} suite, prints its figures on episodes it was not trained on. With
 * {@code --partial} each suite's episodes are also investigated, a third each, as logs-only,
 * metrics-only and traces-only bundles, so the model learns what partial exports look like.
 * Held-out seeds (10000 and above) are refused before anything is written.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Retrains the learned fusion (the model that ranks root-cause candidates, decides fault"
          + " or no fault and picks the class) on gym suite folders, and measures it on"
          + " development suites. Dumps are cached: delete the --dumps folder after changing the"
          + " engine's actors, or the old findings are reused."
    },
    footer = {
      "",
      "Example:",
      "  warroom gym suite --seeds 2000..2399 --out train",
      "  warroom gym suite --seeds 7000..7199 --out dev",
      "  warroom gym train train --eval dev --partial --out model.json",
      "  warroom gym eval heldout --model model.json"
    })
final class GymTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SUITE", description = "Training suite folders.")
  List<Path> suites;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "MODEL.json",
      description = "Where to write the model.")
  Path out;

  @Option(
      names = "--eval",
      paramLabel = "SUITE",
      description = "A development suite to measure the model on (repeatable).")
  List<Path> evals = new ArrayList<>();

  @Option(
      names = "--dumps",
      paramLabel = "DIR",
      description = "Cache of the investigations' dumps (default: MODEL.json.dumps beside it).")
  Path dumps;

  @Option(
      names = "--partial",
      description =
          "Also investigate a third of each suite's episodes each as logs-only, metrics-only and"
              + " traces-only bundles.")
  boolean partial;

  @Option(
      names = "--threads",
      defaultValue = "2",
      paramLabel = "N",
      description = "Episodes investigated at once (default: ${DEFAULT-VALUE}).")
  int threads;

  /** Views of a suite: the kinds withheld from each, by name. */
  static Map<String, Set<Kind>> views(boolean partial) {
    Map<String, Set<Kind>> v = new LinkedHashMap<>();
    v.put("full", EnumSet.noneOf(Kind.class));
    if (partial) {
      Set<Kind> nonTelemetry = EnumSet.of(Kind.EVENTS, Kind.DB, Kind.CODE);
      v.put("logs-only", with(nonTelemetry, Kind.METRICS, Kind.TRACES));
      v.put("metrics-only", with(nonTelemetry, Kind.LOGS, Kind.TRACES));
      v.put("traces-only", with(nonTelemetry, Kind.METRICS, Kind.LOGS));
    }
    return v;
  }

  private static Set<Kind> with(Set<Kind> base, Kind a, Kind b) {
    Set<Kind> s = EnumSet.copyOf(base);
    s.add(a);
    s.add(b);
    return s;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    if (threads < 1) {
      throw new IllegalArgumentException("--threads: must be >= 1, got " + threads);
    }
    Path cache = dumps != null ? dumps : Path.of(out.toString() + ".dumps");
    List<Path> trainDumps = new ArrayList<>();
    for (Path s : suites) {
      trainDumps.addAll(dumpSuite(s, cache, o).values());
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    o.println("train: " + RcaModelTrainer.train(trainDumps, out).strip());
    for (Path e : evals) {
      for (var view : dumpSuite(e, cache, o).entrySet()) {
        o.printf(
            "eval %s [%s]: %s%n",
            e.getFileName(), view.getKey(), RcaModelTrainer.evaluate(out, view.getValue()).strip());
      }
    }
    o.println("model written to " + out);
    o.flush();
    return 0;
  }

  /** Dumps one suite in each view; partial views take every third episode each. */
  private Map<String, Path> dumpSuite(Path suite, Path cache, PrintWriter o) throws Exception {
    List<Path> episodes = GymSuiteEvaluation.episodes(suite);
    Map<String, Path> out = new LinkedHashMap<>();
    int v = 0;
    for (var view : views(partial).entrySet()) {
      List<Path> eps = new ArrayList<>();
      for (int i = 0; i < episodes.size(); i++) {
        if (view.getValue().isEmpty() || i % 3 == v - 1) {
          eps.add(episodes.get(i));
        }
      }
      v++;
      Path dir =
          cache.resolve(suite.toAbsolutePath().normalize().getFileName() + "-" + view.getKey());
      long t0 = System.nanoTime();
      int done =
          RcaTrainingDump.dump(
              eps,
              dir,
              threads,
              view.getValue(),
              (n, id) -> {
                if (n % 50 == 0) {
                  o.printf("  %s [%s] %d/%d%n", suite.getFileName(), view.getKey(), n, eps.size());
                  o.flush();
                }
              });
      o.printf(
          "dumped %s [%s]: %d investigated, %d cached, %.0f s%n",
          suite.getFileName(),
          view.getKey(),
          done,
          eps.size() - done,
          (System.nanoTime() - t0) / 1e9);
      o.flush();
      out.put(view.getKey(), dir);
    }
    return out;
  }
}
