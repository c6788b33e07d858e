package dev.warroom.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationMetricsTest {
  private static CalibrationMetrics.Outcome o(double p, boolean y) {
    return new CalibrationMetrics.Outcome(p, y);
  }

  @Test
  void computesBrierAndEceByHand() {
    // Bin 9 (0.9..1]: 0.9 right, 0.95 wrong → mean conf 0.925, accuracy 0.5.
    // Bin 2: 0.2 wrong → conf 0.2, accuracy 0.
    var m = CalibrationMetrics.of(List.of(o(0.9, true), o(0.95, false), o(0.2, false)), 10);
    assertThat(m.brier()).isCloseTo((0.01 + 0.9025 + 0.04) / 3, within(1e-12));
    assertThat(m.ece()).isCloseTo(2.0 / 3 * 0.425 + 1.0 / 3 * 0.2, within(1e-12));
    assertThat(m.bins()).hasSize(10);
    assertThat(m.bins().get(9).count()).isEqualTo(2);
    assertThat(m.bins().get(9).accuracy()).isEqualTo(0.5);
    assertThat(m.bins().get(2).meanConfidence()).isEqualTo(0.2);
    assertThat(m.bins().get(5).count()).isZero();
  }

  @Test
  void aCalibratedForecasterHasSmallEceAndAnOverconfidentOneLarge() {
    Random r = new Random(3);
    List<CalibrationMetrics.Outcome> calibrated = new ArrayList<>();
    List<CalibrationMetrics.Outcome> overconfident = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      double p = r.nextDouble();
      boolean y = r.nextDouble() < p;
      calibrated.add(o(p, y));
      overconfident.add(o(Math.min(1, 0.5 + p / 2 + 0.25), y));
    }
    assertThat(CalibrationMetrics.of(calibrated, 10).ece()).isLessThan(0.02);
    assertThat(CalibrationMetrics.of(overconfident, 10).ece()).isGreaterThan(0.2);
  }

  @Test
  void isNanWithoutOutcomes() {
    var m = CalibrationMetrics.of(List.of(), 10);
    assertThat(m.brier()).isNaN();
    assertThat(m.pairs()).isZero();
  }
}
