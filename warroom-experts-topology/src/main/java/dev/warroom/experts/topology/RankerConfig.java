package dev.warroom.experts.topology;

/**
 * Parameters of the anomaly-weighted random walk of {@link RootCauseRanker}.
 *
 * @param restartProbability probability that the walker jumps back to the anomalous components (the
 *     personalisation vector) at each step; 0.15 is PageRank's classic damping complement
 * @param backwardWeight weight of walking from a callee back to its caller, relative to walking
 *     from a caller to an anomalous callee (MicroCause and CloudRanger use such backward edges so
 *     that a walker is not trapped in a normal leaf)
 * @param iterations power-iteration steps; the walk over a few hundred nodes converges well within
 *     100
 */
public record RankerConfig(double restartProbability, double backwardWeight, int iterations) {
  public RankerConfig {
    if (!(restartProbability > 0 && restartProbability < 1)) {
      throw new IllegalArgumentException("restartProbability not in (0,1): " + restartProbability);
    }
    if (!(backwardWeight >= 0 && backwardWeight <= 1)) {
      throw new IllegalArgumentException("backwardWeight not in [0,1]: " + backwardWeight);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations < 1: " + iterations);
    }
  }

  /** The configuration used by every evaluation in this repository. */
  public static RankerConfig defaults() {
    return new RankerConfig(0.15, 0.3, 100);
  }
}
