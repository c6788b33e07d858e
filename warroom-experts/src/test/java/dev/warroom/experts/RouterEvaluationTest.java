package dev.warroom.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warroom.model.SharedDatasets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterEvaluationTest {

  @Test
  void heldOutAccuracyIsAtLeast98PercentOnSyntheticAndPublicData() throws Exception {
    Optional<Path> loghub = SharedDatasets.find("loghub-2k");
    assumeTrue(loghub.isPresent() || SharedDatasets.inCi(), "shared datasets absent, skipping");
    if (loghub.isEmpty()) {
      fail("shared datasets missing under CI");
    }
    RouterEvaluation.Result r = RouterEvaluation.run(loghub.get().getParent());
    assertThat(r.bySource())
        .extracting(RouterEvaluation.Score::group)
        .contains("loghub/HDFS", "loghub/Linux", "nab", "petshop", "synthetic");
    assertThat(r.accuracy()).isGreaterThanOrEqualTo(0.98);
    assertThat(r.testExamples()).isGreaterThan(3000);
  }

  @Test
  void corpusSplitsNeverShareASyntheticSample() {
    var train = RouterCorpus.synthetic(RouterCorpus.TRAIN_SEED, 20);
    var test = RouterCorpus.synthetic(RouterCorpus.TEST_SEED, 20);
    var texts = new java.util.HashSet<String>();
    train.forEach(s -> texts.add(s.text()));
    assertThat(test).noneMatch(s -> texts.contains(s.text()));
    assertThat(train).hasSize(20 * InputKind.values().length);
  }
}
