package dev.warroom.experts.metrics;

import java.util.Arrays;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fitting of {@link HoltWinters}: smoothing constants by Nelder-Mead (commons-math3) minimising the
 * one-step absolute error (absolute, so a few spikes do not decide the constants), within the usual
 * bounds (Hyndman et al., "Forecasting with Exponential Smoothing", 2008, §5.2): {@code 0 < α < 1},
 * {@code 0 ≤ β ≤ α}, {@code 0 ≤ γ ≤ 1 − α}, {@code 0.8 ≤ φ ≤ 0.98}; unconstrained variables map to
 * them through a logistic function.
 *
 * <p>The structure is chosen out of sample: each candidate (additive season, multiplicative season,
 * no season; multiplicative as additive on {@code log(x + offset)}) is fitted without the last
 * training season and forecasts it; the lowest MAPE (MAE when the season is all zeros) wins and is
 * refitted on all the training data. With fewer than three seasons the additive seasonal model is
 * used.
 */
final class HoltWintersFit {
  private static final int MAX_EVALUATIONS = 600;

  private HoltWintersFit() {}

  private record Structure(boolean seasonal, boolean multiplicative) {}

  static HoltWinters fit(double[] train, int period) {
    double offset = logOffset(train);
    if (train.length < 3 * period) {
      return fitStructure(train, period, new Structure(true, false), offset);
    }
    double[] head = Arrays.copyOf(train, train.length - period);
    double[] last = Arrays.copyOfRange(train, train.length - period, train.length);
    Structure best = null;
    double bestMape = Double.POSITIVE_INFINITY;
    double bestMae = Double.POSITIVE_INFINITY;
    for (Structure s :
        new Structure[] {
          new Structure(true, false), new Structure(true, true), new Structure(false, false)
        }) {
      double[] f = fitStructure(head, period, s, offset).forecast(period);
      double mape = HoltWinters.mape(last, f);
      double mae = meanAbsoluteError(last, f);
      boolean better =
          Double.isNaN(mape) || Double.isNaN(bestMape) ? mae < bestMae : mape < bestMape;
      if (best == null || better) {
        best = s;
        bestMape = mape;
        bestMae = mae;
      }
    }
    return fitStructure(train, period, best, offset);
  }

  /**
   * The shift that makes every value positive before the log: 0 for positive data, else past the
   * minimum by 1% of the range (at least 1e-9), so zeros stay finite.
   */
  static double logOffset(double[] x) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return min > 0 ? 0 : -min + Math.max(1e-9, 0.01 * (max - min));
  }

  private static HoltWinters fitStructure(double[] x, int period, Structure s, double offset) {
    double[] y = x;
    double logOffset = Double.NaN;
    if (s.multiplicative()) {
      logOffset = offset;
      y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = Math.log(x[i] + offset);
      }
    }
    double[] yy = y;
    double lo = logOffset;
    double[] start = {logit(0.2), logit(0.1), logit(0.1), logit(0.5)};
    // the best point seen, so that running out of evaluations still returns a fit
    double[][] bestSeen = {start};
    double[] bestError = {Double.POSITIVE_INFINITY};
    try {
      new SimplexOptimizer(1e-5, 1e-9)
          .optimize(
              new MaxEval(MAX_EVALUATIONS),
              GoalType.MINIMIZE,
              new InitialGuess(start),
              new NelderMeadSimplex(4, 1.0),
              new ObjectiveFunction(
                  u -> {
                    double e =
                        HoltWinters.smooth(yy, period, s.seasonal(), lo, constants(u, s))
                            .oneStepError();
                    if (!Double.isFinite(e)) {
                      return Double.MAX_VALUE;
                    }
                    if (e < bestError[0]) {
                      bestError[0] = e;
                      bestSeen[0] = u.clone();
                    }
                    return e;
                  }));
    } catch (TooManyEvaluationsException e) {
      // keep the best point seen: a slowly converging simplex is near a flat optimum
    }
    return HoltWinters.smooth(y, period, s.seasonal(), logOffset, constants(bestSeen[0], s));
  }

  /** {α, β, γ, φ} within the bounds from four unconstrained variables. */
  private static double[] constants(double[] u, Structure s) {
    double alpha = 0.001 + 0.998 * sigmoid(u[0]);
    double beta = alpha * sigmoid(u[1]);
    double gamma = s.seasonal() ? (1 - alpha) * sigmoid(u[2]) : 0;
    double phi = 0.8 + 0.18 * sigmoid(u[3]);
    return new double[] {alpha, beta, gamma, phi};
  }

  private static double sigmoid(double u) {
    return 1 / (1 + Math.exp(-u));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  private static double meanAbsoluteError(double[] actual, double[] predicted) {
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += Math.abs(actual[i] - predicted[i]);
    }
    return sum / actual.length;
  }
}
