package dev.warroom.engine.director;

import java.util.List;

/**
 * Multinomial logistic regression (softmax) with an L2 penalty, fitted by full-batch gradient
 * descent with Adam (Kingma and Ba 2015, default β1 0.9, β2 0.999). Small and dense: the training
 * sets of {@link RcaModelTrainer} are a few thousand examples of a few hundred features.
 */
final class Softmax {
  private Softmax() {}

  static final double LEARNING_RATE = 0.05;

  /** Weights {@code [class][feature]} for examples {@code x} with labels {@code y} in [0,k). */
  static double[][] fit(double[][] x, List<Integer> y, int k, double l2, int epochs) {
    return fit(x, null, y, k, l2, null, epochs);
  }

  /**
   * As {@link #fit(double[][], List, int, double, int)} with a weight per example (null: all 1; the
   * loss is the weighted mean) and a prior (null: zero): the L2 penalty pulls the weights towards
   * {@code prior} instead of zero and the descent starts there. That is MAP adaptation of a
   * maximum-entropy model to new data with a Gaussian prior centred on the old model (Chelba and
   * Acero 2004, "Adaptation of maximum entropy capitalizer: little data can help a lot"), so a few
   * labelled incidents move the model without it forgetting what it had learnt.
   */
  static double[][] fit(
      double[][] x,
      double[] weight,
      List<Integer> y,
      int k,
      double l2,
      double[][] prior,
      int epochs) {
    int n = x.length;
    int d = n == 0 ? 0 : x[0].length;
    double[][] w = new double[k][d];
    double[][] centre = new double[k][d];
    if (prior != null) {
      for (int c = 0; c < k; c++) {
        centre[c] = prior[c].clone();
        w[c] = prior[c].clone();
      }
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += weight == null ? 1 : weight[i];
    }
    double[][] m = new double[k][d];
    double[][] v = new double[k][d];
    double[] z = new double[k];
    for (int t = 1; t <= epochs; t++) {
      double[][] g = new double[k][d];
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double s = 0;
          double[] wc = w[c];
          double[] xi = x[i];
          for (int j = 0; j < d; j++) {
            s += wc[j] * xi[j];
          }
          z[c] = s;
          max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          z[c] = Math.exp(z[c] - max);
          sum += z[c];
        }
        for (int c = 0; c < k; c++) {
          double err = (z[c] / sum - (y.get(i) == c ? 1 : 0)) * (weight == null ? 1 : weight[i]);
          if (err == 0) {
            continue;
          }
          double[] gc = g[c];
          double[] xi = x[i];
          for (int j = 0; j < d; j++) {
            if (xi[j] != 0) {
              gc[j] += err * xi[j];
            }
          }
        }
      }
      double b1t = 1 - Math.pow(0.9, t);
      double b2t = 1 - Math.pow(0.999, t);
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          double gj = g[c][j] / Math.max(1, total) + l2 * (w[c][j] - centre[c][j]);
          m[c][j] = 0.9 * m[c][j] + 0.1 * gj;
          v[c][j] = 0.999 * v[c][j] + 0.001 * gj * gj;
          w[c][j] -= LEARNING_RATE * (m[c][j] / b1t) / (Math.sqrt(v[c][j] / b2t) + 1e-8);
        }
      }
    }
    return w;
  }

  /**
   * Conditional (listwise) logit, McFadden 1974: per group of alternatives {@code groups[g]} one is
   * chosen, {@code chosen[g]}, with {@code P(i) = exp(w·x_i) / Σ_j exp(w·x_j)}. Fits {@code w} with
   * an L2 penalty. Used to rank an episode's candidates against each other, which is what top-1
   * asks, rather than scoring each against all candidates of all episodes.
   */
  static double[] fitListwise(List<double[][]> groups, int[] chosen, double l2, int epochs) {
    return fitListwise(groups, null, chosen, l2, null, epochs);
  }

  /** The conditional logit with a weight per group (null: all 1) and a prior as in {@link #fit}. */
  static double[] fitListwise(
      List<double[][]> groups,
      double[] weight,
      int[] chosen,
      double l2,
      double[] prior,
      int epochs) {
    int d = groups.isEmpty() ? 0 : groups.get(0)[0].length;
    double[] w = prior == null ? new double[d] : prior.clone();
    double[] centre = prior == null ? new double[d] : prior.clone();
    double total = 0;
    for (int i = 0; i < groups.size(); i++) {
      total += weight == null ? 1 : weight[i];
    }
    double[] m = new double[d];
    double[] v = new double[d];
    int n = groups.size();
    for (int t = 1; t <= epochs; t++) {
      double[] g = new double[d];
      for (int gi = 0; gi < n; gi++) {
        double[][] xs = groups.get(gi);
        double[] z = new double[xs.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            s += w[j] * xs[i][j];
          }
          z[i] = s;
          max = Math.max(max, s);
        }
        double sum = 0;
        for (int i = 0; i < xs.length; i++) {
          z[i] = Math.exp(z[i] - max);
          sum += z[i];
        }
        for (int i = 0; i < xs.length; i++) {
          double err = (z[i] / sum - (chosen[gi] == i ? 1 : 0)) * (weight == null ? 1 : weight[gi]);
          for (int j = 0; j < d; j++) {
            if (xs[i][j] != 0) {
              g[j] += err * xs[i][j];
            }
          }
        }
      }
      double b1t = 1 - Math.pow(0.9, t);
      double b2t = 1 - Math.pow(0.999, t);
      for (int j = 0; j < d; j++) {
        double gj = g[j] / Math.max(1, total) + l2 * (w[j] - centre[j]);
        m[j] = 0.9 * m[j] + 0.1 * gj;
        v[j] = 0.999 * v[j] + 0.001 * gj * gj;
        w[j] -= LEARNING_RATE * (m[j] / b1t) / (Math.sqrt(v[j] / b2t) + 1e-8);
      }
    }
    return w;
  }
}
