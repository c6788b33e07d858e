package dev.warroom.gym;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the episode's metrics as two wide CSV files (docs/bundles.md): {@code metrics/history.csv}
 * with the coarse baseline rows and {@code metrics/incident.csv} with the incident window, one
 * column per series (a Prometheus selector), epoch-millisecond timestamps. All series share the
 * timeline, so wide rows are ~20x smaller than Prometheus text, which repeats every label set on
 * every sample.
 */
final class WideCsv {
  private WideCsv() {}

  static void write(List<MetricSeries> series, long windowStart, Path dir) {
    if (series.isEmpty()) {
      return;
    }
    write(
        series.get(0).timestampsMillis(),
        series.stream().map(MetricSeries::key).toList(),
        series.stream().map(MetricSeries::values).toList(),
        windowStart,
        dir);
  }

  /** The same for columns given as keys and values over one shared timeline. */
  static void write(
      long[] ts, List<SeriesKey> keys, List<double[]> values, long windowStart, Path dir) {
    if (keys.isEmpty() || ts.length == 0) {
      return;
    }
    int split = 0;
    while (split < ts.length && ts[split] < windowStart) {
      split++;
    }
    try {
      Files.createDirectories(dir.resolve("metrics"));
      if (split > 0) {
        write(keys, values, ts, 0, split, dir.resolve("metrics/history.csv"));
      }
      if (split < ts.length) {
        write(keys, values, ts, split, ts.length, dir.resolve("metrics/incident.csv"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing metrics to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void write(
      List<SeriesKey> keys, List<double[]> values, long[] ts, int from, int to, Path file)
      throws IOException {
    double[][] cols = values.toArray(new double[0][]);
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
      StringBuilder sb = new StringBuilder(1 << 16);
      sb.append("timestamp");
      for (SeriesKey k : keys) {
        sb.append(",\"").append(k.toString().replace("\"", "\"\"")).append('"');
      }
      sb.append('\n');
      for (int i = from; i < to; i++) {
        sb.append(ts[i]);
        for (double[] col : cols) {
          sb.append(',');
          number(sb, col[i]);
        }
        sb.append('\n');
        if (sb.length() > 1 << 16) {
          w.write(sb.toString());
          sb.setLength(0);
        }
      }
      w.write(sb.toString());
    }
  }

  /** Six significant digits; integers without a fraction. */
  static void number(StringBuilder sb, double v) {
    if (Double.isNaN(v)) {
      sb.append("NaN");
      return;
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      sb.append((long) v);
      return;
    }
    double mag = Math.floor(Math.log10(Math.abs(v)));
    double scale = Math.pow(10, 5 - mag);
    sb.append(Math.round(v * scale) / scale);
  }
}
