package dev.warroom.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A metric series: its key and its samples in strictly increasing time order. Samples are held as
 * two parallel primitive arrays (epoch milliseconds and values) because a gym episode or a bundle
 * holds millions of points; the arrays are copied in and never exposed.
 */
public record MetricSeries(SeriesKey key, long[] timestampsMillis, double[] values) {
  public MetricSeries {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(timestampsMillis, "timestampsMillis");
    Objects.requireNonNull(values, "values");
    if (timestampsMillis.length != values.length) {
      throw new IllegalArgumentException(
          "timestamps and values differ in length: "
              + timestampsMillis.length
              + " != "
              + values.length);
    }
    timestampsMillis = timestampsMillis.clone();
    values = values.clone();
    for (int i = 1; i < timestampsMillis.length; i++) {
      if (timestampsMillis[i] <= timestampsMillis[i - 1]) {
        throw new IllegalArgumentException(
            key + ": timestamps not strictly increasing at index " + i);
      }
    }
  }

  public static MetricSeries of(SeriesKey key, List<MetricPoint> points) {
    long[] ts = new long[points.size()];
    double[] vs = new double[points.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = points.get(i).timestamp().toEpochMilli();
      vs[i] = points.get(i).value();
    }
    return new MetricSeries(key, ts, vs);
  }

  public int size() {
    return values.length;
  }

  public long timestampAt(int i) {
    return timestampsMillis[i];
  }

  public double valueAt(int i) {
    return values[i];
  }

  @Override
  public long[] timestampsMillis() {
    return timestampsMillis.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  public List<MetricPoint> points() {
    List<MetricPoint> out = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      out.add(new MetricPoint(Instant.ofEpochMilli(timestampsMillis[i]), values[i]));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricSeries m
        && key.equals(m.key)
        && Arrays.equals(timestampsMillis, m.timestampsMillis)
        && Arrays.equals(values, m.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(timestampsMillis), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "MetricSeries[" + key + ", " + values.length + " points]";
  }
}
