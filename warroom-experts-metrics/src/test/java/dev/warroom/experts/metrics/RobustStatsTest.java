package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RobustStatsTest {
  @Test
  void selectionQuantilesEqualSortedQuantilesIncludingTies() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(300);
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = trial % 2 == 0 ? r.nextGaussian() : r.nextInt(5);
      }
      double[] sorted = a.clone();
      Arrays.sort(sorted);
      double[] q = RobustStats.quantilesBySelection(a.clone(), n, 0.25, 0.5, 0.75);
      assertThat(q[0]).isCloseTo(RobustStats.quantile(sorted, n, 0.25), within(1e-12));
      assertThat(q[1]).isCloseTo(RobustStats.quantile(sorted, n, 0.5), within(1e-12));
      assertThat(q[2]).isCloseTo(RobustStats.quantile(sorted, n, 0.75), within(1e-12));
    }
  }
}
