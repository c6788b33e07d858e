package dev.warroom.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How well stated confidences match outcomes: the Brier score (mean squared error of the
 * probability, Brier 1950), the expected calibration error over equal-width bins (ECE, Naeini et
 * al. 2015: the count-weighted mean gap between a bin's mean confidence and its accuracy) and the
 * reliability table behind it.
 *
 * @param pairs how many (confidence, outcome) pairs were scored
 * @param brier mean of (confidence − outcome)², NaN without pairs
 * @param ece expected calibration error, NaN without pairs
 * @param bins the reliability table, one row per bin (empty bins included, count 0)
 */
public record CalibrationMetrics(int pairs, double brier, double ece, List<Bin> bins) {
  public CalibrationMetrics {
    bins = List.copyOf(bins);
  }

  /** One bin [lo, hi) (the last one includes 1.0): its count, mean confidence and accuracy. */
  public record Bin(double lo, double hi, int count, double meanConfidence, double accuracy) {}

  /** One stated probability and whether the claim turned out true. */
  public record Outcome(double confidence, boolean correct) {
    public Outcome {
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new IllegalArgumentException("confidence not in [0,1]: " + confidence);
      }
    }
  }

  /** Scores {@code outcomes} with {@code binCount} equal-width bins over [0, 1]. */
  public static CalibrationMetrics of(List<Outcome> outcomes, int binCount) {
    if (binCount < 1) {
      throw new IllegalArgumentException("bins < 1: " + binCount);
    }
    int[] count = new int[binCount];
    double[] conf = new double[binCount];
    double[] hits = new double[binCount];
    double sq = 0;
    for (Outcome o : outcomes) {
      double y = o.correct() ? 1 : 0;
      sq += (o.confidence() - y) * (o.confidence() - y);
      int b = Math.min(binCount - 1, (int) Math.floor(o.confidence() * binCount));
      count[b]++;
      conf[b] += o.confidence();
      hits[b] += y;
    }
    int n = outcomes.size();
    List<Bin> bins = new ArrayList<>();
    double ece = 0;
    for (int b = 0; b < binCount; b++) {
      double mc = count[b] == 0 ? Double.NaN : conf[b] / count[b];
      double acc = count[b] == 0 ? Double.NaN : hits[b] / count[b];
      if (count[b] > 0) {
        ece += (double) count[b] / n * Math.abs(mc - acc);
      }
      bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, count[b], mc, acc));
    }
    return new CalibrationMetrics(n, n == 0 ? Double.NaN : sq / n, n == 0 ? Double.NaN : ece, bins);
  }

  /**
   * The outcomes of a suite: every episode whose report named a candidate, its top confidence, and
   * whether that candidate is the true root-cause service (never, on a control).
   */
  public static List<Outcome> outcomes(List<EpisodeResult> results) {
    List<Outcome> out = new ArrayList<>();
    for (EpisodeResult r : results) {
      if (r.error().isEmpty() && r.predictedService() != null) {
        out.add(new Outcome(Math.max(0, Math.min(1, r.confidence())), !r.control() && r.top1()));
      }
    }
    return out;
  }
}
