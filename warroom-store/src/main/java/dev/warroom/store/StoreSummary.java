package dev.warroom.store;

import dev.warroom.model.TimeWindow;
import java.util.List;
import java.util.Objects;

/**
 * What a store holds: totals, the per-service breakdown (sorted by service name; telemetry with no
 * service, such as a node event, is counted under {@code "(none)"}), and the time range covered by
 * all telemetry (null when empty).
 */
public record StoreSummary(
    long series,
    long points,
    long logRecords,
    long spans,
    long traces,
    long events,
    List<ServiceSummary> services,
    TimeWindow timeRange) {
  /** A store that holds nothing (or could not say what it holds). */
  public static final StoreSummary EMPTY = new StoreSummary(0, 0, 0, 0, 0, 0, List.of(), null);

  public StoreSummary {
    services = List.copyOf(services);
  }

  /** Counts of one service. */
  public record ServiceSummary(
      String service,
      long series,
      long points,
      long logRecords,
      long spans,
      long traces,
      long events) {
    public ServiceSummary {
      Objects.requireNonNull(service, "service");
    }
  }
}
