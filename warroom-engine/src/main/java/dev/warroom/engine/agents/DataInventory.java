package dev.warroom.engine.agents;

import dev.warroom.model.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a bundle or store holds: counts per kind of data, the services seen anywhere, and the time
 * range covered (null when empty). The Director chooses actors by it and the report names what was
 * missing.
 */
public record DataInventory(
    long metricSeries,
    long logRecords,
    long spans,
    long events,
    long codeFiles,
    boolean topology,
    SortedSet<String> services,
    TimeWindow range) {
  public DataInventory {
    services = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(services));
  }

  public boolean hasMetrics() {
    return metricSeries > 0;
  }

  public boolean hasLogs() {
    return logRecords > 0;
  }

  public boolean hasTraces() {
    return spans > 0;
  }

  public boolean hasEvents() {
    return events > 0;
  }

  public boolean hasCode() {
    return codeFiles > 0;
  }

  /** Kinds of data absent: "metrics", "logs", "traces", "events", "code", "topology". */
  public List<String> missing() {
    List<String> out = new ArrayList<>();
    if (!hasMetrics()) {
      out.add("metrics");
    }
    if (!hasLogs()) {
      out.add("logs");
    }
    if (!hasTraces()) {
      out.add("traces");
    }
    if (!hasEvents()) {
      out.add("events");
    }
    if (!hasCode()) {
      out.add("code");
    }
    if (!topology && !hasTraces()) {
      out.add("topology");
    }
    return out;
  }

  public boolean knows(String service) {
    return service != null && services.contains(service);
  }

  static SortedSet<String> sorted(Set<String> s) {
    return new TreeSet<>(s);
  }
}
