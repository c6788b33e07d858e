package dev.warroom.experts.metrics.nab;

/**
 * One labelled anomaly window of a NAB data file, both ends inclusive, in seconds since the epoch
 * of the file's (zone-less) timestamps read as UTC. NAB centres a window of 10% of the file length
 * divided by the number of anomalies on each labelled anomaly.
 */
public record NabWindow(long startSecond, long endSecond) {
  public NabWindow {
    if (endSecond < startSecond) {
      throw new IllegalArgumentException("window end < start: " + endSecond + " < " + startSecond);
    }
  }

  public boolean contains(long second) {
    return second >= startSecond && second <= endSecond;
  }
}
