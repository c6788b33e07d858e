package dev.warroom.experts.metrics.nab;

import dev.warroom.experts.metrics.StreamingDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Leave-one-category-out evaluation of a detector on a NAB corpus. Every setting chosen on data —
 * the detector configuration (from {@link #grid()}: baseline window, smoothing, likelihood window)
 * and the alert threshold of each profile (NAB's optimiser) — is chosen on the other categories
 * only, then used on the held-out category's files. The held-out files' raw scores are summed over
 * all folds and normalised as NAB does, with the null and perfect detectors on the whole corpus, so
 * the LOCO figure is comparable to the all-in one (everything chosen on the whole corpus) shown
 * beside it.
 *
 * <p>The configuration is the one with the best normalised standard-profile score on the training
 * categories; a later grid entry must beat the best earlier one by {@link #MARGIN} points (grid
 * order lists the shipped default first; the one-standard-error idea of Hastie et al., ESL §7.10).
 */
public final class NabLeaveOneCategoryOut {
  /** Normalised points a later grid configuration must gain to replace an earlier one. */
  static final double MARGIN = 1.0;

  private NabLeaveOneCategoryOut() {}

  /** One fold: the held-out category, what was chosen without it, and its files' scores. */
  public record Fold(
      String heldOut,
      List<String> training,
      StreamingDetector.Config config,
      Map<String, Double> thresholds,
      Map<String, List<FileScore>> heldOutScores) {
    public Fold {
      training = List.copyOf(training);
      thresholds = Map.copyOf(thresholds);
      heldOutScores = Map.copyOf(heldOutScores);
      if (training.contains(heldOut)) {
        throw new IllegalArgumentException("fold trains on its held-out category: " + heldOut);
      }
    }
  }

  /** The folds, the LOCO score per profile, and the all-in choice and its report. */
  public record Result(
      List<Fold> folds,
      List<ProfileScore> loco,
      StreamingDetector.Config allInConfig,
      NabReport allIn) {
    public Result {
      folds = List.copyOf(folds);
      loco = List.copyOf(loco);
    }
  }

  /**
   * The grid, shipped default first: recent-baseline days 2/1/4, smoothing 4/1 points, anomaly
   * likelihood over 7 days or off (which also turns the calibration off); then the default with the
   * calibration's averaging at 4 points or the calibration off. The other knobs stay at their
   * defaults.
   */
  public static List<StreamingDetector.Config> grid() {
    StreamingDetector.Config d = StreamingDetector.Config.defaults();
    List<StreamingDetector.Config> out = new ArrayList<>();
    for (double likelihood : new double[] {d.likelihoodDays(), 0}) {
      for (double recent : new double[] {d.recentDays(), 1, 4}) {
        for (int smooth : new int[] {d.smooth(), 1}) {
          out.add(
              new StreamingDetector.Config(
                  recent,
                  d.seasonDays(),
                  d.seasonSlack(),
                  smooth,
                  d.halfScoreZ(),
                  d.refractoryDays(),
                  d.damping(),
                  d.scaleFloorFraction(),
                  likelihood,
                  likelihood > 0 ? d.tailAveraging() : 0,
                  d.tailRefractoryDays()));
        }
      }
    }
    out.add(d.withTail(4, d.tailRefractoryDays()));
    out.add(d.withTail(0, d.tailRefractoryDays()));
    return out.stream().distinct().toList();
  }

  /**
   * Runs the folds. {@code scoresOf} gives a configuration's anomaly scores for every file of the
   * corpus (detectors are causal and per file, so computing them once is safe); selection reads
   * only the training files' entries.
   */
  public static Result run(
      NabCorpus corpus,
      List<StreamingDetector.Config> grid,
      Function<StreamingDetector.Config, Map<String, double[]>> scoresOf) {
    List<String> categories = corpus.categories();
    if (categories.size() < 2) {
      throw new IllegalArgumentException(
          "leave-one-out needs at least 2 categories: " + categories);
    }
    Map<StreamingDetector.Config, Map<String, double[]>> cache = new LinkedHashMap<>();
    Function<StreamingDetector.Config, Map<String, double[]>> scores =
        c -> cache.computeIfAbsent(c, scoresOf);
    List<Fold> folds = new ArrayList<>();
    for (String heldOut : categories) {
      List<String> training = categories.stream().filter(c -> !c.equals(heldOut)).toList();
      NabCorpus train = corpus.onlyCategories(training);
      StreamingDetector.Config chosen = choose(train, grid, scores);
      NabReport trained =
          NabEvaluation.evaluate(train, NabEvaluation.NAME_LOCO, scores.apply(chosen));
      Map<String, Double> thresholds = new LinkedHashMap<>();
      trained.profiles().forEach(p -> thresholds.put(p.profile(), p.threshold()));
      NabCorpus test = corpus.onlyCategories(List.of(heldOut));
      Map<String, List<FileScore>> held = new LinkedHashMap<>();
      for (CostProfile p : corpus.profiles()) {
        List<FileScore> fs = new ArrayList<>();
        for (NabDataFile f : test.files()) {
          fs.add(
              NabScorer.score(
                  f,
                  ThresholdOptimizer.scoresOf(f, scores.apply(chosen)),
                  thresholds.get(p.name()),
                  p));
        }
        held.put(p.name(), fs);
      }
      folds.add(new Fold(heldOut, training, chosen, thresholds, held));
    }
    List<ProfileScore> loco = new ArrayList<>();
    for (CostProfile p : corpus.profiles()) {
      List<FileScore> files = new ArrayList<>();
      folds.forEach(f -> files.addAll(f.heldOutScores().get(p.name())));
      loco.add(NabEvaluation.combine(corpus, p, Double.NaN, files));
    }
    StreamingDetector.Config allIn = choose(corpus, grid, scores);
    NabReport allInReport = NabEvaluation.evaluate(corpus, "all-in", scores.apply(allIn));
    return new Result(folds, loco, allIn, allInReport);
  }

  /** The configuration with the best standard-profile score on {@code training}. */
  static StreamingDetector.Config choose(
      NabCorpus training,
      List<StreamingDetector.Config> grid,
      Function<StreamingDetector.Config, Map<String, double[]>> scores) {
    CostProfile standard = training.profiles().get(0);
    for (CostProfile p : training.profiles()) {
      if (p.name().equals("standard")) {
        standard = p;
      }
    }
    StreamingDetector.Config best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (StreamingDetector.Config c : grid) {
      Map<String, double[]> all = scores.apply(c);
      Map<String, double[]> onlyTraining = new LinkedHashMap<>();
      training.files().forEach(f -> onlyTraining.put(f.relativePath(), all.get(f.relativePath())));
      double s =
          NabEvaluation.evaluate(training, "grid", onlyTraining)
              .profile(standard.name())
              .normalizedScore();
      if (s > bestScore + MARGIN) {
        bestScore = s;
        best = c;
      }
    }
    return best;
  }
}
