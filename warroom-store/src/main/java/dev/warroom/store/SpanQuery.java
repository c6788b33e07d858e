package dev.warroom.store;

import dev.warroom.model.SpanStatus;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.util.Set;

/**
 * Selects spans: spans that start in the window, of the given services and operation, with the
 * given status, lasting at least {@code minDuration}; all optional (null or empty). {@code limit}
 * caps the rows, returned by start time.
 */
public record SpanQuery(
    TimeWindow window,
    Set<String> services,
    String operation,
    SpanStatus status,
    Duration minDuration,
    int limit) {
  public static final int DEFAULT_LIMIT = 10_000;

  public SpanQuery {
    services = services == null ? Set.of() : Set.copyOf(services);
    operation = operation == null || operation.isBlank() ? null : operation;
    if (minDuration != null && minDuration.isNegative()) {
      throw new IllegalArgumentException("negative minDuration: " + minDuration);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit < 1: " + limit);
    }
  }

  public static SpanQuery all(TimeWindow window) {
    return new SpanQuery(window, Set.of(), null, null, null, DEFAULT_LIMIT);
  }

  public SpanQuery withServices(String... s) {
    return new SpanQuery(window, Set.of(s), operation, status, minDuration, limit);
  }

  public SpanQuery withOperation(String op) {
    return new SpanQuery(window, services, op, status, minDuration, limit);
  }

  public SpanQuery withStatus(SpanStatus s) {
    return new SpanQuery(window, services, operation, s, minDuration, limit);
  }

  public SpanQuery withMinDuration(Duration d) {
    return new SpanQuery(window, services, operation, status, d, limit);
  }

  public SpanQuery withLimit(int n) {
    return new SpanQuery(window, services, operation, status, minDuration, n);
  }
}
