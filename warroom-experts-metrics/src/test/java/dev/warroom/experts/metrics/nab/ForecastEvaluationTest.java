package dev.warroom.experts.metrics.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warroom.model.SharedDatasets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForecastEvaluationTest {
  @Test
  void holtWintersBeatsSeasonalNaiveOnTheHeldBackDaysOfTheNabSubset() {
    Optional<Path> nab = SharedDatasets.find("nab");
    if (SharedDatasets.inCi()) {
      assertThat(nab).as("dataset nab must be present under CI").isPresent();
    }
    assumeTrue(nab.isPresent(), "dataset nab absent, skipping");
    ForecastEvaluation.Result r = ForecastEvaluation.onCorpus(NabCorpus.load(nab.get()));
    // measured 22.3 % vs 31.9 % when written (23 files, last day of each held back)
    assertThat(r.files()).hasSize(23);
    assertThat(r.medianHoltWintersMape()).isLessThan(25).isLessThan(r.medianNaiveMape());
    long wins = r.files().stream().filter(f -> f.holtWintersMape() < f.naiveMape()).count();
    assertThat(wins).isGreaterThan(r.files().size() / 2);
  }
}
