package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HoltWintersTest {
  @Test
  void forecastsASeasonalSeriesWithTrendBetterThanSeasonalNaive() {
    SplittableRandom r = new SplittableRandom(3);
    int period = 48;
    double[] x = new double[period * 10];
    for (int i = 0; i < x.length; i++) {
      x[i] = 100 + 0.05 * i + 10 * Math.sin(2 * Math.PI * i / period) + 0.5 * r.nextGaussian();
    }
    double[] train = Arrays.copyOf(x, x.length - period);
    double[] actual = Arrays.copyOfRange(x, x.length - period, x.length);
    double hw = HoltWinters.mape(actual, HoltWinters.fit(train, period).forecast(period));
    double naive = HoltWinters.mape(actual, HoltWinters.seasonalNaive(train, period, period));
    assertThat(hw).isLessThan(1.5).isLessThan(naive);
  }

  @Test
  void mapeSkipsZeroActualsAndIsInPercent() {
    assertThat(HoltWinters.mape(new double[] {0, 100, 200}, new double[] {5, 110, 180}))
        .isCloseTo(10.0, within(1e-12));
  }

  @Test
  void rejectsTooShortTrainingData() {
    assertThatThrownBy(() -> HoltWinters.fit(new double[10], 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two seasons");
  }
}
