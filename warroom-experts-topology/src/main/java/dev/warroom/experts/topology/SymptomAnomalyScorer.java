package dev.warroom.experts.topology;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-node anomaly scores for a symptom, from 5-minute node metrics and a normal-operation
 * baseline, in two factors:
 *
 * <ol>
 *   <li>how abnormal the node is: the largest robust z-score (median and MAD of the baseline, Leys
 *       et al. 2013; the scale floored at 1% of the median so that a metric that never moved, such
 *       as 100% availability, does not turn a 0.1% dip into an infinite score) of the incident
 *       buckets from one bucket before the symptom on, in the symptom's bad direction, less a
 *       tolerance of 2 standard units, compressed with log1p;
 *   <li>how much it moves with the symptom: the Pearson correlation of the node's series with the
 *       symptom's series over the incident window, negative correlations counting as 0. Anomalous
 *       but unrelated nodes (a noisy lambda) are discounted, as in MicroCause's and CloudRanger's
 *       use of correlation with the front-end KPI.
 * </ol>
 *
 * <p>For a latency symptom every latency statistic (Average, p50, p90, p95, p99) counts, higher
 * being worse; for availability the Average, lower being worse. Nodes named as AWS X-Ray inferred
 * nodes ({@code *_remote}, uninstrumented endpoints seen from the caller, and {@code *_client}) are
 * weighted by {@code inferredNodeWeight}: their metrics are the caller's measurement of a call, not
 * the node's own.
 */
public final class SymptomAnomalyScorer {
  private static final long BUCKET_SECONDS = 300;
  private static final double TOLERANCE = 2.0;
  private static final double RELATIVE_SCALE_FLOOR = 0.01;
  private final double inferredNodeWeight;

  /**
   * @param inferredNodeWeight multiplier for {@code *_remote} and {@code *_client} nodes, in [0,1]
   */
  public SymptomAnomalyScorer(double inferredNodeWeight) {
    if (!(inferredNodeWeight >= 0 && inferredNodeWeight <= 1)) {
      throw new IllegalArgumentException("inferredNodeWeight not in [0,1]: " + inferredNodeWeight);
    }
    this.inferredNodeWeight = inferredNodeWeight;
  }

  /** Anomaly score (>= 0) per node of the incident metrics. */
  public Map<String, Double> score(PetShopIssue issue, PetShopMetrics baseline) {
    PetShopMetrics m = issue.metrics();
    boolean higherIsWorse = !"availability".equals(issue.symptomMetric());
    List<String> stats =
        higherIsWorse ? List.of("Average", "p50", "p90", "p95", "p99") : List.of("Average");
    double[] symptom =
        m.values(issue.symptomNode(), issue.symptomMetric(), issue.symptomStatistic());
    long from = issue.symptomTime().getEpochSecond() - BUCKET_SECONDS;
    long[] ts = m.timestamps();
    Map<String, Double> out = new LinkedHashMap<>();
    for (String node : m.nodes()) {
      double best = 0;
      for (String stat : stats) {
        double[] values = m.values(node, issue.symptomMetric(), stat);
        double[] base = baseline.values(node, issue.symptomMetric(), stat);
        if (values == null || base == null) {
          continue;
        }
        double[] clean = Arrays.stream(base).filter(v -> !Double.isNaN(v)).toArray();
        if (clean.length < 10) {
          continue; // too little normal data to call anything abnormal
        }
        double median = median(clean);
        double mad = 1.4826 * median(Arrays.stream(clean).map(v -> Math.abs(v - median)).toArray());
        double scale = Math.max(mad, Math.max(RELATIVE_SCALE_FLOOR * Math.abs(median), 1e-9));
        double z = 0;
        for (int i = 0; i < values.length; i++) {
          if (Double.isNaN(values[i]) || ts[i] < from) {
            continue;
          }
          double dev = higherIsWorse ? values[i] - median : median - values[i];
          z = Math.max(z, dev / scale);
        }
        double corr = symptom == null ? 1 : Math.max(0, pearson(values, symptom));
        best = Math.max(best, Math.log1p(Math.max(0, z - TOLERANCE)) * corr);
      }
      out.put(node, isInferred(node) ? best * inferredNodeWeight : best);
    }
    return out;
  }

  static boolean isInferred(String node) {
    return node.endsWith("_remote") || node.endsWith("_client");
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** Pearson correlation over the positions where both are present; 0 when undefined. */
  static double pearson(double[] x, double[] y) {
    int n = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        n++;
        sx += x[i];
        sy += y[i];
      }
    }
    if (n < 3) {
      return 0;
    }
    double mx = sx / n;
    double my = sy / n;
    double cov = 0;
    double vx = 0;
    double vy = 0;
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        cov += (x[i] - mx) * (y[i] - my);
        vx += (x[i] - mx) * (x[i] - mx);
        vy += (y[i] - my) * (y[i] - my);
      }
    }
    if (vx < 1e-24 || vy < 1e-24) {
      return 0;
    }
    return cov / Math.sqrt(vx * vy);
  }
}
