package dev.warroom.experts.metrics.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The plain comma-separated files NAB writes (a header row, no quoting). Errors name {@code
 * file:line}.
 */
record SimpleCsv(Path file, List<String> header, List<String[]> rows, List<Integer> lineNumbers) {

  /** Reads strictly: a row with the wrong number of cells fails naming {@code file:line}. */
  static SimpleCsv read(Path file) {
    return read(file, null);
  }

  /**
   * Reads the file; blank lines are skipped. With {@code issues} non-null, a row with the wrong
   * number of cells is skipped and listed there as {@code file:line: what}; else it fails.
   */
  static SimpleCsv read(Path file, List<String> issues) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String head = r.readLine();
      if (head == null) {
        throw new IllegalArgumentException(file + ":1: empty file, expected a header");
      }
      List<String> header = Arrays.asList(head.split(",", -1));
      List<String[]> rows = new ArrayList<>();
      List<Integer> lineNumbers = new ArrayList<>();
      int lineNo = 1;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != header.size()) {
          String what =
              file + ":" + lineNo + ": " + cells.length + " cells, header has " + header.size();
          if (issues == null) {
            throw new IllegalArgumentException(what);
          }
          issues.add(what + " (row skipped)");
          continue;
        }
        rows.add(cells);
        lineNumbers.add(lineNo);
      }
      return new SimpleCsv(file, List.copyOf(header), rows, List.copyOf(lineNumbers));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(file + ":1: no column '" + name + "' in " + header);
    }
    return i;
  }

  static double parseDouble(String text, String where) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": not a number: '" + text + "'", e);
    }
  }
}
