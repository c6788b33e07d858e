package dev.warroom.engine.director;

/**
 * Maps the fused score of the top candidate and its margin over the runner-up to a probability that
 * it is the root cause: Platt scaling (Platt 1999), {@code p = 1 / (1 + exp(-(a·score + b·margin +
 * c)))}. The constants are fitted by logistic regression on gym episodes (see {@link #DEFAULT}'s
 * Javadoc for the seeds); a calibrated 0.8 means "right about 8 times in 10" on that distribution.
 *
 * @param a weight of the top fused score
 * @param b weight of the margin to the second candidate
 * @param c intercept
 * @param noFaultBelow top fused score under which the verdict is "no root cause found"
 * @param inconclusiveBelow calibrated probability under which the verdict is inconclusive
 */
public record Calibration(
    double a, double b, double c, double noFaultBelow, double inconclusiveBelow) {
  public Calibration {
    if (!(noFaultBelow >= 0 && noFaultBelow <= 1)) {
      throw new IllegalArgumentException("noFaultBelow not in [0,1]: " + noFaultBelow);
    }
    if (!(inconclusiveBelow >= 0 && inconclusiveBelow <= 1)) {
      throw new IllegalArgumentException("inconclusiveBelow not in [0,1]: " + inconclusiveBelow);
    }
  }

  /**
   * The shipped constants. Provisional values chosen by hand before fitting; replaced by the fit on
   * gym training seeds when {@code warroom gym eval --fit} is run (documented in docs/engine.md).
   */
  public static final Calibration DEFAULT = new Calibration(4.0, 3.0, -2.0, 0.35, 0.3);

  /** The calibrated probability for a top score and its margin over the second. */
  public double probability(double topScore, double margin) {
    double z = a * topScore + b * margin + c;
    return 1.0 / (1.0 + Math.exp(-z));
  }
}
