package dev.warroom.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a report needs to draw a metric chart: the series, optional baseline band (lower and upper,
 * same length as the values, NaN where unknown; null when there is no band) with a label saying how
 * it was calculated ("calculated from the past 4 days"), and the anomalous window to highlight
 * (null for none).
 */
public record SeriesChart(
    SeriesKey key,
    long[] timestampsMillis,
    double[] values,
    double[] bandLower,
    double[] bandUpper,
    String bandLabel,
    TimeWindow highlight) {
  public SeriesChart {
    Objects.requireNonNull(key, "key");
    timestampsMillis = timestampsMillis.clone();
    values = values.clone();
    if (timestampsMillis.length != values.length) {
      throw new IllegalArgumentException("timestamps and values differ in length");
    }
    if ((bandLower == null) != (bandUpper == null)) {
      throw new IllegalArgumentException("band needs both lower and upper");
    }
    if (bandLower != null) {
      if (bandLower.length != values.length || bandUpper.length != values.length) {
        throw new IllegalArgumentException("band length differs from values length");
      }
      bandLower = bandLower.clone();
      bandUpper = bandUpper.clone();
    }
    bandLabel = bandLabel == null ? "" : bandLabel;
  }

  @Override
  public long[] timestampsMillis() {
    return timestampsMillis.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public double[] bandLower() {
    return bandLower == null ? null : bandLower.clone();
  }

  @Override
  public double[] bandUpper() {
    return bandUpper == null ? null : bandUpper.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesChart c
        && key.equals(c.key)
        && Arrays.equals(timestampsMillis, c.timestampsMillis)
        && Arrays.equals(values, c.values)
        && Arrays.equals(bandLower, c.bandLower)
        && Arrays.equals(bandUpper, c.bandUpper)
        && bandLabel.equals(c.bandLabel)
        && Objects.equals(highlight, c.highlight);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(values), highlight);
  }

  @Override
  public String toString() {
    return "SeriesChart[" + key + ", " + values.length + " points]";
  }
}
