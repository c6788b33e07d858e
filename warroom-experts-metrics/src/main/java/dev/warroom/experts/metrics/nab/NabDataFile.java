package dev.warroom.experts.metrics.nab;

import java.util.List;
import java.util.Objects;

/**
 * One NAB data file: its path relative to {@code data/} ({@code realAWSCloudwatch/x.csv}), the
 * timestamps (seconds, non-decreasing) and values of its rows, and its labelled windows in time
 * order. Arrays are copied in and out.
 */
public record NabDataFile(
    String relativePath, long[] timestamps, double[] values, List<NabWindow> windows) {
  public NabDataFile {
    Objects.requireNonNull(relativePath, "relativePath");
    timestamps = timestamps.clone();
    values = values.clone();
    windows = List.copyOf(windows);
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException(relativePath + ": timestamps and values differ in length");
    }
    for (int i = 1; i < timestamps.length; i++) {
      // NAB's AWS files repeat timestamps around a daylight-saving change; NAB accepts that.
      if (timestamps[i] < timestamps[i - 1]) {
        throw new IllegalArgumentException(
            relativePath + ": timestamps go backwards at row " + (i + 2));
      }
    }
    for (int w = 1; w < windows.size(); w++) {
      if (windows.get(w).startSecond() <= windows.get(w - 1).endSecond()) {
        throw new IllegalArgumentException(relativePath + ": windows overlap or are out of order");
      }
    }
  }

  public int size() {
    return timestamps.length;
  }

  @Override
  public long[] timestamps() {
    return timestamps.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** Row labels as NAB derives them: 1 inside any window (ends included), else 0. */
  public boolean[] labels() {
    boolean[] labels = new boolean[timestamps.length];
    for (NabWindow w : windows) {
      for (int i = 0; i < timestamps.length; i++) {
        if (w.contains(timestamps[i])) {
          labels[i] = true;
        }
      }
    }
    return labels;
  }

  /**
   * NAB's probationary period ({@code util.getProbationPeriod}): the first {@code min(floor(0.15 *
   * rows), 0.15 * 5000)} rows are not scored, so a detector may learn there.
   */
  public int probationaryRows() {
    return probationaryRows(timestamps.length);
  }

  static int probationaryRows(int rows) {
    return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NabDataFile f && relativePath.equals(f.relativePath);
  }

  @Override
  public int hashCode() {
    return relativePath.hashCode();
  }

  @Override
  public String toString() {
    return "NabDataFile[" + relativePath + ", " + timestamps.length + " rows]";
  }
}
