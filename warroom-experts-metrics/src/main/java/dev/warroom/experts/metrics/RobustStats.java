package dev.warroom.experts.metrics;

import java.util.Arrays;

/** Median, MAD and quantiles of small samples; NaN values are skipped. */
final class RobustStats {
  /** 1 / Φ⁻¹(3/4): makes the MAD a consistent estimator of σ for normal data. */
  static final double MAD_TO_SIGMA = 1.4826;

  private RobustStats() {}

  /** Copies the finite values of {@code src[from, to)} into {@code buf} and sorts; the count. */
  static int sortedFinite(double[] src, int from, int to, double[] buf) {
    int n = 0;
    for (int i = from; i < to; i++) {
      double v = src[i];
      if (!Double.isNaN(v)) {
        buf[n++] = v;
      }
    }
    Arrays.sort(buf, 0, n);
    return n;
  }

  /** The q-quantile (linear interpolation) of the first {@code n} sorted values. */
  static double quantile(double[] sorted, int n, double q) {
    if (n == 0) {
      return Double.NaN;
    }
    double pos = q * (n - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  static double median(double[] sorted, int n) {
    return quantile(sorted, n, 0.5);
  }

  /** Median absolute deviation around {@code median}; {@code work} is scratch space. */
  static double mad(double[] sorted, int n, double median, double[] work) {
    for (int i = 0; i < n; i++) {
      work[i] = Math.abs(sorted[i] - median);
    }
    Arrays.sort(work, 0, n);
    return quantile(work, n, 0.5);
  }

  /**
   * The q-quantiles (linear interpolation, as {@link #quantile}) of {@code a[0, n)} for increasing
   * {@code qs}, by quickselect in expected O(n) instead of a sort; reorders {@code a}.
   */
  static double[] quantilesBySelection(double[] a, int n, double... qs) {
    double[] out = new double[qs.length];
    int from = 0;
    for (int i = 0; i < qs.length; i++) {
      double pos = qs[i] * (n - 1);
      int lo = (int) Math.floor(pos);
      select(a, from, n - 1, lo);
      double low = a[lo];
      double high = low;
      if (lo + 1 < n && pos > lo) {
        select(a, lo + 1, n - 1, lo + 1);
        high = a[lo + 1];
      }
      out[i] = low + (pos - lo) * (high - low);
      from = lo;
    }
    return out;
  }

  /** Hoare quickselect: afterwards a[k] holds the value it would hold if a[lo..hi] were sorted. */
  static void select(double[] a, int lo, int hi, int k) {
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      // median of three as pivot guards against sorted input
      double x = a[lo];
      double y = a[mid];
      double z = a[hi];
      double pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }
}
