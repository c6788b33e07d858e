package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import org.junit.jupiter.api.Test;

class BaselineBandTest {
  @Test
  void bandFollowsTheTimeOfDayAndContainsNormalValues() {
    int n = 288 * 5;
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_700_000_000_000L + i * 300_000L;
    }
    double[] v = StreamingDetectorTest.seasonal(9, n, 0);
    v = java.util.Arrays.copyOf(v, n);
    BaselineBand band = BaselineBand.of(new MetricSeries(SeriesKey.of("rps"), ts, v), 4);
    assertThat(band.label()).isEqualTo("calculated from the past 4 days");
    assertThat(band.median()[100]).isNaN();
    int inside = 0;
    for (int i = 288 * 4; i < n; i++) {
      if (v[i] >= band.lower()[i] && v[i] <= band.upper()[i]) {
        inside++;
      }
    }
    assertThat(inside).isGreaterThan(280);
    // the band's centre tracks the daily sine: high at the peak, low at the trough
    assertThat(band.median()[288 * 4 + 72]).isGreaterThan(65);
    assertThat(band.median()[288 * 4 + 216]).isLessThan(35);
  }
}
