package dev.warroom.eval;

import dev.warroom.engine.director.Calibration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Fits the map from the top candidate's raw fused score to the probability that it is the root
 * cause, from (score, margin, correct) pairs of investigated gym episodes. Two candidates: Platt
 * scaling on score and margin (Platt 1999: logistic regression by Newton's method on the smoothed
 * targets {@code (N₊+1)/(N₊+2)} and {@code 1/(N₋+2)}), and isotonic regression of correctness on
 * the score by pool-adjacent-violators (Zadrozny &amp; Elkan 2002), block means Laplace-smoothed so
 * that a small block never claims certainty. The one with the lower k-fold cross-validated log-loss
 * is refitted on all pairs — unless the base rate (one constant probability) does at least as well,
 * in which case the score carries no usable information and the base rate is returned.
 */
public final class CalibrationFitter {
  /** Probabilities are clipped to [EPS, 1 − EPS] when scoring log-loss. */
  static final double EPS = 1e-3;

  private static final double RIDGE = 1e-4;

  private CalibrationFitter() {}

  /** One episode: the top raw score, its margin over the second, and whether it was right. */
  public record Pair(double score, double margin, boolean correct) {
    public Pair {
      if (!Double.isFinite(score) || !Double.isFinite(margin)) {
        throw new IllegalArgumentException(
            "score and margin must be finite: " + score + ", " + margin);
      }
    }
  }

  /**
   * The chosen calibration and the cross-validated log-loss of both methods and of the base rate
   * (one constant probability, the training folds' share of right answers).
   */
  public record Fit(
      Calibration calibration,
      double plattLogLoss,
      double isotonicLogLoss,
      double baseRateLogLoss,
      int pairs,
      int positives,
      int folds) {
    /** "platt", "isotonic" or "base-rate" (when the score does not beat a constant). */
    public String chosen() {
      return calibration.isotonic() != null && calibration.isotonic().scores().size() == 1
          ? "base-rate"
          : calibration.method();
    }
  }

  /**
   * Fits both methods, picks by cross-validated log-loss, refits the winner on every pair.
   *
   * @param seed shuffles the pairs into folds
   * @throws IllegalArgumentException with fewer than {@code 2·folds} pairs or only one outcome
   */
  public static Fit fit(
      List<Pair> pairs,
      int folds,
      long seed,
      double noFaultBelow,
      double inconclusiveBelow,
      String fittedOn) {
    if (folds < 2) {
      throw new IllegalArgumentException("folds < 2: " + folds);
    }
    long positives = pairs.stream().filter(Pair::correct).count();
    if (pairs.size() < 2 * folds || positives == 0 || positives == pairs.size()) {
      throw new IllegalArgumentException(
          "need at least "
              + 2 * folds
              + " episodes with a named candidate, right and wrong ones: got "
              + pairs.size()
              + " ("
              + positives
              + " right)");
    }
    List<Pair> shuffled = new ArrayList<>(pairs);
    java.util.Collections.shuffle(shuffled, new Random(seed));
    double platt = 0;
    double iso = 0;
    double base = 0;
    for (int k = 0; k < folds; k++) {
      List<Pair> train = new ArrayList<>();
      List<Pair> test = new ArrayList<>();
      for (int i = 0; i < shuffled.size(); i++) {
        (i % folds == k ? test : train).add(shuffled.get(i));
      }
      Calibration p = platt(train, noFaultBelow, inconclusiveBelow, fittedOn);
      Calibration s = isotonic(train, noFaultBelow, inconclusiveBelow, fittedOn);
      Calibration b = baseRate(train, noFaultBelow, inconclusiveBelow, fittedOn);
      for (Pair t : test) {
        platt += loss(p.probability(t.score(), t.margin()), t.correct());
        iso += loss(s.probability(t.score(), t.margin()), t.correct());
        base += loss(b.probability(t.score(), t.margin()), t.correct());
      }
    }
    platt /= shuffled.size();
    iso /= shuffled.size();
    base /= shuffled.size();
    // A score that predicts no better than the base rate out of sample earns no say: every
    // candidate then gets the base rate, which is what the evidence supports.
    Calibration best;
    if (base <= Math.min(platt, iso)) {
      best = baseRate(pairs, noFaultBelow, inconclusiveBelow, fittedOn);
    } else if (iso < platt) {
      best = isotonic(pairs, noFaultBelow, inconclusiveBelow, fittedOn);
    } else {
      best = platt(pairs, noFaultBelow, inconclusiveBelow, fittedOn);
    }
    return new Fit(best, platt, iso, base, pairs.size(), (int) positives, folds);
  }

  /** One probability for every score: the Laplace-smoothed share of right answers. */
  static Calibration baseRate(List<Pair> pairs, double noFault, double inconclusive, String on) {
    double right = pairs.stream().filter(Pair::correct).count();
    double p = (right + 0.5) / (pairs.size() + 1);
    return new Calibration(
        0, 0, 0, noFault, inconclusive, new Calibration.Isotonic(List.of(0.0), List.of(p)), on);
  }

  /**
   * The pairs of a suite investigated with {@link Calibration#identity}, whose reported confidences
   * are the raw scores: every episode whose report named a candidate, its top score, the margin to
   * the second, and whether the top is the root-cause service (never on a control).
   */
  public static List<Pair> pairs(List<EpisodeResult> results) {
    List<Pair> out = new ArrayList<>();
    for (EpisodeResult r : results) {
      if (!r.error().isEmpty() || r.ranked().isEmpty()) {
        continue;
      }
      double top = r.ranked().get(0).confidence();
      double second = r.ranked().size() > 1 ? r.ranked().get(1).confidence() : 0;
      out.add(new Pair(top, top - second, !r.control() && r.top1()));
    }
    return out;
  }

  static double loss(double p, boolean y) {
    double q = Math.max(EPS, Math.min(1 - EPS, p));
    return y ? -Math.log(q) : -Math.log(1 - q);
  }

  /** Platt scaling on (score, margin) by Newton's method with a small ridge for stability. */
  static Calibration platt(List<Pair> pairs, double noFault, double inconclusive, String on) {
    long pos = pairs.stream().filter(Pair::correct).count();
    long neg = pairs.size() - pos;
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double[] w = new double[3];
    double prev = objective(pairs, w, hi, lo);
    for (int iter = 0; iter < 100; iter++) {
      double[] g = new double[3];
      double[][] h = new double[3][3];
      for (Pair p : pairs) {
        double[] x = {p.score(), p.margin(), 1};
        double q = sigmoid(dot(w, x));
        double t = p.correct() ? hi : lo;
        for (int i = 0; i < 3; i++) {
          g[i] += (q - t) * x[i];
          for (int j = 0; j < 3; j++) {
            h[i][j] += q * (1 - q) * x[i] * x[j];
          }
        }
      }
      for (int i = 0; i < 3; i++) {
        g[i] += RIDGE * w[i];
        h[i][i] += RIDGE;
      }
      double[] step = solve(h, g);
      // Backtracking: halve the Newton step until the objective does not grow.
      double scale = 1;
      double[] next = w;
      double cur = prev;
      for (int half = 0; half < 30; half++) {
        double[] cand = {w[0] - scale * step[0], w[1] - scale * step[1], w[2] - scale * step[2]};
        double o = objective(pairs, cand, hi, lo);
        if (o <= prev) {
          next = cand;
          cur = o;
          break;
        }
        scale /= 2;
      }
      boolean converged = prev - cur < 1e-10;
      w = next;
      prev = cur;
      if (converged) {
        break;
      }
    }
    return new Calibration(w[0], w[1], w[2], noFault, inconclusive, null, on);
  }

  private static double objective(List<Pair> pairs, double[] w, double hi, double lo) {
    double o = 0;
    for (Pair p : pairs) {
      double z = dot(w, new double[] {p.score(), p.margin(), 1});
      double t = p.correct() ? hi : lo;
      // Cross-entropy with soft target t, written stably: log(1+e^z) − t·z.
      o += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - t * z;
    }
    return o + 0.5 * RIDGE * dot(w, w);
  }

  /** Isotonic regression of correctness on score by pool-adjacent-violators. */
  static Calibration isotonic(List<Pair> pairs, double noFault, double inconclusive, String on) {
    List<Pair> sorted = new ArrayList<>(pairs);
    sorted.sort(Comparator.comparingDouble(Pair::score));
    // Blocks: [sum of scores, sum of outcomes, count]; equal scores start in one block.
    List<double[]> blocks = new ArrayList<>();
    double prevScore = Double.NaN;
    for (Pair p : sorted) {
      double y = p.correct() ? 1 : 0;
      double[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
      boolean tie = p.score() == prevScore;
      prevScore = p.score();
      if (tie) {
        last[0] += p.score();
        last[1] += y;
        last[2]++;
      } else {
        blocks.add(new double[] {p.score(), y, 1});
      }
      while (blocks.size() > 1) {
        double[] b = blocks.get(blocks.size() - 1);
        double[] a = blocks.get(blocks.size() - 2);
        if (a[1] / a[2] < b[1] / b[2]) {
          break;
        }
        a[0] += b[0];
        a[1] += b[1];
        a[2] += b[2];
        blocks.remove(blocks.size() - 1);
      }
    }
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    double floor = 0;
    for (double[] b : blocks) {
      double y = Math.max(floor, (b[1] + 0.5) / (b[2] + 1));
      floor = y;
      xs.add(b[0] / b[2]);
      ys.add(y);
    }
    return new Calibration(0, 0, 0, noFault, inconclusive, new Calibration.Isotonic(xs, ys), on);
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Solves the 3×3 system h·x = g by Gaussian elimination with partial pivoting. */
  static double[] solve(double[][] h, double[] g) {
    int n = g.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(h[i], 0, m[i], 0, n);
      m[i][n] = g[i];
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
          piv = r;
        }
      }
      double[] tmp = m[c];
      m[c] = m[piv];
      m[piv] = tmp;
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= m[r][k] * x[k];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }
}
