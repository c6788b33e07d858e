package dev.warroom.experts.metrics.nab;

import java.util.List;

/**
 * A detector's NAB result for one profile: the threshold used, its raw corpus score, the null
 * detector's and the perfect detector's raw scores, and the normalised score {@code 100 * (raw -
 * null) / (perfect - null)} (NAB's {@code runner.normalize}); confusion counts are summed over the
 * scored rows of all files.
 */
public record ProfileScore(
    String profile,
    double threshold,
    double rawScore,
    double nullScore,
    double perfectScore,
    double normalizedScore,
    int tp,
    int fp,
    int fn,
    List<FileScore> files) {
  public ProfileScore {
    files = List.copyOf(files);
  }
}
