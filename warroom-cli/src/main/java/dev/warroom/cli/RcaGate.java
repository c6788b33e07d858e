package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.engine.director.FusionLearning;
import dev.warroom.engine.director.FusionLearning.Figures;
import dev.warroom.engine.director.RcaTrainingDump;
import dev.warroom.eval.GymSuiteEvaluation;
import dev.warroom.eval.IncidentLabels;
import dev.warroom.model.FaultClass;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The RCA categories of the scoreboard and the gate of {@code warroom learn}, which judges with
 * them. An incident is investigated once with the hand-weighted fusion and its fusion input dumped
 * (cached by name); a model's top-1 on it is then the learned fusion's ranking of that input, which
 * is what an investigation with that model reports (the runbook and findings do not depend on the
 * model). So two models are compared on the very same incidents, cheaply.
 */
final class RcaGate {
  private RcaGate() {}

  /** The gate's verdict and the figures it was taken on. */
  record Decision(
      Figures currentHeld,
      Figures candidateHeld,
      Figures currentGym,
      Figures candidateGym,
      boolean adopt,
      String reason) {
    String table(String currentName) {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT, "%-22s %-48s %s%n", "", currentName + " (current)", "candidate"));
      sb.append(row("held-back labelled", currentHeld, candidateHeld));
      sb.append(row("fresh gym seeds", currentGym, candidateGym));
      return sb.toString();
    }

    private static String row(String name, Figures a, Figures b) {
      return a.faults() + a.controls() == 0
          ? String.format(Locale.ROOT, "%-22s (none)%n", name)
          : String.format(Locale.ROOT, "%-22s %-48s %s%n", name, a, b);
    }
  }

  /**
   * Adopt only if the candidate is not worse than the current model (null: shipped) on the
   * held-back labelled incidents nor on the fresh gym episodes (no fewer top-1 hits, no more false
   * blame on each); refuse when the fresh gym side is empty, as nothing then shows the candidate
   * kept what the gym taught.
   */
  static Decision judge(
      Path current, FusionLearning.Candidate cand, List<Path> held, List<Path> freshGym)
      throws IOException {
    Figures ch = FusionLearning.score(current, held);
    Figures nh = cand.score(held);
    Figures cg = FusionLearning.score(current, freshGym);
    Figures ng = cand.score(freshGym);
    List<String> worse = new ArrayList<>();
    if (!nh.notWorseThan(ch)) {
      worse.add("worse on held-back labelled incidents");
    }
    if (freshGym.isEmpty()) {
      worse.add("no fresh gym episodes to judge on");
    } else if (!ng.notWorseThan(cg)) {
      worse.add("worse on fresh gym seeds");
    }
    return new Decision(ch, nh, cg, ng, worse.isEmpty(), String.join("; ", worse));
  }

  /** Dumps a gym suite's episodes (cached under {@code cache}); returns the example files. */
  static List<Path> dumpSuite(Path suite, Path cache, int threads, PrintWriter o)
      throws IOException, InterruptedException {
    List<Path> episodes = GymSuiteEvaluation.episodes(suite);
    Path dir = cache.resolve("gym-" + suite.toAbsolutePath().normalize().getFileName());
    int done = RcaTrainingDump.dump(episodes, dir, threads, Set.of(), (n, id) -> {});
    o.printf(
        "gym %s: %d episodes (%d investigated now)%n", suite.getFileName(), episodes.size(), done);
    o.flush();
    return FusionLearning.examples(List.of(dir));
  }

  /** The seeds of a suite's episodes. */
  static List<Long> seeds(Path suite) throws IOException {
    ObjectMapper m = new ObjectMapper();
    List<Long> out = new ArrayList<>();
    for (Path ep : GymSuiteEvaluation.episodes(suite)) {
      out.add(m.readTree(ep.resolve("truth.json").toFile()).path("seed").asLong());
    }
    return out;
  }

  /**
   * Dumps every bundle of {@code dir} the truth file labels (cached); a label's fault is used as
   * the class when it is one of warroom's fault classes, else the class is unknown.
   */
  static List<Path> dumpBundles(Path dir, Path truth, Path cache, int threads, PrintWriter o)
      throws IOException, InterruptedException {
    return dumpBundles(dir, truth, cache, threads, o, Integer.MAX_VALUE);
  }

  /** As above, at most {@code max} bundles, spread evenly over the labelled ones in name order. */
  static List<Path> dumpBundles(
      Path dir, Path truth, Path cache, int threads, PrintWriter o, int max)
      throws IOException, InterruptedException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a folder of bundles");
    }
    Map<String, IncidentLabels.Label> labels = new java.util.TreeMap<>(IncidentLabels.read(truth));
    labels.keySet().removeIf(k -> !Files.isDirectory(dir.resolve(k)));
    if (labels.size() > max) {
      List<String> keys = List.copyOf(labels.keySet());
      java.util.Set<String> keep = new java.util.HashSet<>();
      double step = keys.size() / (double) max;
      for (int i = 0; i < max; i++) {
        keep.add(keys.get((int) (i * step)));
      }
      labels.keySet().retainAll(keep);
    }
    List<FusionLearning.Labelled> items = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (var e : labels.entrySet()) {
      Path b = dir.resolve(e.getKey());
      if (Files.isDirectory(b)) {
        items.add(
            new FusionLearning.Labelled(b, e.getValue().service(), fault(e.getValue().fault())));
        names.add(e.getKey());
      }
    }
    Path out = cache.resolve("bundles-" + dir.toAbsolutePath().normalize().getFileName());
    int done = FusionLearning.dumpLabelled(items, out, threads, (n, id) -> {});
    o.printf(
        "bundles %s: %d labelled (%d investigated now)%n", dir.getFileName(), items.size(), done);
    o.flush();
    List<Path> files = new ArrayList<>();
    for (String n : names) {
      files.add(out.resolve(n + ".json"));
    }
    return files;
  }

  private static FaultClass fault(String label) {
    try {
      FaultClass c = FaultClass.parse(label);
      return c == FaultClass.NONE ? null : c;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Generates a gym suite of {@code seeds} (A..B) under {@code cache}, once. */
  static Path generate(String seeds, Path cache, PrintWriter o) {
    Path out = cache.resolve("fresh-" + seeds.replace("..", "-"));
    if (Files.isRegularFile(out.resolve("suite.done"))) {
      return out;
    }
    StringWriter sink = new StringWriter();
    int rc =
        new picocli.CommandLine(new WarroomCommand())
            .setOut(new PrintWriter(sink))
            .setErr(new PrintWriter(sink))
            .execute("gym", "suite", "--seeds", seeds, "--out", out.toString(), "--threads", "2");
    if (rc != 0) {
      throw new IllegalArgumentException("generating the fresh gym suite " + seeds + ": " + sink);
    }
    try {
      Files.writeString(out.resolve("suite.done"), seeds + "\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    o.println("fresh gym suite " + seeds + " generated in " + out);
    return out;
  }
}
