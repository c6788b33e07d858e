package dev.warroom.experts.metrics.nab;

import java.util.List;
import java.util.Objects;

/**
 * One NAB data file: its path relative to {@code data/} ({@code realAWSCloudwatch/x.csv}), the
 * timestamps (seconds) and values of its rows in file order, and its labelled windows in time
 * order. Timestamps may repeat or go backwards (one file of NAB's corpus does): rows are scored in
 * file order, and each window is placed on rows as NAB's sweeper places it ({@link #windowRows}).
 * Arrays are copied in and out.
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
    for (int w = 1; w < windows.size(); w++) {
      if (windows.get(w).startSecond() <= windows.get(w - 1).endSecond()) {
        throw new IllegalArgumentException(relativePath + ": windows overlap or are out of order");
      }
    }
    placeAll(relativePath, timestamps, windows); // fails on a window that covers < 2 rows
  }

  private static int[][] placeAll(String relativePath, long[] ts, List<NabWindow> windows) {
    int[][] out = new int[windows.size()][];
    int from = 0;
    for (int w = 0; w < out.length; w++) {
      out[w] = place(ts, from, windows.get(w));
      if (out[w] == null) {
        throw new IllegalArgumentException(
            relativePath + ": window " + w + " covers fewer than 2 rows");
      }
      from = out[w][1] + 1;
    }
    return out;
  }

  /**
   * The rows {@code [first, last]} of a window, searching from row {@code from} in file order, as
   * NAB's {@code Sweeper.calcSweepScore} does: the window opens at the first row whose timestamp is
   * its start and closes at the first row from there whose timestamp is its end. When either is not
   * a timestamp of the file (a bad row was skipped), it spans the first to the last row whose
   * timestamp lies inside it. Null when it would cover fewer than 2 rows.
   */
  static int[] place(long[] ts, int from, NabWindow w) {
    int first = -1;
    int last = -1;
    for (int i = from; i < ts.length && first < 0; i++) {
      first = ts[i] == w.startSecond() ? i : -1;
    }
    for (int i = Math.max(first, 0); first >= 0 && i < ts.length && last < 0; i++) {
      last = ts[i] == w.endSecond() ? i : -1;
    }
    if (first < 0 || last < 0) {
      first = -1;
      last = -1;
      for (int i = from; i < ts.length; i++) {
        if (w.contains(ts[i])) {
          first = first < 0 ? i : first;
          last = i;
        }
      }
    }
    return first < 0 || last <= first ? null : new int[] {first, last};
  }

  /** Row ranges {@code [first, last]} of each window, in window order. */
  public int[][] windowRows() {
    return placeAll(relativePath, timestamps, windows);
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

  /** Row labels: true on the rows of a window (ends included), else false. */
  public boolean[] labels() {
    boolean[] labels = new boolean[timestamps.length];
    for (int[] r : windowRows()) {
      for (int i = r[0]; i <= r[1]; i++) {
        labels[i] = true;
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
