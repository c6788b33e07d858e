package dev.warroom.experts.metrics.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warroom.experts.metrics.StreamingDetector;
import dev.warroom.model.SharedDatasets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Leave-one-category-out on the shared NAB dev corpus, with the first two grid entries. */
class NabLeaveOneCategoryOutTest {

  @Test
  void scoresEachDevCategoryWithSettingsChosenOnTheOther() {
    Optional<Path> nab = SharedDatasets.find("nab");
    if (SharedDatasets.inCi()) {
      assertThat(nab).as("dataset nab must be present under CI").isPresent();
    }
    assumeTrue(nab.isPresent(), "dataset nab absent, skipping");
    NabCorpus corpus = NabCorpus.load(nab.get());
    List<StreamingDetector.Config> grid = NabLeaveOneCategoryOut.grid().subList(0, 2);
    NabLeaveOneCategoryOut.Result r =
        NabLeaveOneCategoryOut.run(
            corpus, grid, c -> WarroomNabDetector.scores(corpus, new StreamingDetector(c)));
    assertThat(r.folds())
        .extracting(NabLeaveOneCategoryOut.Fold::heldOut)
        .containsExactly("artificialWithAnomaly", "realAWSCloudwatch");
    for (NabLeaveOneCategoryOut.Fold f : r.folds()) {
      assertThat(f.training()).doesNotContain(f.heldOut()).isNotEmpty();
      // every held-out file is scored, each with its fold's threshold
      f.heldOutScores()
          .values()
          .forEach(
              files ->
                  assertThat(files)
                      .allSatisfy(fs -> assertThat(fs.relativePath()).startsWith(f.heldOut())));
    }
    int heldOutFiles =
        r.folds().stream().mapToInt(f -> f.heldOutScores().get("standard").size()).sum();
    assertThat(heldOutFiles).isEqualTo(corpus.files().size());
    ProfileScore loco =
        r.loco().stream().filter(p -> p.profile().equals("standard")).findFirst().orElseThrow();
    // measured 60.8 with the full grid (docs/metrics.md; 46.2 before the calibrated score); the
    // honest figure is below all-in
    assertThat(loco.normalizedScore())
        .isBetween(57.0, r.allIn().profile("standard").normalizedScore());
  }
}
