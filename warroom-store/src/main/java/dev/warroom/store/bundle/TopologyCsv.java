package dev.warroom.store.bundle;

import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Topology;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code topology.csv}: dependency edges with the header {@code caller,callee} and optionally
 * {@code protocol} and {@code calls_per_minute} columns.
 */
final class TopologyCsv {
  private TopologyCsv() {}

  static Topology read(String rel, LineReader lines, ReadContext ctx) throws IOException {
    List<DependencyEdge> edges = new ArrayList<>();
    if (!lines.next()) {
      return null;
    }
    if (lines.tooLong()) {
      ctx.problems.at(rel, 1, "header line longer than " + ReadContext.MAX_LINE + " bytes");
      return null;
    }
    List<String> header;
    try {
      header = CsvLine.split(lines.text().strip());
    } catch (CharacterCodingException | IllegalArgumentException e) {
      ctx.problems.at(rel, 1, "unreadable header");
      return null;
    }
    if (header.size() < 2 || !header.get(0).equals("caller") || !header.get(1).equals("callee")) {
      ctx.problems.at(rel, 1, "expected the header caller,callee[,protocol[,calls_per_minute]]");
      return null;
    }
    while (lines.next()) {
      if (lines.tooLong() || lines.isBlank()) {
        continue;
      }
      try {
        List<String> c = CsvLine.split(lines.text());
        if (c.size() != header.size()) {
          throw new IllegalArgumentException(
              "expected " + header.size() + " columns, got " + c.size());
        }
        double cpm = c.size() > 3 && !c.get(3).isBlank() ? Double.parseDouble(c.get(3)) : 0;
        edges.add(
            new DependencyEdge(
                c.get(0).trim(), c.get(1).trim(), c.size() > 2 ? c.get(2).trim() : "", cpm));
      } catch (CharacterCodingException e) {
        ctx.problems.at(rel, lines.lineNo, "not valid UTF-8");
      } catch (IllegalArgumentException e) {
        ctx.problems.at(rel, lines.lineNo, e.getMessage());
      }
    }
    return new Topology(List.of(), List.of(), List.of(), edges);
  }
}
