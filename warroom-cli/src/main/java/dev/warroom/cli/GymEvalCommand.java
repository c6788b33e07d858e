package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.director.Calibration;
import dev.warroom.engine.director.Director;
import dev.warroom.eval.CalibrationMetrics;
import dev.warroom.eval.EpisodeResult;
import dev.warroom.eval.GymSuiteEvaluation;
import dev.warroom.eval.SuiteReport;
import dev.warroom.eval.ViewBreakdown;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warroom gym eval DIR [--json]}: investigates every episode of a suite folder and prints
 * per-episode results and the aggregate accuracy and timing.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Investigates every episode of a gym suite folder (written by 'warroom gym suite') and"
          + " scores the reports against their truth.json: top-1/top-3 root-cause service,"
          + " fault-class accuracy, onset error, false blame on controls, a confusion table by"
          + " fault class, investigation time median and p95 (bundle load included), the same"
          + " accuracies by topology and by difficulty, calibration of the top confidence (Brier"
          + " score, expected calibration error over 10 bins, reliability table) and the missed"
          + " episodes with their top-3 candidates. A suite written with --views is also scored"
          + " by view: the full view, the randomised views pooled, and each view dimension by"
          + " its value."
    },
    footer = {
      "",
      "Example:",
      "  warroom gym suite --seeds 1000..1299 --out suite",
      "  warroom gym eval suite --json > eval.json",
      "  warroom gym eval --seeds 5000..5299",
      "  warroom gym eval suite --withhold metrics,traces,events   # logs only"
    })
final class GymEvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The suite folder.")
  Path dir;

  @Option(
      names = "--seeds",
      paramLabel = "A..B",
      description =
          "Instead of a folder: generate the suite in memory from these seeds (every tenth a"
              + " control; systems and faults in rotation); generation time is not counted.")
  String seeds;

  @Option(names = "--json", description = "Print per-episode results and the aggregate as JSON.")
  boolean json;

  @Option(
      names = "--calibration",
      paramLabel = "FILE",
      description =
          "Investigate with this calibration JSON (written by 'warroom gym calibrate') instead of"
              + " the shipped one.")
  Path calibration;

  @Mixin DataOptions data;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Director director = Director.standard();
    if (calibration != null) {
      director = director.withCalibration(Calibration.load(calibration));
    }
    director = data.apply(director);
    GymSuiteEvaluation eval = new GymSuiteEvaluation(director, data.withheld());
    if ((dir == null) == (seeds == null)) {
      throw new IllegalArgumentException("give a suite folder DIR or --seeds A..B (one of them)");
    }
    java.util.function.Consumer<EpisodeResult> progress =
        e -> {
          if (!json) {
            out.println(line(e));
            out.flush();
          } else {
            err.printf(
                "%s %s%n",
                e.episode(), e.top1() || (e.control() && !e.blamedControl()) ? "ok" : "miss");
            err.flush();
          }
        };
    SuiteReport r;
    ViewBreakdown views = null;
    if (seeds != null) {
      FaultBenchReport.Seeds range = FaultBenchReport.Seeds.parse(seeds);
      r = eval.runGenerated(range.from(), range.to(), progress);
    } else {
      r = eval.run(dir, progress);
      views = ViewBreakdown.of(GymSuiteEvaluation.episodes(dir), r.episodes());
    }
    if (json) {
      ObjectNode t = tree(r);
      if (views != null && views.hasViews()) {
        ((ObjectNode) t.get("aggregate")).set("byView", views(views));
      }
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(t));
    } else {
      out.println();
      out.println(summary(r));
      if (views != null && views.hasViews()) {
        out.println(viewSummary(views));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The figures by export view: full, randomised views pooled, and per view dimension. */
  static String viewSummary(ViewBreakdown v) {
    StringBuilder sb = new StringBuilder();
    Map<String, SuiteReport.Breakdown> top = new java.util.LinkedHashMap<>();
    top.put("full", v.full());
    top.put("views (pooled)", v.views());
    breakdown(sb, "view", top);
    v.byDimension().forEach((dim, values) -> breakdown(sb, "view " + dim, values));
    return sb.toString();
  }

  private static ObjectNode views(ViewBreakdown v) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode n = m.createObjectNode();
    Map<String, SuiteReport.Breakdown> top = new java.util.LinkedHashMap<>();
    top.put("full", v.full());
    top.put("views", v.views());
    n.setAll(breakdowns(m, top));
    ObjectNode dims = n.putObject("byDimension");
    v.byDimension().forEach((dim, values) -> dims.set(dim, breakdowns(m, values)));
    return n;
  }

  static String line(EpisodeResult e) {
    String outcome =
        e.control()
            ? (e.blamedControl() ? "BLAMED" : "ok")
            : (e.top1() ? "top1" : e.top3() ? "top3" : "miss");
    return String.format(
        Locale.ROOT,
        "%-44s %-7s truth %-22s %-26s got %-22s %-26s %5.2f %6d ms%s",
        e.episode(),
        outcome,
        e.control() || e.trueService() == null ? "-" : e.trueService(),
        e.control() ? "none" : e.trueClass() == null ? "?" : e.trueClass().id(),
        e.predictedService() == null ? "-" : e.predictedService(),
        e.predictedClass() == null
            ? e.verdict() == null ? "error" : e.verdict().name().toLowerCase(Locale.ROOT)
            : e.predictedClass().id(),
        e.confidence(),
        e.millis(),
        e.error().isEmpty() ? "" : "  error: " + e.error());
  }

  static String summary(SuiteReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "episodes %d (faults %d, controls %d, errors %d)%n",
            r.episodes().size(),
            r.faultEpisodes(),
            r.controls(),
            r.errors()));
    sb.append(
        String.format(
            Locale.ROOT,
            "top-1 service %.1f%%  top-3 %.1f%%  fault class %.1f%%  onset error median %.0f s  false blame on controls %.1f%%%n",
            100 * r.top1(),
            100 * r.top3(),
            100 * r.faultClassAccuracy(),
            r.onsetErrorMedianSeconds(),
            100 * r.falseBlameRate()));
    sb.append(
        String.format(
            Locale.ROOT,
            "investigation time median %.0f ms  p95 %.0f ms%n%n",
            r.timeMedianMillis(),
            r.timeP95Millis()));
    sb.append("confusion (true class -> predicted: count)\n");
    for (Map.Entry<String, Map<String, Integer>> e : r.confusion().entrySet()) {
      sb.append(String.format(Locale.ROOT, "  %-28s %s%n", e.getKey(), e.getValue()));
    }
    breakdown(sb, "topology", r.byTopology());
    breakdown(sb, "difficulty", r.byDifficulty());
    CalibrationMetrics c = r.calibration();
    sb.append(
        String.format(
            Locale.ROOT,
            "%ncalibration of the top confidence (%d reports naming a candidate): Brier %.3f  ECE"
                + " %.3f%n  %-11s %5s %9s %9s%n",
            c.pairs(),
            c.brier(),
            c.ece(),
            "confidence",
            "n",
            "mean conf",
            "accuracy"));
    for (CalibrationMetrics.Bin b : c.bins()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %.1f-%.1f     %5d %9s %9s%n",
              b.lo(),
              b.hi(),
              b.count(),
              b.count() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", b.meanConfidence()),
              b.count() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", b.accuracy())));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nprofile per episode (ms; .queries are counts): %-24s %8s %8s %8s%n",
            "",
            "median",
            "p95",
            "mean"));
    r.phaseProfile()
        .forEach(
            (k, p) ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        "  %-36s %8.0f %8.0f %8.1f%n",
                        k,
                        p.median(),
                        p.p95(),
                        p.mean())));
    List<EpisodeResult> missed = r.missed();
    sb.append(String.format(Locale.ROOT, "%nmissed (%d): episode, truth, top-3%n", missed.size()));
    for (EpisodeResult e : missed) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-44s %-36s %s%n",
              e.episode(),
              truth(e),
              e.ranked().isEmpty()
                  ? (e.verdict() == null ? "error" : e.verdict().name().toLowerCase(Locale.ROOT))
                  : e.ranked().stream()
                      .map(
                          p ->
                              String.format(
                                  Locale.ROOT,
                                  "%s/%s %.2f",
                                  p.service(),
                                  p.faultClass().id(),
                                  p.confidence()))
                      .collect(java.util.stream.Collectors.joining(", "))));
    }
    return sb.toString();
  }

  private static String truth(EpisodeResult e) {
    return e.control()
        ? "none (control)"
        : e.trueService() + "/" + (e.trueClass() == null ? "?" : e.trueClass().id());
  }

  private static void breakdown(StringBuilder sb, String by, Map<String, SuiteReport.Breakdown> m) {
    sb.append(
        String.format(
            Locale.ROOT,
            "%nby %s: %-10s %8s %7s %7s %7s %11s%n",
            by,
            "",
            "episodes",
            "top-1",
            "top-3",
            "class",
            "false blame"));
    m.forEach(
        (k, b) ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    "  %-20s %8d %6.1f%% %6.1f%% %6.1f%% %6.1f%% (%d)%n",
                    k,
                    b.episodes(),
                    100 * b.top1(),
                    100 * b.top3(),
                    100 * b.faultClassAccuracy(),
                    100 * b.falseBlameRate(),
                    b.controls())));
  }

  /** JSON has no NaN: an undefined ratio (no episodes of that kind) is null. */
  private static Double num(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static ObjectNode breakdowns(ObjectMapper m, Map<String, SuiteReport.Breakdown> by) {
    ObjectNode n = m.createObjectNode();
    by.forEach(
        (k, b) ->
            n.putObject(k)
                .put("episodes", b.episodes())
                .put("faultEpisodes", b.faultEpisodes())
                .put("controls", b.controls())
                .put("top1", num(b.top1()))
                .put("top3", num(b.top3()))
                .put("faultClassAccuracy", num(b.faultClassAccuracy()))
                .put("falseBlameRate", num(b.falseBlameRate())));
    return n;
  }

  static ObjectNode tree(SuiteReport r) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    ObjectNode agg = root.putObject("aggregate");
    agg.put("episodes", r.episodes().size())
        .put("faultEpisodes", r.faultEpisodes())
        .put("controls", r.controls())
        .put("errors", r.errors())
        .put("top1", r.top1())
        .put("top3", r.top3())
        .put("faultClassAccuracy", r.faultClassAccuracy())
        .put("onsetErrorMedianSeconds", r.onsetErrorMedianSeconds())
        .put("falseBlameRate", r.falseBlameRate())
        .put("timeMedianMillis", r.timeMedianMillis())
        .put("timeP95Millis", r.timeP95Millis());
    agg.set("confusion", m.valueToTree(r.confusion()));
    agg.set("byTopology", breakdowns(m, r.byTopology()));
    agg.set("byDifficulty", breakdowns(m, r.byDifficulty()));
    ObjectNode cal = agg.putObject("calibration");
    cal.put("pairs", r.calibration().pairs())
        .put("brier", num(r.calibration().brier()))
        .put("ece", num(r.calibration().ece()));
    ArrayNode bins = cal.putArray("reliability");
    for (CalibrationMetrics.Bin b : r.calibration().bins()) {
      bins.addObject()
          .put("lo", b.lo())
          .put("hi", b.hi())
          .put("count", b.count())
          .put("meanConfidence", num(b.meanConfidence()))
          .put("accuracy", num(b.accuracy()));
    }
    ObjectNode phases = agg.putObject("profile");
    r.phaseProfile()
        .forEach(
            (k, p) ->
                phases
                    .putObject(k)
                    .put("median", p.median())
                    .put("p95", p.p95())
                    .put("mean", p.mean()));
    ArrayNode missed = root.putArray("missed");
    for (EpisodeResult e : r.missed()) {
      ObjectNode n = missed.addObject();
      n.put("episode", e.episode()).put("control", e.control());
      n.putObject("truth")
          .put("service", e.trueService())
          .put(
              "faultClass",
              e.control() ? "none" : e.trueClass() == null ? null : e.trueClass().id());
      n.put("verdict", e.verdict() == null ? null : e.verdict().name().toLowerCase(Locale.ROOT));
      ArrayNode top = n.putArray("top3");
      for (EpisodeResult.Prediction p : e.ranked()) {
        top.addObject()
            .put("service", p.service())
            .put("faultClass", p.faultClass().id())
            .put("confidence", p.confidence());
      }
      if (!e.error().isEmpty()) {
        n.put("error", e.error());
      }
    }
    ArrayNode eps = root.putArray("episodes");
    for (EpisodeResult e : r.episodes()) {
      ObjectNode n = eps.addObject();
      n.put("episode", e.episode())
          .put("control", e.control())
          .put("trueService", e.trueService())
          .put("trueClass", e.trueClass() == null ? null : e.trueClass().id())
          .put("verdict", e.verdict() == null ? null : e.verdict().name().toLowerCase(Locale.ROOT))
          .put("predictedService", e.predictedService())
          .put("predictedClass", e.predictedClass() == null ? null : e.predictedClass().id())
          .put("confidence", e.confidence())
          .put("top1", e.top1())
          .put("top3", e.top3())
          .put("classMatch", e.classMatch())
          .put(
              "onsetErrorSeconds",
              Double.isNaN(e.onsetErrorSeconds()) ? null : e.onsetErrorSeconds())
          .put("blamedControl", e.blamedControl())
          .put("millis", e.millis())
          .put("topology", e.topology())
          .put("difficulty", e.difficulty())
          .put("error", e.error());
      ArrayNode ranked = n.putArray("top3");
      for (EpisodeResult.Prediction p : e.ranked()) {
        ranked
            .addObject()
            .put("service", p.service())
            .put("faultClass", p.faultClass().id())
            .put("confidence", p.confidence());
      }
      n.set("phases", m.valueToTree(e.phases()));
    }
    return root;
  }
}
