package dev.warroom.experts.metrics;

import dev.warroom.model.MetricSeries;

/**
 * Cumulative counters as per-second rates, the way Prometheus' {@code rate()} reads them: a raw
 * counter only ever grows, so against its own history any later point looks like a rise. A series
 * is a counter when its name carries an OpenMetrics counter suffix ({@code _total}, {@code _count},
 * {@code _sum}, {@code _bucket}) and it does not decrease in at least 95% of its steps; a decrease
 * is a counter reset (a restarted process), where the increase is the new value itself.
 */
final class CounterRates {
  private CounterRates() {}

  static boolean isCounter(MetricSeries s) {
    String name = s.key().name();
    if (!(name.endsWith("_total")
        || name.endsWith("_count")
        || name.endsWith("_sum")
        || name.endsWith("_bucket"))) {
      return false;
    }
    int steps = 0;
    int decreases = 0;
    for (int i = 1; i < s.size(); i++) {
      double a = s.valueAt(i - 1);
      double b = s.valueAt(i);
      if (!Double.isNaN(a) && !Double.isNaN(b)) {
        steps++;
        if (b < a) {
          decreases++;
        }
      }
    }
    return steps > 0 && decreases <= 0.05 * steps;
  }

  /** The series itself, or its per-second rate (one point fewer) when it is a counter. */
  static MetricSeries asRate(MetricSeries s) {
    if (s.size() < 2 || !isCounter(s)) {
      return s;
    }
    long[] ts = new long[s.size() - 1];
    double[] v = new double[s.size() - 1];
    for (int i = 1; i < s.size(); i++) {
      double a = s.valueAt(i - 1);
      double b = s.valueAt(i);
      double dt = (s.timestampAt(i) - s.timestampAt(i - 1)) / 1000.0;
      ts[i - 1] = s.timestampAt(i);
      v[i - 1] = Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : (b >= a ? b - a : b) / dt;
    }
    return new MetricSeries(s.key(), ts, v);
  }
}
