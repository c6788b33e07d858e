package dev.warroom.experts.metrics;

/**
 * Additive Holt-Winters (triple exponential smoothing; Winters 1960, as in Hyndman &amp;
 * Athanasopoulos, "Forecasting: Principles and Practice", §8.3) for short-term forecasts of a
 * seasonal metric. {@link #fit} picks the smoothing constants from a small grid by the absolute
 * error of a season-ahead forecast of the last training season (absolute, so a few huge spikes do
 * not pick the constants); {@link #mape} measures a forecast on held-back data.
 */
public final class HoltWinters {
  private static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9};
  private static final double[] BETAS = {0.0, 0.01, 0.05, 0.1};
  private static final double[] GAMMAS = {0.05, 0.1, 0.2, 0.3, 0.5};
  private static final double[] PHIS = {0.8, 0.9, 0.98};

  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double phi;
  private final int period;
  private final int trainedPoints;
  private final double level;
  private final double trend;
  private final double[] season;
  private final double sae;

  private HoltWinters(
      double alpha,
      double beta,
      double gamma,
      double phi,
      int period,
      int trainedPoints,
      double level,
      double trend,
      double[] season,
      double sae) {
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.phi = phi;
    this.period = period;
    this.trainedPoints = trainedPoints;
    this.level = level;
    this.trend = trend;
    this.season = season;
    this.sae = sae;
  }

  /** Fits to {@code train} (no NaN) with season length {@code period}; needs two full seasons. */
  public static HoltWinters fit(double[] train, int period) {
    if (period < 2) {
      throw new IllegalArgumentException("period must be >= 2: " + period);
    }
    if (train.length < 2 * period) {
      throw new IllegalArgumentException(
          "need at least two seasons (" + 2 * period + " points), got " + train.length);
    }
    for (int i = 0; i < train.length; i++) {
      if (!Double.isFinite(train[i])) {
        throw new IllegalArgumentException("training value " + i + " is not finite");
      }
    }
    // With three or more seasons, the constants are chosen by how well a model fitted without the
    // last season forecasts that whole season (the task: a day ahead), then refitted on all data;
    // one-step error alone favours constants that chase the level and forecast a day badly.
    boolean validate = train.length >= 3 * period;
    double[] head = validate ? java.util.Arrays.copyOf(train, train.length - period) : train;
    double[] bestConstants = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (double a : ALPHAS) {
      for (double b : BETAS) {
        for (double g : GAMMAS) {
          for (double p : PHIS) {
            HoltWinters m = run(head, period, a, b, g, p);
            double error =
                validate ? absoluteError(train, train.length - period, m.forecast(period)) : m.sae;
            if (error < bestError) {
              bestError = error;
              bestConstants = new double[] {a, b, g, p};
            }
          }
        }
      }
    }
    return run(
        train, period, bestConstants[0], bestConstants[1], bestConstants[2], bestConstants[3]);
  }

  private static double absoluteError(double[] actual, int from, double[] forecast) {
    double sum = 0;
    for (int i = 0; i < forecast.length; i++) {
      sum += Math.abs(actual[from + i] - forecast[i]);
    }
    return sum;
  }

  /**
   * Runs the smoothing recursions with fixed constants; {@code phi} damps the trend (Gardner &amp;
   * McKenzie 1985), so a day-ahead forecast does not extrapolate a short-lived slope 288 steps.
   */
  public static HoltWinters run(
      double[] x, int period, double alpha, double beta, double gamma, double phi) {
    double l = 0;
    double l2 = 0;
    for (int i = 0; i < period; i++) {
      l += x[i];
      l2 += x[period + i];
    }
    l /= period;
    double t = (l2 / period - l) / period;
    double[] s = new double[period];
    for (int i = 0; i < period; i++) {
      s[i] = x[i] - l;
    }
    double sae = 0;
    for (int i = period; i < x.length; i++) {
      int k = i % period;
      double err = x[i] - (l + phi * t + s[k]);
      sae += Math.abs(err);
      double newLevel = alpha * (x[i] - s[k]) + (1 - alpha) * (l + phi * t);
      t = beta * (newLevel - l) + (1 - beta) * phi * t;
      s[k] = gamma * (x[i] - newLevel) + (1 - gamma) * s[k];
      l = newLevel;
    }
    return new HoltWinters(alpha, beta, gamma, phi, period, x.length, l, t, s, sae);
  }

  /** The next {@code horizon} values after the training data. */
  public double[] forecast(int horizon) {
    double[] out = new double[horizon];
    double damped = 0;
    double power = 1;
    for (int h = 1; h <= horizon; h++) {
      power *= phi;
      damped += power;
      out[h - 1] = level + damped * trend + season[(trainedPoints + h - 1) % period];
    }
    return out;
  }

  /**
   * Mean absolute percentage error, in percent, over the points whose actual value is not 0 (where
   * a percentage is undefined); NaN when there is none.
   */
  public static double mape(double[] actual, double[] predicted) {
    if (actual.length != predicted.length) {
      throw new IllegalArgumentException("actual and predicted differ in length");
    }
    double sum = 0;
    int n = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] != 0 && Double.isFinite(actual[i])) {
        sum += Math.abs((actual[i] - predicted[i]) / actual[i]);
        n++;
      }
    }
    return n == 0 ? Double.NaN : 100.0 * sum / n;
  }

  /** The seasonal-naive forecast (the value one season earlier), the baseline to beat. */
  public static double[] seasonalNaive(double[] train, int period, int horizon) {
    double[] out = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      out[h] = train[train.length - period + (h % period)];
    }
    return out;
  }

  public double alpha() {
    return alpha;
  }

  public double beta() {
    return beta;
  }

  public double gamma() {
    return gamma;
  }

  public double phi() {
    return phi;
  }

  @Override
  public String toString() {
    return "HoltWinters[alpha="
        + alpha
        + ", beta="
        + beta
        + ", gamma="
        + gamma
        + ", phi="
        + phi
        + ", period="
        + period
        + ", level="
        + level
        + ", trend="
        + trend
        + "]";
  }
}
