package dev.warroom.store.bundle;

import dev.warroom.model.SeriesKey;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics as CSV. Long form: the header is exactly {@code timestamp,series,value}, one sample per
 * row. Wide form: a {@code timestamp} column and one column per series (an empty cell is no
 * sample). A series is a selector {@code name{label="value"}} (quoted as a CSV field, since it
 * holds commas and quotes) or a bare name.
 */
final class MetricsCsv {
  private MetricsCsv() {}

  static void read(String rel, LineReader lines, ReadContext ctx) throws IOException {
    if (!lines.next()) {
      ctx.problems.add(rel + ": empty file");
      return;
    }
    if (lines.tooLong()) {
      ctx.problems.at(rel, 1, "header line longer than " + ReadContext.MAX_LINE + " bytes");
      return;
    }
    List<String> header;
    try {
      header = CsvLine.split(lines.text().strip());
    } catch (CharacterCodingException e) {
      ctx.problems.at(rel, 1, "not valid UTF-8");
      return;
    } catch (IllegalArgumentException e) {
      ctx.problems.at(rel, 1, e.getMessage());
      return;
    }
    if (!header.get(0).trim().equalsIgnoreCase("timestamp")) {
      ctx.problems.at(rel, 1, "the first column must be 'timestamp', got '" + header.get(0) + "'");
      return;
    }
    boolean longForm =
        header.size() == 3
            && header.get(1).trim().equalsIgnoreCase("series")
            && header.get(2).trim().equalsIgnoreCase("value");
    List<MetricBuffers.Buf> columns = new ArrayList<>();
    if (!longForm) {
      Map<dev.warroom.model.SeriesKey, Integer> seen = new HashMap<>();
      for (int c = 1; c < header.size(); c++) {
        try {
          dev.warroom.model.SeriesKey key = Selectors.parse(header.get(c));
          Integer before = seen.putIfAbsent(key, c + 1);
          if (before != null) {
            ctx.problems.at(
                rel, 1, "column " + (c + 1) + " repeats column " + before + " (" + key + ")");
            return;
          }
          columns.add(ctx.metrics.of(key, rel));
        } catch (IllegalArgumentException e) {
          ctx.problems.at(rel, 1, "column " + (c + 1) + ": " + e.getMessage());
          return;
        }
      }
    }
    Map<String, MetricBuffers.Buf> cache = new HashMap<>();
    int fileProblems = 0;
    while (lines.next()) {
      String problem = null;
      if (lines.tooLong()) {
        problem = "line longer than " + ReadContext.MAX_LINE + " bytes";
      } else if (!lines.isBlank()) {
        try {
          List<String> cells = CsvLine.split(lines.text());
          long t = ctx.ts.parse(cells.get(0)).toEpochMilli();
          problem = longForm ? longRow(rel, cells, t, cache, ctx) : wideRow(cells, t, columns);
        } catch (CharacterCodingException e) {
          problem = "not valid UTF-8";
        } catch (IllegalArgumentException e) {
          problem = e.getMessage();
        }
      }
      if (problem != null) {
        ctx.problems.at(rel, lines.lineNo, problem);
        if (ctx.problems.fileDone(++fileProblems)) {
          ctx.problems.add(rel + ": too many problems, rest of file skipped");
          return;
        }
      }
    }
  }

  private static String longRow(
      String rel,
      List<String> cells,
      long t,
      Map<String, MetricBuffers.Buf> cache,
      ReadContext ctx) {
    if (cells.size() != 3) {
      return "expected 3 columns (timestamp,series,value), got " + cells.size();
    }
    MetricBuffers.Buf b = cache.get(cells.get(1));
    if (b == null) {
      SeriesKey key = Selectors.parse(cells.get(1));
      b = ctx.metrics.of(key, rel);
      cache.put(cells.get(1), b);
    }
    b.add(t, value(cells.get(2), 3));
    return null;
  }

  private static String wideRow(List<String> cells, long t, List<MetricBuffers.Buf> columns) {
    if (cells.size() != columns.size() + 1) {
      return "expected " + (columns.size() + 1) + " columns as in the header, got " + cells.size();
    }
    // parse the whole row first: a bad cell skips the row, never half of it
    double[] values = new double[cells.size()];
    for (int c = 1; c < cells.size(); c++) {
      String v = cells.get(c).trim();
      values[c] = v.isEmpty() ? Double.NaN : value(v, c + 1);
    }
    for (int c = 1; c < cells.size(); c++) {
      if (!cells.get(c).isBlank()) {
        columns.get(c - 1).add(t, values[c]);
      }
    }
    return null;
  }

  private static double value(String s, int column) {
    try {
      return PrometheusText.value(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "column " + column + ": invalid value '" + Timestamps.abbreviate(s) + "'");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column " + column + ": " + e.getMessage());
    }
  }
}
