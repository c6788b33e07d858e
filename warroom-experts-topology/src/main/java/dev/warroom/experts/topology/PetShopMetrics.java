package dev.warroom.experts.topology;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code metrics.csv} of the PetShop RCA dataset (Amazon Science, CC-BY-4.0): 5-minute
 * CloudWatch/X-Ray statistics per node. The file has three header rows (node, metric, statistic), a
 * {@code unix_timestamp} marker row, then one row per 5-minute bucket; an empty cell is a missing
 * value ({@code NaN} here).
 *
 * @param timestamps bucket start, epoch seconds, in file order
 * @param columns values per column, each as long as {@code timestamps}
 */
public record PetShopMetrics(long[] timestamps, Map<Column, double[]> columns) {

  /** A column: the node, the metric (latency, availability, requests) and the statistic. */
  public record Column(String node, String metric, String statistic) {
    public Column {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(statistic, "statistic");
    }
  }

  public PetShopMetrics {
    timestamps = timestamps.clone();
    Map<Column, double[]> copy = new LinkedHashMap<>();
    for (Map.Entry<Column, double[]> e : columns.entrySet()) {
      if (e.getValue().length != timestamps.length) {
        throw new IllegalArgumentException(
            "column "
                + e.getKey()
                + " has "
                + e.getValue().length
                + " values, expected "
                + timestamps.length);
      }
      copy.put(e.getKey(), e.getValue().clone());
    }
    columns = java.util.Collections.unmodifiableMap(copy);
  }

  /** The values of a column, or null when the file has no such column. */
  public double[] values(String node, String metric, String statistic) {
    double[] v = columns.get(new Column(node, metric, statistic));
    return v == null ? null : v.clone();
  }

  @Override
  public long[] timestamps() {
    return timestamps.clone();
  }

  /** Every node that has at least one column. */
  public Set<String> nodes() {
    Set<String> out = new LinkedHashSet<>();
    for (Column c : columns.keySet()) {
      out.add(c.node());
    }
    return out;
  }

  /** Reads a PetShop {@code metrics.csv}; malformed input is reported as {@code file:line}. */
  public static PetShopMetrics read(Path file) throws IOException {
    List<String> lines;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      lines = r.lines().toList();
    }
    if (lines.size() < 4) {
      throw new IllegalArgumentException(file + ":1: expected 3 header rows and a marker row");
    }
    List<String> nodes = PetShopCsv.split(lines.get(0));
    List<String> metrics = PetShopCsv.split(lines.get(1));
    List<String> stats = PetShopCsv.split(lines.get(2));
    if (nodes.size() != metrics.size() || nodes.size() != stats.size()) {
      throw new IllegalArgumentException(file + ":2: header rows differ in length");
    }
    int width = nodes.size();
    List<long[]> ts = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    for (int ln = 4; ln < lines.size(); ln++) {
      String line = lines.get(ln);
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = PetShopCsv.split(line);
      if (cells.size() != width) {
        throw new IllegalArgumentException(
            file + ":" + (ln + 1) + ": " + cells.size() + " cells, expected " + width);
      }
      double[] row = new double[width - 1];
      try {
        ts.add(new long[] {(long) Double.parseDouble(cells.get(0))});
        for (int i = 1; i < width; i++) {
          String c = cells.get(i);
          row[i - 1] = c.isEmpty() ? Double.NaN : Double.parseDouble(c);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            file + ":" + (ln + 1) + ": not a number: " + e.getMessage(), e);
      }
      rows.add(row);
    }
    long[] timestamps = new long[ts.size()];
    for (int i = 0; i < timestamps.length; i++) {
      timestamps[i] = ts.get(i)[0];
    }
    Map<Column, double[]> columns = new LinkedHashMap<>();
    for (int i = 1; i < width; i++) {
      double[] v = new double[rows.size()];
      for (int r = 0; r < v.length; r++) {
        v[r] = rows.get(r)[i - 1];
      }
      columns.put(new Column(nodes.get(i), metrics.get(i), stats.get(i)), v);
    }
    return new PetShopMetrics(timestamps, columns);
  }
}
