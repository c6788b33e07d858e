package dev.warroom.experts.metrics.nab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks this scorer against what NAB published for a detector: its anomaly scores rescored at
 * NAB's published threshold must reproduce, row by row, the {@code S(t)_<profile>} columns of NAB's
 * results files.
 */
public final class NabReproduction {
  /** Rows whose |mine − NAB's| is at most this count as equal (NAB prints 12 digits). */
  public static final double TOLERANCE = 1e-9;

  private NabReproduction() {}

  /** One profile's comparison. */
  public record ProfileCheck(
      String profile,
      double publishedThreshold,
      int rowsCompared,
      int rowsMatching,
      double maxAbsDifference,
      double subsetRawScore,
      double subsetNormalizedScore) {}

  /** A detector's comparison over all profiles. */
  public record Result(String detector, List<ProfileCheck> profiles) {
    public Result {
      profiles = List.copyOf(profiles);
    }

    public boolean exact() {
      return profiles.stream().allMatch(p -> p.rowsMatching() == p.rowsCompared());
    }
  }

  /** Detectors that have both results files and a published threshold in the corpus folder. */
  public static List<String> publishedDetectors(NabCorpus corpus) {
    Path results = corpus.root().resolve("results");
    Path thresholds = corpus.root().resolve("config/thresholds.json");
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(results) || !Files.isRegularFile(thresholds)) {
      return out;
    }
    Map<String, Map<String, ThresholdChoice>> published = NabResults.thresholds(thresholds);
    for (String d : published.keySet().stream().sorted().toList()) {
      if (Files.isDirectory(results.resolve(d))) {
        out.add(d);
      }
    }
    return out;
  }

  public static Result check(NabCorpus corpus, String detector) {
    Map<String, ThresholdChoice> published =
        NabResults.thresholds(corpus.root().resolve("config/thresholds.json")).get(detector);
    if (published == null) {
      throw new IllegalArgumentException("no published thresholds for detector " + detector);
    }
    Map<String, NabResults.ResultsFile> results = NabResults.read(corpus, detector);
    corpus =
        new NabCorpus(
            corpus.root(),
            corpus.files().stream().filter(f -> results.containsKey(f.relativePath())).toList(),
            corpus.profiles());
    if (corpus.files().isEmpty()) {
      return new Result(detector, List.of());
    }
    Map<String, double[]> scores = new HashMap<>();
    results.forEach((k, v) -> scores.put(k, v.anomalyScores()));
    Map<String, Double> thresholds = new HashMap<>();
    published.forEach((k, v) -> thresholds.put(k, v.threshold()));
    NabReport report = NabEvaluation.evaluateAt(corpus, detector, scores, thresholds);
    List<ProfileCheck> checks = new ArrayList<>();
    for (ProfileScore ps : report.profiles()) {
      int compared = 0;
      int matching = 0;
      double maxDiff = 0;
      for (FileScore fs : ps.files()) {
        double[] theirs = results.get(fs.relativePath()).st().get(ps.profile());
        if (theirs == null) {
          continue;
        }
        double[] mine = fs.rowScores();
        for (int i = 0; i < mine.length; i++) {
          double d = Math.abs(mine[i] - theirs[i]);
          maxDiff = Math.max(maxDiff, d);
          compared++;
          matching += d <= TOLERANCE ? 1 : 0;
        }
      }
      checks.add(
          new ProfileCheck(
              ps.profile(),
              ps.threshold(),
              compared,
              matching,
              maxDiff,
              ps.rawScore(),
              ps.normalizedScore()));
    }
    return new Result(detector, checks);
  }
}
