package dev.warroom.experts.metrics;

/**
 * Holt-Winters exponential smoothing with a damped trend (Winters 1960; Gardner &amp; McKenzie
 * 1985; Hyndman &amp; Athanasopoulos, "Forecasting: Principles and Practice", §8.3) for short-term
 * forecasts of a metric. A fitted model is one of four structures: additive or multiplicative
 * season (multiplicative as additive on {@code log(x + offset)}, whose back-transform is the
 * forecast median), or no season at all, each with a damped trend. {@link #fit} fits the smoothing
 * constants by Nelder-Mead and picks the structure on held-back training data ({@link
 * HoltWintersFit}); {@link #mape} measures a forecast on held-back data.
 */
public final class HoltWinters {
  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double phi;
  private final int period;
  private final boolean seasonal;
  private final double logOffset;
  private final int trainedPoints;
  private final double level;
  private final double trend;
  private final double[] season;
  private final double sae;

  private HoltWinters(
      double[] constants,
      int period,
      boolean seasonal,
      double logOffset,
      int trainedPoints,
      double level,
      double trend,
      double[] season,
      double sae) {
    this.alpha = constants[0];
    this.beta = constants[1];
    this.gamma = constants[2];
    this.phi = constants[3];
    this.period = period;
    this.seasonal = seasonal;
    this.logOffset = logOffset;
    this.trainedPoints = trainedPoints;
    this.level = level;
    this.trend = trend;
    this.season = season;
    this.sae = sae;
  }

  /**
   * Fits to {@code train} (finite values) with season length {@code period}; needs two full
   * seasons. Constants minimise the one-step absolute error on the training data; with three or
   * more seasons the structure (season additive / multiplicative / none) is the one whose model,
   * fitted without the last training season, forecasts that season best (MAPE).
   */
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
    return HoltWintersFit.fit(train, period);
  }

  /**
   * The season length in points for data sampled every {@code stepSeconds} with {@code points}
   * training points: a week when the training data covers at least three weeks (two to learn the
   * weekly pattern, one to choose the structure), else a day.
   */
  public static int seasonalPeriod(double stepSeconds, int points) {
    if (!(stepSeconds > 0)) {
      throw new IllegalArgumentException("stepSeconds must be > 0: " + stepSeconds);
    }
    int day = (int) Math.max(2, Math.round(86_400.0 / stepSeconds));
    return points >= 21L * day ? 7 * day : day;
  }

  /**
   * Runs the additive recursions with fixed constants on the raw values; {@code phi} damps the
   * trend, so a day-ahead forecast does not extrapolate a short-lived slope 288 steps.
   */
  public static HoltWinters run(
      double[] x, int period, double alpha, double beta, double gamma, double phi) {
    return smooth(x, period, true, Double.NaN, new double[] {alpha, beta, gamma, phi});
  }

  /**
   * The recursions on {@code y} (already transformed when {@code logOffset} is a number). The
   * initial level, trend and season come from the first (up to four) seasons' means, as in
   * classical decomposition; the error is summed from the second season on.
   */
  static HoltWinters smooth(
      double[] y, int period, boolean seasonal, double logOffset, double[] constants) {
    double alpha = constants[0];
    double beta = constants[1];
    double gamma = constants[2];
    double phi = constants[3];
    int k = Math.max(1, Math.min(4, y.length / period));
    double[] means = new double[k];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < period; i++) {
        means[j] += y[j * period + i];
      }
      means[j] /= period;
    }
    double l = means[0];
    double t = k >= 2 ? (means[k - 1] - means[0]) / ((k - 1) * (double) period) : 0;
    double[] s = new double[period];
    if (seasonal) {
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < period; i++) {
          s[i] += (y[j * period + i] - means[j]) / k;
        }
      }
    }
    double sae = 0;
    for (int i = period; i < y.length; i++) {
      int m = i % period;
      double err = y[i] - (l + phi * t + s[m]);
      sae += Math.abs(err);
      double newLevel = alpha * (y[i] - s[m]) + (1 - alpha) * (l + phi * t);
      t = beta * (newLevel - l) + (1 - beta) * phi * t;
      if (seasonal) {
        s[m] = gamma * (y[i] - newLevel) + (1 - gamma) * s[m];
      }
      l = newLevel;
    }
    return new HoltWinters(constants, period, seasonal, logOffset, y.length, l, t, s, sae);
  }

  /** The next {@code horizon} values after the training data, in the data's unit. */
  public double[] forecast(int horizon) {
    double[] out = new double[horizon];
    double damped = 0;
    double power = 1;
    for (int h = 1; h <= horizon; h++) {
      power *= phi;
      damped += power;
      double y = level + damped * trend + season[(trainedPoints + h - 1) % period];
      out[h - 1] = Double.isNaN(logOffset) ? y : Math.exp(y) - logOffset;
    }
    return out;
  }

  /** Sum of absolute one-step errors over the training data (on the fitted scale). */
  double oneStepError() {
    return sae;
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

  /** Whether the model has a season (false: damped-trend exponential smoothing). */
  public boolean seasonal() {
    return seasonal;
  }

  /** Whether the model works on {@code log(x + offset)}: a multiplicative season and trend. */
  public boolean multiplicative() {
    return !Double.isNaN(logOffset);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "HoltWinters[%s, alpha=%.3f, beta=%.3f, gamma=%.3f, phi=%.3f, period=%d]",
        !seasonal ? "no season" : multiplicative() ? "multiplicative" : "additive",
        alpha,
        beta,
        gamma,
        phi,
        period);
  }
}
