package dev.warroom.experts.metrics;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Seeded synthetic metric series with known changes, for tests and benchmarks: a daily sine on a
 * per-series level plus Gaussian noise, and for chosen series a level shift of {@code shiftSigmas}
 * noise sigmas from a known index on.
 */
public final class SyntheticSeries {
  private SyntheticSeries() {}

  /**
   * {@code count} series of {@code points} samples every {@code stepMillis} from {@code
   * startMillis}; every {@code shiftEvery}-th series (0 for none) shifts up by {@code shiftSigmas}
   * from index {@code shiftAt}. Series are labelled {@code service="svc-<i % 50>", pod="pod-<i>"}.
   */
  public static List<MetricSeries> generate(
      RandomGenerator random,
      int count,
      int points,
      long startMillis,
      long stepMillis,
      int shiftEvery,
      int shiftAt,
      double shiftSigmas) {
    if (count < 0 || points < 1 || stepMillis < 1) {
      throw new IllegalArgumentException("count >= 0, points >= 1 and stepMillis >= 1 required");
    }
    long[] ts = new long[points];
    for (int i = 0; i < points; i++) {
      ts[i] = startMillis + i * stepMillis;
    }
    double perDay = 86_400_000.0 / stepMillis;
    List<MetricSeries> out = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      double level = 10 + 90 * random.nextDouble();
      double amplitude = level * 0.2 * random.nextDouble();
      double noise = level * 0.02 + 0.1;
      double phase = random.nextDouble() * 2 * Math.PI;
      boolean shifted = shiftEvery > 0 && s % shiftEvery == 0;
      double[] v = new double[points];
      for (int i = 0; i < points; i++) {
        v[i] =
            level
                + amplitude * Math.sin(2 * Math.PI * i / perDay + phase)
                + noise * random.nextGaussian()
                + (shifted && i >= shiftAt ? shiftSigmas * noise : 0);
      }
      out.add(
          new MetricSeries(
              SeriesKey.of("cpu_usage", "service", "svc-" + (s % 50), "pod", "pod-" + s), ts, v));
    }
    return out;
  }
}
