package dev.warroom.experts.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Leave-one-system-out evaluation of the template miner: for each system, the miner configuration
 * is chosen from {@link MinerConfig#grid()} on the other systems only, then that configuration
 * scores the held-out system. The average of the held-out scores is the honest estimate of how the
 * miner does on a system it was not tuned on; the all-in figure (one configuration chosen on every
 * system, then scored on the same systems) is shown beside it and is optimistic by construction.
 *
 * <p>The selection criterion is the mean of Group Accuracy plus the mean of Parsing Accuracy over
 * the training systems; a later grid entry must beat the earlier best by {@link #MARGIN}. Selection
 * reads scores only through a {@link Scorer} called with training system names, so a fold never
 * sees its held-out system (tested).
 */
public final class LeaveOneSystemOut {
  /**
   * A configuration later in the grid must beat the best earlier one by this much (mean GA + mean
   * PA, so 0.01 is half a point of each) to be chosen: differences below it are noise of a few
   * lines on 2,000-line systems, and the grid lists the conventional settings first — the spirit of
   * the one-standard-error rule (Hastie, Tibshirani and Friedman, ESL §7.10).
   */
  static final double MARGIN = 0.01;

  private LeaveOneSystemOut() {}

  /** Scores one configuration on one system. */
  @FunctionalInterface
  public interface Scorer {
    LogParseScore score(MinerConfig config, String system);
  }

  /** One fold: the held-out system, the configuration chosen without it, and its held-out score. */
  public record Fold(
      String heldOut, List<String> training, MinerConfig chosen, LogParseScore score) {
    public Fold {
      training = List.copyOf(training);
      if (training.contains(heldOut)) {
        throw new IllegalArgumentException("fold trains on its held-out system: " + heldOut);
      }
    }
  }

  /** All folds, plus the all-in choice and its scores on every system. */
  public record Result(List<Fold> folds, MinerConfig allInChoice, LogParseReport allIn) {
    public Result {
      folds = List.copyOf(folds);
    }

    public double losoGroupAccuracy() {
      return folds.stream().mapToDouble(f -> f.score().groupAccuracy()).average().orElseThrow();
    }

    public double losoParsingAccuracy() {
      return folds.stream().mapToDouble(f -> f.score().parsingAccuracy()).average().orElseThrow();
    }
  }

  /** Runs the evaluation on a Loghub-style folder (see {@link LoghubEvaluator}). */
  public static Result evaluate(Path dataDir, List<MinerConfig> grid) throws IOException {
    Map<String, List<LoghubEvaluator.LabelledLine>> systems = LoghubEvaluator.readAll(dataDir);
    Map<String, LogParseScore> cache = new HashMap<>();
    Scorer scorer =
        (config, system) ->
            cache.computeIfAbsent(
                config + "|" + system,
                k -> LoghubEvaluator.score(system, systems.get(system), config));
    return run(List.copyOf(systems.keySet()), grid, scorer);
  }

  /** The folds over {@code systems} with any scorer (memoising is the scorer's business). */
  public static Result run(List<String> systems, List<MinerConfig> grid, Scorer scorer) {
    if (systems.size() < 2) {
      throw new IllegalArgumentException("leave-one-out needs at least 2 systems: " + systems);
    }
    List<Fold> folds = new ArrayList<>();
    for (String heldOut : systems) {
      List<String> training = systems.stream().filter(s -> !s.equals(heldOut)).toList();
      MinerConfig chosen = choose(training, grid, scorer);
      folds.add(new Fold(heldOut, training, chosen, scorer.score(chosen, heldOut)));
    }
    MinerConfig allIn = choose(systems, grid, scorer);
    List<LogParseScore> allInScores = new ArrayList<>();
    for (String s : systems) {
      allInScores.add(scorer.score(allIn, s));
    }
    return new Result(folds, allIn, new LogParseReport(allInScores));
  }

  /**
   * The grid configuration with the best mean GA + mean PA on {@code training}, later entries
   * needing a {@link #MARGIN} over the best earlier one.
   */
  public static MinerConfig choose(List<String> training, List<MinerConfig> grid, Scorer scorer) {
    Objects.requireNonNull(scorer, "scorer");
    if (grid.isEmpty() || training.isEmpty()) {
      throw new IllegalArgumentException("empty grid or training set");
    }
    MinerConfig best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (MinerConfig c : grid) {
      double ga = 0;
      double pa = 0;
      for (String s : training) {
        LogParseScore score = scorer.score(c, s);
        ga += score.groupAccuracy();
        pa += score.parsingAccuracy();
      }
      double value = (ga + pa) / training.size();
      if (value > bestValue + MARGIN) {
        bestValue = value;
        best = c;
      }
    }
    return best;
  }
}
