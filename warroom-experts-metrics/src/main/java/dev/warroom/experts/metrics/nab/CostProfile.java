package dev.warroom.experts.metrics.nab;

import java.util.Objects;

/**
 * One NAB application profile ({@code config/profiles.json}): how much a true positive, a false
 * positive and a missed window weigh. NAB ships three: {@code standard} (tp 1, fp 0.11, fn 1),
 * {@code reward_low_FP_rate} (fp 0.22) and {@code reward_low_FN_rate} (fn 2). The true-negative
 * weight exists in the file but NAB never uses it.
 */
public record CostProfile(String name, double tpWeight, double fpWeight, double fnWeight) {
  public CostProfile {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("blank profile name");
    }
    for (double w : new double[] {tpWeight, fpWeight, fnWeight}) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            name + ": weight not a finite non-negative number: " + w);
      }
    }
  }

  /** NAB's {@code standard} profile. */
  public static CostProfile standard() {
    return new CostProfile("standard", 1.0, 0.11, 1.0);
  }
}
