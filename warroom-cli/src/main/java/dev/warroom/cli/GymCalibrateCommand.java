package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.director.Calibration;
import dev.warroom.engine.director.Director;
import dev.warroom.eval.CalibrationFitter;
import dev.warroom.eval.CalibrationMetrics;
import dev.warroom.eval.EpisodeResult;
import dev.warroom.eval.GymSuiteEvaluation;
import dev.warroom.eval.SuiteReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warroom gym calibrate DIR [--out FILE]}: investigates every episode of a suite folder with
 * the raw fused scores as confidences, fits Platt scaling and isotonic regression to (score, top-1
 * correct) pairs, keeps the one with the lower cross-validated log-loss and writes it as the JSON
 * that {@link Calibration} loads.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
      "Fits the engine's confidence calibration on a gym suite folder: investigates every"
          + " episode, pairs the top candidate's raw score with whether it was the true root-cause"
          + " service (controls: never), fits Platt scaling (score, margin) and isotonic"
          + " regression (PAV), picks the lower k-fold cross-validated log-loss (the base rate"
          + " when neither beats it) and writes the calibration JSON (to stdout without --out)."
    },
    footer = {
      "",
      "Example (refit the shipped calibration, then rebuild):",
      "  warroom gym suite --seeds 1000..1299 --out suite",
      "  warroom gym calibrate suite \\",
      "    --out warroom-engine/src/main/resources/dev/warroom/engine/director/calibration.json",
      "  warroom gym eval other-suite --calibration calibration.json"
    })
final class GymCalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The suite folder.")
  Path dir;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the calibration JSON here.")
  Path out;

  @Option(
      names = "--folds",
      defaultValue = "5",
      description = "Cross-validation folds (default ${DEFAULT-VALUE}).")
  int folds;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed that shuffles episodes into folds (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--inconclusive-below",
      paramLabel = "P",
      description =
          "Calibrated probability under which the verdict is inconclusive (default: the shipped"
              + " calibration's).")
  Double inconclusiveBelow;

  @Option(names = "--json", description = "Print the fit summary as JSON.")
  boolean json;

  InstantSource clock = InstantSource.system();

  private static final Pattern SEED = Pattern.compile("-(\\d+)$");

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (folds < 2) {
      throw new IllegalArgumentException("--folds must be at least 2: " + folds);
    }
    double inconclusive =
        inconclusiveBelow != null ? inconclusiveBelow : Calibration.DEFAULT.inconclusiveBelow();
    if (!(inconclusive >= 0 && inconclusive <= 1)) {
      throw new IllegalArgumentException("--inconclusive-below not in [0,1]: " + inconclusive);
    }
    double noFault = Calibration.DEFAULT.noFaultBelow();
    GymSuiteEvaluation eval =
        new GymSuiteEvaluation(Director.standard().withCalibration(Calibration.identity(noFault)));
    SuiteReport r =
        eval.run(
            dir,
            e -> {
              err.printf("%s %s%n", e.episode(), e.error().isEmpty() ? "" : "error");
              err.flush();
            });
    List<CalibrationFitter.Pair> pairs = CalibrationFitter.pairs(r.episodes());
    String on =
        String.format(
            Locale.ROOT,
            "%s: %d episodes (seeds %s), %d with a named candidate; fitted %s",
            dir.toAbsolutePath().normalize().getFileName(),
            r.episodes().size(),
            seeds(r.episodes()),
            pairs.size(),
            LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    CalibrationFitter.Fit fit =
        CalibrationFitter.fit(pairs, folds, seed, noFault, inconclusive, on);
    CalibrationMetrics raw =
        CalibrationMetrics.of(
            pairs.stream()
                .map(
                    p ->
                        new CalibrationMetrics.Outcome(
                            Math.max(0, Math.min(1, p.score())), p.correct()))
                .toList(),
            SuiteReport.CALIBRATION_BINS);
    CalibrationMetrics fitted =
        CalibrationMetrics.of(
            pairs.stream()
                .map(
                    p ->
                        new CalibrationMetrics.Outcome(
                            fit.calibration().probability(p.score(), p.margin()), p.correct()))
                .toList(),
            SuiteReport.CALIBRATION_BINS);
    ObjectMapper m = new ObjectMapper();
    ObjectNode stats = m.createObjectNode();
    stats
        .put("pairs", fit.pairs())
        .put("positives", fit.positives())
        .put("folds", fit.folds())
        .put("foldSeed", seed)
        .put("cvLogLossPlatt", fit.plattLogLoss())
        .put("cvLogLossIsotonic", fit.isotonicLogLoss())
        .put("cvLogLossBaseRate", fit.baseRateLogLoss())
        .put("chosen", fit.chosen())
        .put("inSampleBrierRaw", raw.brier())
        .put("inSampleEceRaw", raw.ece())
        .put("inSampleBrier", fitted.brier())
        .put("inSampleEce", fitted.ece());
    String text =
        m.writerWithDefaultPrettyPrinter().writeValueAsString(fit.calibration().toJson(stats));
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, text + "\n");
    }
    if (json) {
      o.println(
          m.writerWithDefaultPrettyPrinter().writeValueAsString(stats.put("method", fit.chosen())));
    } else if (out == null) {
      o.println(text);
    } else {
      o.printf(
          Locale.ROOT,
          "%s%nchose %s: cross-validated log-loss platt %.4f, isotonic %.4f, base rate %.4f (%d"
              + " pairs, %d right, %d folds)%nin-sample Brier %.4f -> %.4f, ECE %.4f -> %.4f (raw score ->"
              + " calibrated)%nwrote %s%n",
          on,
          fit.chosen(),
          fit.plattLogLoss(),
          fit.isotonicLogLoss(),
          fit.baseRateLogLoss(),
          fit.pairs(),
          fit.positives(),
          fit.folds(),
          raw.brier(),
          fitted.brier(),
          raw.ece(),
          fitted.ece(),
          out);
    }
    o.flush();
    return ExitCodes.OK;
  }

  /** "7000..7199" from the episodes' trailing seed numbers, or "?" when they carry none. */
  static String seeds(List<EpisodeResult> episodes) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (EpisodeResult e : episodes) {
      Matcher mm = SEED.matcher(e.episode());
      if (mm.find()) {
        long s = Long.parseLong(mm.group(1));
        lo = Math.min(lo, s);
        hi = Math.max(hi, s);
      }
    }
    return lo > hi ? "?" : lo + ".." + hi;
  }
}
