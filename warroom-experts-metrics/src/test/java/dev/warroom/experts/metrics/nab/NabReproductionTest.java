package dev.warroom.experts.metrics.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warroom.model.SharedDatasets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves the scorer against NAB's own published output: for the numenta HTM and null detectors,
 * scoring their published anomaly scores at NAB's published thresholds must give, row by row, the
 * {@code S(t)_<profile>} columns NAB wrote into its results files.
 */
class NabReproductionTest {
  private static NabCorpus corpus;
  private static Map<String, Map<String, ThresholdChoice>> published;

  @BeforeAll
  static void load() {
    Optional<Path> nab = SharedDatasets.find("nab");
    if (SharedDatasets.inCi()) {
      assertThat(nab).as("dataset nab must be present under CI").isPresent();
    }
    assumeTrue(nab.isPresent(), "dataset nab absent, skipping");
    corpus = NabCorpus.load(nab.get());
    published = NabResults.thresholds(nab.get().resolve("config/thresholds.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"numenta", "null"})
  void reproducesPublishedPerRowScoresForEveryProfile(String detector) {
    Map<String, NabResults.ResultsFile> results = NabResults.read(corpus, detector);
    int compared = 0;
    int nonZero = 0;
    for (CostProfile p : corpus.profiles()) {
      double threshold = published.get(detector).get(p.name()).threshold();
      for (NabDataFile f : corpus.files()) {
        NabResults.ResultsFile r = results.get(f.relativePath());
        double[] mine = NabScorer.score(f, r.anomalyScores(), threshold, p).rowScores();
        double[] theirs = r.st().get(p.name());
        for (int i = 0; i < mine.length; i++) {
          assertThat(mine[i])
              .as("%s %s %s row %d", detector, p.name(), f.relativePath(), i)
              .isCloseTo(theirs[i], within(1e-9));
          compared++;
          nonZero += theirs[i] != 0 ? 1 : 0;
        }
      }
    }
    assertThat(compared).isGreaterThan(3 * 90_000);
    assertThat(nonZero).as("rows with a published contribution").isGreaterThan(3 * 36 - 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"numenta", "null"})
  void subsetScoresAtPublishedThresholdsAreSumsOfPublishedRows(String detector) {
    Map<String, NabResults.ResultsFile> results = NabResults.read(corpus, detector);
    Map<String, double[]> scores = new HashMap<>();
    results.forEach((k, v) -> scores.put(k, v.anomalyScores()));
    Map<String, Double> thresholds = new HashMap<>();
    published.get(detector).forEach((k, v) -> thresholds.put(k, v.threshold()));
    NabReport report = NabEvaluation.evaluateAt(corpus, detector, scores, thresholds);
    for (ProfileScore ps : report.profiles()) {
      double publishedSum = 0;
      for (NabResults.ResultsFile r : results.values()) {
        for (double v : r.st().get(ps.profile())) {
          publishedSum += v;
        }
      }
      assertThat(ps.rawScore()).isCloseTo(publishedSum, within(1e-6));
    }
  }
}
