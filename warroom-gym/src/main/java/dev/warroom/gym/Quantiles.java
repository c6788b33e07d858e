package dev.warroom.gym;

/**
 * Quantiles of a mixture of log-normal latency distributions (one per pod, weighted by the pod's
 * share of traffic), found by bisection on the mixture CDF in log space.
 */
final class Quantiles {
  private Quantiles() {}

  /** The q-quantile of the mixture; {@code medians[i]} is pod i's median, sigma the log spread. */
  static double mixture(double[] medians, double[] weights, double q, double sigma) {
    double wSum = 0;
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (int i = 0; i < medians.length; i++) {
      if (weights[i] > 0) {
        wSum += weights[i];
        double l = Math.log(medians[i]);
        lo = Math.min(lo, l - 4 * sigma);
        hi = Math.max(hi, l + 4 * sigma);
      }
    }
    if (wSum == 0) {
      return 0;
    }
    double z = q == 0.5 ? 0 : q == 0.9 ? 1.2815516 : q == 0.99 ? 2.3263479 : Double.NaN;
    if (hi - lo < 8 * sigma + 0.05 && !Double.isNaN(z)) {
      // pods (nearly) alike: the mixture is one log-normal
      double meanLog = 0;
      for (int i = 0; i < medians.length; i++) {
        if (weights[i] > 0) {
          meanLog += weights[i] * Math.log(medians[i]);
        }
      }
      return Math.exp(meanLog / wSum + sigma * z);
    }
    double[] logs = new double[medians.length];
    for (int i = 0; i < medians.length; i++) {
      logs[i] = weights[i] > 0 ? Math.log(medians[i]) : 0;
    }
    double target = q * wSum;
    // 20 halvings of a range of at most a few units in log space: well under 0.01% relative error
    for (int iter = 0; iter < 20; iter++) {
      double mid = (lo + hi) / 2;
      double cdf = 0;
      for (int i = 0; i < medians.length; i++) {
        if (weights[i] > 0) {
          cdf += weights[i] * normalCdf((mid - logs[i]) / sigma);
        }
      }
      if (cdf < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  /** Standard normal CDF via the Abramowitz-Stegun 7.1.26 erf approximation (error < 1.5e-7). */
  static double normalCdf(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double y =
        1
            - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                    + 0.254829592)
                * t
                * Math.exp(-x * x);
    return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
  }
}
