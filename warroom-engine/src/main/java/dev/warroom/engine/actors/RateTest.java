package dev.warroom.engine.actors;

/**
 * Did an event rate rise between a baseline and an incident window? Conditioned on the total count
 * {@code n = nb + ni}, under "same rate" the incident count is Binomial(n, ti/(tb+ti)) (the
 * conditional test for two Poisson rates, Przyborowski and Wilenski 1940). A rise needs a small
 * upper-tail p-value AND a rate at least {@link #MIN_RATIO} times the baseline's, so a short
 * baseline with few events does not make ordinary noise look new.
 */
final class RateTest {
  static final double ALPHA = 1e-4;
  static final double MIN_RATIO = 2.0;

  private RateTest() {}

  /**
   * Whether {@code ni} events in {@code ti} is a significant rise over {@code nb} in {@code tb}.
   */
  static boolean risen(long nb, double tb, long ni, double ti) {
    if (ni < 5 || ti <= 0) {
      return false;
    }
    if (tb <= 0) {
      // No baseline at all: only a burst clearly beyond a trickle counts.
      return ni >= 20;
    }
    double rateB = nb / tb;
    double rateI = ni / ti;
    if (rateI < MIN_RATIO * rateB) {
      return false;
    }
    return upperTail(nb + ni, ni, ti / (tb + ti)) < ALPHA;
  }

  /** P(X ≥ k) for X ~ Binomial(n, q), summed in log space (normal approximation for n > 5000). */
  static double upperTail(long n, long k, double q) {
    if (k <= 0) {
      return 1;
    }
    if (n > 5000) {
      double mean = n * q;
      double sd = Math.sqrt(n * q * (1 - q));
      double z = (k - 0.5 - mean) / Math.max(sd, 1e-12);
      return 0.5 * erfc(z / Math.sqrt(2));
    }
    double logQ = Math.log(q);
    double log1Q = Math.log1p(-q);
    double sum = 0;
    double logC = logChoose(n, k);
    for (long x = k; x <= n; x++) {
      double term = Math.exp(logC + x * logQ + (n - x) * log1Q);
      sum += term;
      if (term < sum * 1e-12) {
        break;
      }
      logC += Math.log((double) (n - x) / (x + 1));
    }
    return Math.min(1, sum);
  }

  private static double logChoose(long n, long k) {
    return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
  }

  /** Lanczos approximation of ln Γ(x) (Numerical Recipes, 3rd ed., §6.1). */
  static double lgamma(double x) {
    double[] c = {
      57.1562356658629235,
      -59.5979603554754912,
      14.1360979747417471,
      -0.491913816097620199,
      .339946499848118887e-4,
      .465236289270485756e-4,
      -.983744753048795646e-4,
      .158088703224912494e-3,
      -.210264441724104883e-3,
      .217439618115212643e-3,
      -.164318106536763890e-3,
      .844182239838527433e-4,
      -.261908384015814087e-4,
      .368991826595316234e-5
    };
    double y = x;
    double tmp = x + 5.24218750000000000;
    tmp = (x + 0.5) * Math.log(tmp) - tmp;
    double ser = 0.999999999999997092;
    for (double cj : c) {
      ser += cj / ++y;
    }
    return tmp + Math.log(2.5066282746310005 * ser / x);
  }

  /** Complementary error function (Numerical Recipes' erfcc, fractional error < 1.2e-7). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2.0 - r;
  }
}
