package dev.warroom.experts.metrics.nab;

/**
 * NAB's score of one data file at one threshold and profile: the raw score, the confusion counts of
 * scored (post-probation) rows, and the per-row contributions NAB writes as the {@code
 * S(t)_<profile>} column (a window's true-positive or false-negative score on its first row, each
 * false positive's score on its own row, 0 elsewhere).
 */
public record FileScore(
    String relativePath,
    String profile,
    double threshold,
    double score,
    int tp,
    int tn,
    int fp,
    int fn,
    int total,
    double[] rowScores) {
  public FileScore {
    rowScores = rowScores.clone();
  }

  @Override
  public double[] rowScores() {
    return rowScores.clone();
  }
}
