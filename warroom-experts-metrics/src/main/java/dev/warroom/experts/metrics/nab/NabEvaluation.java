package dev.warroom.experts.metrics.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB's optimise → score → normalise pipeline ({@code runner.py}) over a loaded corpus, for anomaly
 * scores produced by any detector. The null detector (a constant 0.5, NAB's {@code
 * null_detector.py}) is run through the same pipeline to get the baseline; the perfect score is the
 * number of windows times the true-positive weight.
 */
public final class NabEvaluation {
  /** The detector name of leave-one-category-out reports. */
  public static final String NAME_LOCO = "loco";

  private NabEvaluation() {}

  /** NAB's null detector's raw score on the corpus for a profile, at its own best threshold. */
  public static double nullRaw(NabCorpus corpus, CostProfile p) {
    Map<String, double[]> nullScores = nullDetector(corpus);
    double nullThreshold = ThresholdOptimizer.sweep(corpus.files(), nullScores, p).threshold();
    double nullRaw = 0;
    for (NabDataFile f : corpus.files()) {
      nullRaw += NabScorer.score(f, nullScores.get(f.relativePath()), nullThreshold, p).score();
    }
    return nullRaw;
  }

  /**
   * A profile's corpus result from file scores obtained any way (e.g. each held-out category at its
   * own fold's threshold), normalised with the whole corpus's null and perfect scores.
   */
  public static ProfileScore combine(
      NabCorpus corpus, CostProfile p, double threshold, List<FileScore> files) {
    double raw = 0;
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (FileScore fs : files) {
      raw += fs.score();
      tp += fs.tp();
      fp += fs.fp();
      fn += fs.fn();
    }
    double nullRaw = nullRaw(corpus, p);
    double perfect = corpus.windowCount() * p.tpWeight();
    double normalized = 100.0 * (raw - nullRaw) / (perfect - nullRaw);
    return new ProfileScore(
        p.name(), threshold, raw, nullRaw, perfect, normalized, tp, fp, fn, files);
  }

  /** Optimises a threshold per profile, then scores and normalises. */
  public static NabReport evaluate(
      NabCorpus corpus, String detector, Map<String, double[]> scores) {
    Map<String, Double> thresholds = new HashMap<>();
    for (CostProfile p : corpus.profiles()) {
      thresholds.put(p.name(), ThresholdOptimizer.sweep(corpus.files(), scores, p).threshold());
    }
    return evaluateAt(corpus, detector, scores, thresholds);
  }

  /** Scores at given thresholds per profile (e.g. NAB's published {@code thresholds.json}). */
  public static NabReport evaluateAt(
      NabCorpus corpus,
      String detector,
      Map<String, double[]> scores,
      Map<String, Double> thresholds) {
    List<ProfileScore> out = new ArrayList<>();
    for (CostProfile p : corpus.profiles()) {
      Double threshold = thresholds.get(p.name());
      if (threshold == null) {
        throw new IllegalArgumentException("no threshold for profile " + p.name());
      }
      List<FileScore> files = new ArrayList<>();
      for (NabDataFile f : corpus.files()) {
        files.add(NabScorer.score(f, ThresholdOptimizer.scoresOf(f, scores), threshold, p));
      }
      out.add(combine(corpus, p, threshold, files));
    }
    return new NabReport(detector, corpus.files().size(), corpus.windowCount(), out);
  }

  /** NAB's null detector: 0.5 on every row. */
  public static Map<String, double[]> nullDetector(NabCorpus corpus) {
    Map<String, double[]> out = new HashMap<>();
    for (NabDataFile f : corpus.files()) {
      double[] s = new double[f.size()];
      Arrays.fill(s, 0.5);
      out.put(f.relativePath(), s);
    }
    return out;
  }
}
