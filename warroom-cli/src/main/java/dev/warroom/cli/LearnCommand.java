package dev.warroom.cli;

import dev.warroom.engine.director.FusionLearning;
import dev.warroom.engine.director.ModelDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom learn}: retrains the learned fusion from gym episodes plus labelled incidents
 * (feedback from a server store, labelled bundles), measures the candidate beside the current model
 * on held-back labelled incidents and fresh gym seeds, and adopts it as the next version of the
 * model directory only if it is worse on neither (the gate, {@link RcaGate}).
 */
@Command(
    name = "learn",
    mixinStandardHelpOptions = true,
    description = {
      "Retrains the learned fusion from gym suites plus labelled incidents: the feedback of a"
          + " warroom server's store (confirmations and corrections of its reports) and labelled"
          + " bundles (a truth file as for 'eval bundles'). Labelled incidents are weighted per"
          + " fault class; the fit starts from the current model. The candidate is shown beside"
          + " the current model on held-back labelled incidents and on fresh gym seeds, and is"
          + " adopted (the next version in the model directory, made active) only if it is not"
          + " worse on either: no fewer top-1 hits, no more false blame."
    },
    footer = {
      "",
      "Examples:",
      "  warroom learn --feedback /var/lib/warroom --gym train-suite",
      "  warroom learn --bundles DIR --truth labels.json --fresh fresh-suite --out cand.json",
      "  warroom model list"
    })
final class LearnCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--gym", paramLabel = "SUITE", description = "Gym suite folders to train on.")
  List<Path> gym = new ArrayList<>();

  @Option(
      names = "--feedback",
      paramLabel = "SRC",
      description = "A warroom server's data folder or JDBC URL: its reports with feedback.")
  String feedback;

  @Option(names = "--bundles", paramLabel = "DIR", description = "A folder of labelled bundles.")
  Path bundles;

  @Option(
      names = "--truth",
      paramLabel = "FILE",
      description = "The labels of --bundles (bundle name -> {service, fault, ...}).")
  Path truth;

  @Option(
      names = "--judge-truth",
      paramLabel = "FILE",
      description =
          "Labels of bundles of --bundles to judge on only, never to train on (e.g. another"
              + " day's incidents); they are held back in addition to --hold-back's share.")
  Path judgeTruth;

  @Option(
      names = "--fresh",
      paramLabel = "SUITE",
      description =
          "Gym suite of seeds not trained on, for the gate (default: generated from"
              + " --fresh-seeds).")
  Path fresh;

  @Option(
      names = "--fresh-seeds",
      defaultValue = "9000..9029",
      paramLabel = "A..B",
      description = "Seeds of the generated fresh suite (default: ${DEFAULT-VALUE}; below 10000).")
  String freshSeeds;

  @Option(
      names = "--hold-back",
      defaultValue = "0.3",
      paramLabel = "FRACTION",
      description = "Share of labelled incidents held back to judge (default: ${DEFAULT-VALUE}).")
  double holdBack;

  @Option(
      names = "--weight",
      defaultValue = "5",
      paramLabel = "W",
      description =
          "Weight of a labelled incident against a gym episode's 1, on average over classes"
              + " (default: ${DEFAULT-VALUE}).")
  double weight;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description = "Model directory (default: $WARROOM_MODELS or ~/.warroom/models).")
  Path models;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Cache of investigated examples (default: MODELS/work).")
  Path work;

  @Option(
      names = "--out",
      paramLabel = "MODEL.json",
      description = "Also write the candidate here.")
  Path out;

  @Option(
      names = "--dry-run",
      description = "Measure and print the gate's decision, adopt nothing.")
  boolean dryRun;

  @Option(
      names = "--threads",
      defaultValue = "2",
      paramLabel = "N",
      description = "Incidents investigated at once (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    if (threads < 1) {
      throw new IllegalArgumentException("--threads: must be >= 1, got " + threads);
    }
    if (!(holdBack >= 0 && holdBack < 1)) {
      throw new IllegalArgumentException("--hold-back: must be in [0,1), got " + holdBack);
    }
    if (judgeTruth != null && bundles == null) {
      throw new IllegalArgumentException(
          "--judge-truth labels bundles of --bundles: give --bundles");
    }
    if (bundles == null && truth != null) {
      throw new IllegalArgumentException("--bundles and --truth go together");
    }
    if (gym.isEmpty() && feedback == null && truth == null) {
      throw new IllegalArgumentException(
          "nothing to learn from: give --gym, --feedback or --bundles");
    }
    ModelDirectory dir =
        models == null ? ModelDirectory.defaultLocation() : ModelDirectory.at(models);
    Path cache = work != null ? work : dir.dir().resolve("work");
    Files.createDirectories(cache);

    List<Path> gymExamples = new ArrayList<>();
    List<Long> trainSeeds = new ArrayList<>();
    for (Path s : gym) {
      gymExamples.addAll(RcaGate.dumpSuite(s, cache, threads, o));
      trainSeeds.addAll(RcaGate.seeds(s));
    }
    List<Path> labelled = new ArrayList<>();
    if (feedback != null) {
      Path fdir = cache.resolve("feedback");
      FeedbackExamples.Outcome f = FeedbackExamples.export(feedback, fdir);
      o.printf(
          "feedback: %d incidents labelled, %d skipped%n", f.written().size(), f.skipped().size());
      f.skipped().forEach(s -> o.println("  skipped " + s));
      labelled.addAll(f.written());
    }
    if (truth != null) {
      labelled.addAll(RcaGate.dumpBundles(bundles, truth, cache, threads, o));
    }
    List<Path> judged = new ArrayList<>();
    if (judgeTruth != null) {
      judged.addAll(RcaGate.dumpBundles(bundles, judgeTruth, cache, threads, o));
      List<Path> overlapping = labelled.stream().filter(judged::contains).toList();
      if (!overlapping.isEmpty()) {
        throw new IllegalArgumentException(
            "--truth and --judge-truth both label "
                + overlapping.size()
                + " bundle(s), e.g. "
                + overlapping.getFirst().getFileName());
      }
    }
    // every k-th labelled incident (in name order) is held back to judge the candidate
    List<Path> train = new ArrayList<>();
    List<Path> held = new ArrayList<>();
    int k = holdBack == 0 ? Integer.MAX_VALUE : (int) Math.max(2, Math.round(1 / holdBack));
    List<Path> sorted = labelled.stream().sorted().toList();
    for (int i = 0; i < sorted.size(); i++) {
      (i % k == k - 1 ? held : train).add(sorted.get(i));
    }
    held.addAll(judged);
    Path suite = fresh != null ? fresh : RcaGate.generate(freshSeeds, cache, o);
    List<Long> overlap = new ArrayList<>(RcaGate.seeds(suite));
    overlap.retainAll(trainSeeds);
    if (!overlap.isEmpty()) {
      throw new IllegalArgumentException(
          "the fresh suite " + suite + " shares seeds with the training suites: " + overlap);
    }
    List<Path> freshExamples = RcaGate.dumpSuite(suite, cache, threads, o);

    Path current = dir.activeFile().orElse(null);
    String currentName = dir.active().orElse(ModelDirectory.SHIPPED);
    o.printf(
        Locale.ROOT,
        "learning from %d gym episodes and %d labelled incidents (%d held back), weight %.2f%n",
        gymExamples.size(),
        train.size(),
        held.size(),
        weight);
    o.flush();
    FusionLearning.Candidate cand = FusionLearning.fit(gymExamples, train, weight, current);
    if (out != null) {
      cand.write(out, "candidate");
      o.println("candidate written to " + out);
    }
    RcaGate.Decision d = RcaGate.judge(current, cand, held, freshExamples);
    o.print(d.table(currentName));
    if (!d.adopt()) {
      o.println("gate: refused (" + d.reason() + "); " + currentName + " stays active");
      o.flush();
      return ExitCodes.OK;
    }
    if (dryRun) {
      o.println("gate: would adopt (--dry-run: nothing adopted)");
    } else {
      String v = dir.adopt(cand);
      o.println("gate: adopted as " + v + " in " + dir.dir() + " (now active)");
    }
    o.flush();
    return ExitCodes.OK;
  }
}
