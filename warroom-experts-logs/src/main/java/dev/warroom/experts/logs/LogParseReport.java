package dev.warroom.experts.logs;

import java.util.List;

/** Per-system log-parsing scores and their unweighted averages. */
public record LogParseReport(List<LogParseScore> systems) {
  public LogParseReport {
    systems = List.copyOf(systems);
    if (systems.isEmpty()) {
      throw new IllegalArgumentException("no systems scored");
    }
  }

  public double averageGroupAccuracy() {
    return systems.stream().mapToDouble(LogParseScore::groupAccuracy).average().orElseThrow();
  }

  public double averageParsingAccuracy() {
    return systems.stream().mapToDouble(LogParseScore::parsingAccuracy).average().orElseThrow();
  }
}
