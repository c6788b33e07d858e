package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.director.Director;
import dev.warroom.eval.EpisodeResult;
import dev.warroom.eval.GymSuiteEvaluation;
import dev.warroom.eval.SuiteReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
          + " fault class, and investigation time median and p95 (bundle load included)."
    },
    footer = {
      "",
      "Example:",
      "  warroom gym suite --seeds 1000..1299 --out suite",
      "  warroom gym eval suite --json > eval.json",
      "  warroom gym eval --seeds 5000..5299"
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

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GymSuiteEvaluation eval = new GymSuiteEvaluation(Director.standard());
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
    if (seeds != null) {
      String[] ab = seeds.split("\\.\\.");
      if (ab.length != 2) {
        throw new IllegalArgumentException("--seeds: expected A..B, got '" + seeds + "'");
      }
      r = eval.runGenerated(Long.parseLong(ab[0].trim()), Long.parseLong(ab[1].trim()), progress);
    } else {
      r = eval.run(dir, progress);
    }
    if (json) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree(r)));
    } else {
      out.println();
      out.println(summary(r));
    }
    out.flush();
    return ExitCodes.OK;
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
    return sb.toString();
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
          .put("error", e.error());
    }
    return root;
  }
}
