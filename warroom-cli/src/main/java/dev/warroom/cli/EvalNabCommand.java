package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.warroom.experts.metrics.StreamingDetector;
import dev.warroom.experts.metrics.nab.ForecastEvaluation;
import dev.warroom.experts.metrics.nab.NabCorpus;
import dev.warroom.experts.metrics.nab.NabEvaluation;
import dev.warroom.experts.metrics.nab.NabLeaveOneCategoryOut;
import dev.warroom.experts.metrics.nab.NabReport;
import dev.warroom.experts.metrics.nab.NabReproduction;
import dev.warroom.experts.metrics.nab.ProfileScore;
import dev.warroom.experts.metrics.nab.WarroomNabDetector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom eval nab}: first proves the NAB scorer by rescoring the detectors NAB published
 * results for, then scores warroom's detector (threshold optimised per profile, normalised between
 * the null and the perfect detector), then measures Holt-Winters forecasts on held-back days.
 */
@Command(
    name = "nab",
    mixinStandardHelpOptions = true,
    description =
        "Scores warroom's metric anomaly detector on a Numenta Anomaly Benchmark corpus, after"
            + " checking the scorer reproduces NAB's published per-row scores.",
    footer = {
      "",
      "DIR holds NAB's data/, labels/combined_windows.json and config/profiles.json; results/ and",
      "config/thresholds.json, when present, are used to check the scorer against NAB's own output.",
      "Exit code 1 when the scorer does not reproduce NAB's published scores.",
      "",
      "Example:",
      "  warroom eval nab --data ../shared/datasets/nab --json",
      "  warroom eval nab --data ../shared/datasets/nab --loco"
    })
final class EvalNabCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "NAB corpus folder")
  Path data;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Option(
      names = "--loco",
      description =
          "leave one category out: choose the detector configuration and each profile's threshold"
              + " on the other categories only, score the held-out one; prints those scores (the"
              + " honest estimate) beside the all-in ones")
  boolean loco;

  @Override
  public Integer call() throws Exception {
    NabCorpus corpus = NabCorpus.load(data);
    List<NabReproduction.Result> repro = new ArrayList<>();
    for (String d : NabReproduction.publishedDetectors(corpus)) {
      repro.add(NabReproduction.check(corpus, d));
    }
    NabReport warroom =
        NabEvaluation.evaluate(
            corpus,
            WarroomNabDetector.NAME,
            WarroomNabDetector.scores(corpus, StreamingDetector.withDefaults()));
    ForecastEvaluation.Result forecast = ForecastEvaluation.onCorpus(corpus);
    NabLeaveOneCategoryOut.Result locoResult =
        loco
            ? NabLeaveOneCategoryOut.run(
                corpus,
                NabLeaveOneCategoryOut.grid(),
                c -> WarroomNabDetector.scores(corpus, new StreamingDetector(c)))
            : null;
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(corpus, repro, warroom, forecast, locoResult));
    } else {
      printText(out, corpus, repro, warroom, forecast);
      if (locoResult != null) {
        printLoco(out, locoResult);
      }
      printIssues(out, corpus);
    }
    out.flush();
    return repro.stream().allMatch(NabReproduction.Result::exact) ? 0 : 1;
  }

  private static void printText(
      PrintWriter out,
      NabCorpus corpus,
      List<NabReproduction.Result> repro,
      NabReport warroom,
      ForecastEvaluation.Result forecast) {
    out.printf(
        Locale.ROOT,
        "NAB corpus %s: %d files, %d windows%n",
        corpus.root(),
        corpus.files().size(),
        corpus.windowCount());
    out.println();
    out.println(
        "Scorer check against NAB's published results (rows rescored at NAB's thresholds):");
    for (NabReproduction.Result r : repro) {
      for (NabReproduction.ProfileCheck p : r.profiles()) {
        out.printf(
            Locale.ROOT,
            "  %-8s %-20s threshold %.6f  rows %d/%d equal (max diff %.1e)  subset score %.2f%n",
            r.detector(),
            p.profile(),
            p.publishedThreshold(),
            p.rowsMatching(),
            p.rowsCompared(),
            p.maxAbsDifference(),
            p.subsetNormalizedScore());
      }
    }
    if (repro.isEmpty()) {
      out.println("  (no results/ and config/thresholds.json in DIR: nothing to check)");
    }
    out.println();
    out.println(
        "warroom detector (one configuration for all files, threshold optimised per profile):");
    for (ProfileScore p : warroom.profiles()) {
      out.printf(
          Locale.ROOT,
          "  %-20s score %6.2f  threshold %.4f  raw %.3f (null %.1f, perfect %.1f)  tp %d fp %d fn %d%n",
          p.profile(),
          p.normalizedScore(),
          p.threshold(),
          p.rawScore(),
          p.nullScore(),
          p.perfectScore(),
          p.tp(),
          p.fp(),
          p.fn());
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "Forecast of each file's held-back last day: median MAPE Holt-Winters %.1f%%, seasonal naive %.1f%% (%d files)%n",
        forecast.medianHoltWintersMape(),
        forecast.medianNaiveMape(),
        forecast.files().size());
  }

  private static void printLoco(PrintWriter out, NabLeaveOneCategoryOut.Result r) {
    out.println();
    out.printf(
        Locale.ROOT,
        "Leave one category out (%d detector configurations; configuration and thresholds chosen"
            + " on the other categories):%n",
        NabLeaveOneCategoryOut.grid().size());
    for (NabLeaveOneCategoryOut.Fold f : r.folds()) {
      out.printf(
          Locale.ROOT,
          "  held out %-22s config %s  thresholds %s%n",
          f.heldOut(),
          configLabel(f.config()),
          f.thresholds());
    }
    out.printf(
        Locale.ROOT,
        "  all-in config (chosen on every category): %s%n",
        configLabel(r.allInConfig()));
    out.printf(Locale.ROOT, "  %-20s %8s %8s%n", "profile", "LOCO", "all-in");
    for (dev.warroom.experts.metrics.nab.ProfileScore p : r.loco()) {
      out.printf(
          Locale.ROOT,
          "  %-20s %8.2f %8.2f%n",
          p.profile(),
          p.normalizedScore(),
          r.allIn().profile(p.profile()).normalizedScore());
    }
  }

  private static String configLabel(StreamingDetector.Config c) {
    return String.format(
        Locale.ROOT,
        "recentDays=%.0f smooth=%d likelihoodDays=%.0f tailAveraging=%d",
        c.recentDays(),
        c.smooth(),
        c.likelihoodDays(),
        c.tailAveraging());
  }

  private static void printIssues(PrintWriter out, NabCorpus corpus) {
    out.println();
    out.printf(Locale.ROOT, "Data quality: %d issues%n", corpus.dataIssues().size());
    corpus.dataIssues().forEach(i -> out.println("  " + i));
  }

  private static String toJson(
      NabCorpus corpus,
      List<NabReproduction.Result> repro,
      NabReport warroom,
      ForecastEvaluation.Result forecast,
      NabLeaveOneCategoryOut.Result locoResult)
      throws Exception {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("corpus", corpus.root().toString());
    root.put("files", corpus.files().size());
    root.put("windows", corpus.windowCount());
    root.put("dataIssues", corpus.dataIssues());
    if (locoResult != null) {
      List<Map<String, Object>> folds = new ArrayList<>();
      for (NabLeaveOneCategoryOut.Fold f : locoResult.folds()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heldOut", f.heldOut());
        m.put("training", f.training());
        m.put("config", f.config());
        m.put("thresholds", f.thresholds());
        folds.add(m);
      }
      Map<String, Object> lm = new LinkedHashMap<>();
      lm.put("folds", folds);
      Map<String, Object> scores = new LinkedHashMap<>();
      for (dev.warroom.experts.metrics.nab.ProfileScore p : locoResult.loco()) {
        scores.put(
            p.profile(),
            Map.of(
                "loco",
                p.normalizedScore(),
                "allIn",
                locoResult.allIn().profile(p.profile()).normalizedScore()));
      }
      lm.put("scores", scores);
      lm.put("allInConfig", locoResult.allInConfig());
      root.put("loco", lm);
    }
    root.put("reproduction", repro);
    List<Map<String, Object>> profiles = new ArrayList<>();
    for (ProfileScore p : warroom.profiles()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("profile", p.profile());
      m.put("score", p.normalizedScore());
      m.put("threshold", p.threshold());
      m.put("raw", p.rawScore());
      m.put("null", p.nullScore());
      m.put("perfect", p.perfectScore());
      m.put("tp", p.tp());
      m.put("fp", p.fp());
      m.put("fn", p.fn());
      Map<String, Double> perFile = new LinkedHashMap<>();
      p.files().forEach(f -> perFile.put(f.relativePath(), f.score()));
      m.put("fileScores", perFile);
      profiles.add(m);
    }
    root.put("detector", Map.of("name", warroom.detector(), "profiles", profiles));
    root.put("forecast", forecast);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
  }
}
