package dev.warroom.experts.metrics.nab;

/**
 * Scores one data file the way NAB's {@code scorer.Scorer} does (Lavin &amp; Ahmad, "Evaluating
 * Real-time Anomaly Detection Algorithms – the Numenta Anomaly Benchmark", 2015):
 *
 * <ul>
 *   <li>a row is a detection when its anomaly score is {@code >= threshold}; rows of the
 *       probationary period are ignored;
 *   <li>each window scores once: its earliest detection earns {@code tpWeight * S(p) / S(-1)} with
 *       {@code p = -(last - i + 1) / length} and the scaled sigmoid {@code S(x) = 2 / (1 + e^{5x})
 *       - 1}; a window without detection costs {@code fnWeight};
 *   <li>a detection outside every window costs {@code fpWeight * S(|lastOfPrecedingWindow - i| /
 *       (length - 1))} (a flat {@code -fpWeight} before the first window or more than 3 window
 *       lengths after one), so false positives just after a window are forgiven.
 * </ul>
 */
public final class NabScorer {
  private NabScorer() {}

  /** NAB's scaled sigmoid of a relative position (v1.0 scorer: only beyond 3.0 is it -1). */
  public static double scaledSigmoid(double relativePosition) {
    if (relativePosition > 3.0) {
      return -1.0;
    }
    return 2.0 * sigmoid(-5.0 * relativePosition) - 1.0;
  }

  private static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /** Scores {@code anomalyScores} (one per row of {@code file}) at {@code threshold}. */
  public static FileScore score(
      NabDataFile file, double[] anomalyScores, double threshold, CostProfile profile) {
    int n = file.size();
    checkScores(file, anomalyScores);
    long[] ts = file.timestamps();
    int probation = file.probationaryRows();
    boolean[] label = file.labels();
    int[][] ranges = windowRows(file, ts);
    double[] rows = new double[n];
    int tp = 0;
    int tn = 0;
    int fp = 0;
    int fn = 0;
    for (int i = probation; i < n; i++) {
      boolean pred = anomalyScores[i] >= threshold;
      if (pred && label[i]) {
        tp++;
      } else if (pred) {
        fp++;
      } else if (label[i]) {
        fn++;
      } else {
        tn++;
      }
    }
    double maxTp = scaledSigmoid(-1.0);
    double total = 0;
    for (int[] w : ranges) {
      int first = w[0];
      int last = w[1];
      int length = last - first + 1;
      int hit = -1;
      for (int i = Math.max(first, probation); i <= last; i++) {
        if (anomalyScores[i] >= threshold) {
          hit = i;
          break;
        }
      }
      double s;
      if (hit < 0) {
        s = -profile.fnWeight();
      } else {
        double position = -(last - hit + 1) / (double) length;
        s = scaledSigmoid(position) * profile.tpWeight() / maxTp;
      }
      rows[first] = s;
      total += s;
    }
    for (int i = probation; i < n; i++) {
      if (label[i] || anomalyScores[i] < threshold) {
        continue;
      }
      int[] preceding = closestPrecedingWindow(ranges, i);
      double s;
      if (preceding == null) {
        s = -profile.fpWeight();
      } else {
        int length = preceding[1] - preceding[0] + 1;
        s = scaledSigmoid(Math.abs(preceding[1] - i) / (double) (length - 1)) * profile.fpWeight();
      }
      rows[i] = s;
      total += s;
    }
    return new FileScore(
        file.relativePath(), profile.name(), threshold, total, tp, tn, fp, fn, n - probation, rows);
  }

  /** Row index ranges {@code [first, last]} of each window, in window order. */
  static int[][] windowRows(NabDataFile file, long[] ts) {
    return file.windowRows();
  }

  /** The window whose last row is the closest one before {@code i}, or null. */
  static int[] closestPrecedingWindow(int[][] ranges, int i) {
    int[] best = null;
    for (int[] w : ranges) {
      if (w[1] < i && (best == null || w[1] > best[1])) {
        best = w;
      }
    }
    return best;
  }

  static void checkScores(NabDataFile file, double[] anomalyScores) {
    if (anomalyScores.length != file.size()) {
      throw new IllegalArgumentException(
          file.relativePath()
              + ": "
              + anomalyScores.length
              + " anomaly scores for "
              + file.size()
              + " rows");
    }
    for (int i = 0; i < anomalyScores.length; i++) {
      if (Double.isNaN(anomalyScores[i])) {
        throw new IllegalArgumentException(
            file.relativePath() + ": anomaly score of row " + i + " is NaN");
      }
    }
  }
}
