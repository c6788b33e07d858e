package dev.warroom.gym;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Request load as a multiple of the daily mean: a two-peak daily profile (late-morning and evening
 * peaks, a night trough at ~25%), a weekend dip, mean-reverting noise (an Ornstein-Uhlenbeck
 * process, so short steps stay correlated) and occasional bursts (Poisson arrivals, 2-12 minutes,
 * x1.2-x1.7). Called step by step in time order; the noise state advances with each call.
 */
final class Workload {
  private record Burst(long startMillis, long endMillis, double factor) {}

  private final RandomGenerator rnd;
  private final double utcOffsetHours;
  private final List<Burst> bursts = new ArrayList<>();
  private double noise;
  private long lastMillis = Long.MIN_VALUE;

  Workload(RandomGenerator rnd, long fromMillis, long toMillis, double burstsPerDay) {
    this.rnd = rnd;
    this.utcOffsetHours = -6 + rnd.nextInt(13);
    long t = fromMillis;
    double meanGapMillis = 86_400_000.0 / burstsPerDay;
    while (true) {
      t += (long) (-Math.log(1 - rnd.nextDouble()) * meanGapMillis);
      if (t >= toMillis) {
        break;
      }
      long len = (2 + rnd.nextInt(11)) * 60_000L;
      bursts.add(new Burst(t, t + len, 1.2 + 0.5 * rnd.nextDouble()));
    }
  }

  /** Adds a burst (used by control episodes and the autoscaler fault). */
  void addBurst(long startMillis, long endMillis, double factor) {
    bursts.add(new Burst(startMillis, endMillis, factor));
  }

  /** The deterministic daily/weekly profile at a time, without noise or bursts. */
  double seasonal(long tMillis) {
    double hours = ((tMillis / 3_600_000.0) + utcOffsetHours) % 24;
    if (hours < 0) {
      hours += 24;
    }
    double morning = Math.exp(-Math.pow((hours - 11) / 2.6, 2));
    double evening = 0.85 * Math.exp(-Math.pow((hours - 20) / 2.2, 2));
    double level = 0.25 + 1.25 * Math.max(morning, evening) + 0.35 * Math.min(morning + evening, 1);
    long day = Math.floorDiv(tMillis + (long) (utcOffsetHours * 3_600_000), 86_400_000L);
    long dow = Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday: 0 = Monday
    return level * (dow >= 5 ? 0.72 : 1.0);
  }

  /** Load factor at {@code tMillis}; must be called with increasing times. */
  double factor(long tMillis) {
    double dt = lastMillis == Long.MIN_VALUE ? 60 : (tMillis - lastMillis) / 1000.0;
    lastMillis = tMillis;
    // Ornstein-Uhlenbeck with a 10-minute time constant and ~6% stationary deviation
    double theta = 1.0 / 600;
    double decay = Math.exp(-theta * dt);
    noise = noise * decay + 0.06 * Math.sqrt(1 - decay * decay) * rnd.nextGaussian();
    double f = seasonal(tMillis) * (1 + noise);
    for (Burst b : bursts) {
      if (tMillis >= b.startMillis() && tMillis < b.endMillis()) {
        f *= b.factor();
      }
    }
    return Math.max(0.05, f);
  }
}
