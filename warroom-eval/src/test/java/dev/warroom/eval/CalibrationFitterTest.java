package dev.warroom.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.engine.director.Calibration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationFitterTest {
  /** Pairs whose true probability of being right is {@code truth(score)}. */
  private static List<CalibrationFitter.Pair> sample(
      int n, long seed, java.util.function.DoubleUnaryOperator truth) {
    Random r = new Random(seed);
    List<CalibrationFitter.Pair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double s = r.nextDouble();
      out.add(new CalibrationFitter.Pair(s, s / 2, r.nextDouble() < truth.applyAsDouble(s)));
    }
    return out;
  }

  @Test
  void plattRecoversALogisticRelation() {
    // True model: p = sigmoid(6·score − 3), margin carries no extra information.
    var pairs = sample(4000, 1, s -> 1 / (1 + Math.exp(-(6 * s - 3))));
    Calibration c = CalibrationFitter.platt(pairs, 0.3, 0.3, "test");
    assertThat(c.probability(0.5, 0.25)).isCloseTo(0.5, within(0.05));
    assertThat(c.probability(0.9, 0.45)).isCloseTo(1 / (1 + Math.exp(-2.4)), within(0.05));
    assertThat(c.probability(0.1, 0.05)).isCloseTo(1 / (1 + Math.exp(2.4)), within(0.05));
  }

  @Test
  void isotonicIsMonotoneAndFollowsAStep() {
    // Right 10% of the time below 0.6, 90% above: a step no logistic curve fits well.
    var pairs = sample(3000, 2, s -> s < 0.6 ? 0.1 : 0.9);
    Calibration c = CalibrationFitter.isotonic(pairs, 0.3, 0.3, "test");
    List<Double> ps = c.isotonic().probabilities();
    for (int i = 1; i < ps.size(); i++) {
      assertThat(ps.get(i)).isGreaterThanOrEqualTo(ps.get(i - 1));
    }
    assertThat(c.probability(0.3, 0)).isCloseTo(0.1, within(0.05));
    assertThat(c.probability(0.8, 0)).isCloseTo(0.9, within(0.05));
  }

  @Test
  void picksTheMethodWithTheLowerCrossValidatedLogLoss() {
    // A plateau at 0.4, then a jump: a logistic curve cannot be flat at 0.4 and rise sharply.
    var step =
        CalibrationFitter.fit(sample(3000, 3, s -> s < 0.85 ? 0.4 : 0.98), 5, 7, 0.3, 0.3, "");
    assertThat(step.isotonicLogLoss()).isLessThan(step.plattLogLoss());
    assertThat(step.chosen()).isEqualTo("isotonic");

    var logistic =
        CalibrationFitter.fit(
            sample(300, 4, s -> 1 / (1 + Math.exp(-(4 * s - 2)))), 5, 7, 0.3, 0.3, "");
    assertThat(logistic.plattLogLoss()).isLessThan(logistic.isotonicLogLoss());
    assertThat(logistic.chosen()).isEqualTo("platt");
  }

  @Test
  void fallsBackToTheBaseRateWhenTheScoreSaysNothing() {
    // Right 60% of the time whatever the score.
    var fit = CalibrationFitter.fit(sample(400, 6, s -> 0.6), 5, 7, 0.3, 0.3, "");
    assertThat(fit.baseRateLogLoss()).isLessThanOrEqualTo(fit.plattLogLoss());
    assertThat(fit.chosen()).isEqualTo("base-rate");
    double p = fit.calibration().probability(0.1, 0);
    assertThat(fit.calibration().probability(0.95, 0.5)).isEqualTo(p);
    assertThat(p).isCloseTo(0.6, within(0.06));
  }

  @Test
  void poolsTiedScoresIntoOneBlock() {
    var pairs =
        List.of(
            new CalibrationFitter.Pair(0.5, 0, true),
            new CalibrationFitter.Pair(0.5, 0, false),
            new CalibrationFitter.Pair(0.9, 0, true));
    Calibration c = CalibrationFitter.isotonic(pairs, 0.3, 0.3, "");
    assertThat(c.isotonic().scores()).containsExactly(0.5, 0.9);
    assertThat(c.isotonic().probabilities().get(0)).isCloseTo(1.5 / 3, within(1e-12));
  }

  @Test
  void refusesTooFewOrOneSidedPairs() {
    var allRight = sample(50, 5, s -> 1.0);
    assertThatThrownBy(() -> CalibrationFitter.fit(allRight, 5, 1, 0.3, 0.3, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("right and wrong");
    assertThatThrownBy(() -> CalibrationFitter.fit(sample(6, 5, s -> 0.5), 5, 1, 0.3, 0.3, ""))
        .hasMessageContaining("at least 10");
  }
}
