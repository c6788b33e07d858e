package dev.warroom.experts.metrics.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NabScorerTest {
  private static final CostProfile STANDARD = CostProfile.standard();

  /** 1000 rows a minute apart, probation 150 rows, one window over rows [500, 599]. */
  private static NabDataFile file() {
    long[] ts = new long[1000];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = 1_400_000_000L + 60L * i;
    }
    return new NabDataFile(
        "dir/f.csv", ts, new double[1000], List.of(new NabWindow(ts[500], ts[599])));
  }

  private static double[] detectionsAt(int... rows) {
    double[] s = new double[1000];
    for (int r : rows) {
      s[r] = 1.0;
    }
    return s;
  }

  @Test
  void detectionAtWindowStartEarnsTheFullTruePositiveWeight() {
    FileScore fs = NabScorer.score(file(), detectionsAt(500), 0.5, STANDARD);
    assertThat(fs.score()).isCloseTo(1.0, within(1e-12));
    assertThat(fs.rowScores()[500]).isCloseTo(1.0, within(1e-12));
    assertThat(fs.tp()).isEqualTo(1);
  }

  @Test
  void laterDetectionEarnsLessAndOnlyTheFirstCounts() {
    double early = NabScorer.score(file(), detectionsAt(520), 0.5, STANDARD).score();
    double late = NabScorer.score(file(), detectionsAt(590), 0.5, STANDARD).score();
    double both = NabScorer.score(file(), detectionsAt(520, 590), 0.5, STANDARD).score();
    assertThat(early).isGreaterThan(late).isGreaterThan(0);
    assertThat(both).isCloseTo(early, within(1e-12));
  }

  @Test
  void missedWindowCostsTheFalseNegativeWeight() {
    FileScore fs = NabScorer.score(file(), detectionsAt(), 0.5, STANDARD);
    assertThat(fs.score()).isEqualTo(-1.0);
    assertThat(fs.rowScores()[500]).isEqualTo(-1.0);
  }

  @Test
  void falsePositiveBeforeAnyWindowCostsTheFullWeightAndOneJustAfterIsForgivenMore() {
    double before = NabScorer.score(file(), detectionsAt(300), 0.5, STANDARD).score() + 1.0;
    double justAfter = NabScorer.score(file(), detectionsAt(605), 0.5, STANDARD).score() + 1.0;
    double farAfter = NabScorer.score(file(), detectionsAt(990), 0.5, STANDARD).score() + 1.0;
    assertThat(before).isCloseTo(-0.11, within(1e-12));
    assertThat(justAfter).isGreaterThan(farAfter).isLessThan(0);
    assertThat(farAfter).isCloseTo(-0.11, within(1e-12));
  }

  @Test
  void detectionsInTheProbationaryPeriodAreIgnored() {
    FileScore fs = NabScorer.score(file(), detectionsAt(10, 149), 0.5, STANDARD);
    assertThat(fs.score()).isEqualTo(-1.0);
    assertThat(fs.fp()).isZero();
    assertThat(fs.total()).isEqualTo(850);
  }

  @Test
  void sweepFindsTheBestThresholdOfABruteForceSearch() {
    NabDataFile f = file();
    SplittableRandom random = new SplittableRandom(7);
    double[] s = new double[1000];
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.round(random.nextDouble() * 50) / 50.0;
    }
    s[540] = 0.99;
    Map<String, double[]> scores = new HashMap<>(Map.of(f.relativePath(), s));
    ThresholdChoice choice = ThresholdOptimizer.sweep(List.of(f), scores, STANDARD);
    double best = Double.NEGATIVE_INFINITY;
    List<Double> candidates = new ArrayList<>(new TreeSet<>(List.of(1.1)));
    for (double v : s) {
      candidates.add(v);
    }
    for (double t : candidates) {
      best = Math.max(best, NabScorer.score(f, s, t, STANDARD).score());
    }
    assertThat(choice.score()).isCloseTo(best, within(1e-9));
    assertThat(NabScorer.score(f, s, choice.threshold(), STANDARD).score())
        .isCloseTo(choice.score(), within(1e-9));
  }

  @Test
  void rejectsScoresOfTheWrongLength() {
    assertThatThrownBy(() -> NabScorer.score(file(), new double[3], 0.5, STANDARD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dir/f.csv")
        .hasMessageContaining("3 anomaly scores for 1000 rows");
  }
}
