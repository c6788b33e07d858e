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
  void choosesNoSeasonForANoisyLevelWhereYesterdaysNoiseWouldBeCopied() {
    SplittableRandom r = new SplittableRandom(11);
    int period = 48;
    double[] x = new double[period * 8];
    for (int i = 0; i < x.length; i++) {
      x[i] = 50 + 8 * r.nextGaussian();
    }
    double[] train = Arrays.copyOf(x, x.length - period);
    double[] actual = Arrays.copyOfRange(x, x.length - period, x.length);
    HoltWinters model = HoltWinters.fit(train, period);
    double naive = HoltWinters.mape(actual, HoltWinters.seasonalNaive(train, period, period));
    assertThat(model.seasonal()).as(model.toString()).isFalse();
    // the best possible forecast (the level, 50) has an expected MAPE of 8·√(2/π)/50 ≈ 12.8 %
    assertThat(HoltWinters.mape(actual, model.forecast(period))).isLessThan(naive).isLessThan(14);
  }

  @Test
  void choosesAMultiplicativeSeasonWhenTheDailySwingGrowsWithTheLevel() {
    SplittableRandom r = new SplittableRandom(5);
    int period = 48;
    double[] x = new double[period * 10];
    for (int i = 0; i < x.length; i++) {
      double level = 20 * Math.exp(0.004 * i);
      x[i] = level * (1 + 0.6 * Math.sin(2 * Math.PI * i / period)) * (1 + 0.01 * r.nextGaussian());
    }
    double[] train = Arrays.copyOf(x, x.length - period);
    double[] actual = Arrays.copyOfRange(x, x.length - period, x.length);
    HoltWinters model = HoltWinters.fit(train, period);
    assertThat(model.multiplicative()).as(model.toString()).isTrue();
    assertThat(HoltWinters.mape(actual, model.forecast(period)))
        .isLessThan(HoltWinters.mape(actual, HoltWinters.seasonalNaive(train, period, period)));
  }

  @Test
  void seasonIsAWeekOnlyWhenThreeWeeksOfDataCoverIt() {
    assertThat(HoltWinters.seasonalPeriod(300, 13 * 288)).isEqualTo(288);
    assertThat(HoltWinters.seasonalPeriod(300, 21 * 288)).isEqualTo(7 * 288);
    assertThat(HoltWinters.seasonalPeriod(3600, 30 * 24)).isEqualTo(7 * 24);
    assertThatThrownBy(() -> HoltWinters.seasonalPeriod(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stepSeconds");
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
