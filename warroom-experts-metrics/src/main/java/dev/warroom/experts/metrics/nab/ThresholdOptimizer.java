package dev.warroom.experts.metrics.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * NAB's threshold optimisation ({@code optimizer.optimizeThreshold} with {@code sweeper.Sweeper}):
 * one threshold per detector and profile for the whole corpus, the one that maximises the summed
 * raw score. Every distinct anomaly score of a scored row is a candidate; rows are swept from the
 * highest score down, so each candidate costs O(1) and the whole search O(rows log rows). Ties go
 * to the highest threshold, as NAB's stable sort does.
 */
public final class ThresholdOptimizer {
  /** NAB starts the sweep above every score: no detection, every window a false negative. */
  static final double START_THRESHOLD = 1.1;

  private ThresholdOptimizer() {}

  /**
   * The best threshold for {@code profile}. {@code scores} maps each file's relative path to its
   * anomaly scores in [0, 1], one per row.
   */
  public static ThresholdChoice sweep(
      List<NabDataFile> files, Map<String, double[]> scores, CostProfile profile) {
    List<double[]> rows = new ArrayList<>(); // {anomalyScore, sweepScore, windowId or -1}
    int windowBase = 0;
    for (NabDataFile f : files) {
      double[] s = scoresOf(f, scores);
      sweepRows(f, s, profile, windowBase, rows);
      windowBase += f.windows().size();
    }
    double[][] sorted = rows.toArray(new double[0][]);
    Arrays.sort(sorted, (a, b) -> Double.compare(b[0], a[0]));
    double[] windowScore = new double[windowBase];
    Arrays.fill(windowScore, -profile.fnWeight());
    double total = -profile.fnWeight() * windowBase;
    double curThreshold = START_THRESHOLD;
    double bestThreshold = curThreshold;
    double bestScore = total;
    for (double[] r : sorted) {
      if (r[0] != curThreshold) {
        if (total > bestScore) {
          bestScore = total;
          bestThreshold = curThreshold;
        }
        curThreshold = r[0];
      }
      int w = (int) r[2];
      if (w < 0) {
        total += r[1];
      } else if (r[1] > windowScore[w]) {
        total += r[1] - windowScore[w];
        windowScore[w] = r[1];
      }
    }
    if (total > bestScore) {
      bestScore = total;
      bestThreshold = curThreshold;
    }
    return new ThresholdChoice(profile.name(), bestThreshold, bestScore);
  }

  /**
   * Each scored row's contribution if it were a detection: inside a window its true-positive score,
   * outside its false-positive cost (NAB's {@code calcSweepScore}).
   */
  private static void sweepRows(
      NabDataFile f, double[] s, CostProfile profile, int windowBase, List<double[]> out) {
    long[] ts = f.timestamps();
    int[][] ranges = NabScorer.windowRows(f, ts);
    double maxTp = NabScorer.scaledSigmoid(-1.0);
    int[] windowOfRow = new int[ts.length];
    Arrays.fill(windowOfRow, -1);
    for (int w = 0; w < ranges.length; w++) {
      for (int i = ranges[w][0]; i <= ranges[w][1]; i++) {
        windowOfRow[i] = w;
      }
    }
    for (int i = f.probationaryRows(); i < ts.length; i++) {
      int w = windowOfRow[i];
      double contribution;
      if (w >= 0) {
        int length = ranges[w][1] - ranges[w][0] + 1;
        double position = -(ranges[w][1] - i + 1) / (double) length;
        contribution = NabScorer.scaledSigmoid(position) * profile.tpWeight() / maxTp;
      } else {
        int[] prev = NabScorer.closestPrecedingWindow(ranges, i);
        contribution =
            prev == null
                ? -profile.fpWeight()
                : NabScorer.scaledSigmoid(Math.abs(prev[1] - i) / (double) (prev[1] - prev[0]))
                    * profile.fpWeight();
      }
      out.add(new double[] {s[i], contribution, w < 0 ? -1 : windowBase + w});
    }
  }

  static double[] scoresOf(NabDataFile f, Map<String, double[]> scores) {
    double[] s = scores.get(f.relativePath());
    if (s == null) {
      throw new IllegalArgumentException("no anomaly scores for " + f.relativePath());
    }
    NabScorer.checkScores(f, s);
    for (int i = 0; i < s.length; i++) {
      if (s[i] < 0 || s[i] > 1) {
        throw new IllegalArgumentException(
            f.relativePath() + ": anomaly score of row " + i + " not in [0,1]: " + s[i]);
      }
    }
    return s;
  }
}
