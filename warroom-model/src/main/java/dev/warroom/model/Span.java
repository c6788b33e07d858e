package dev.warroom.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One span of a distributed trace. {@code parentSpanId} is null for a root span. Ids are lower-case
 * hex as in Zipkin and OTLP/JSON.
 */
public record Span(
    String traceId,
    String spanId,
    String parentSpanId,
    String service,
    String operation,
    SpanKind kind,
    Instant start,
    Duration duration,
    SpanStatus status,
    Map<String, String> attributes,
    List<SpanEvent> events) {
  public Span {
    Checks.nonBlank(traceId, "traceId");
    Checks.nonBlank(spanId, "spanId");
    parentSpanId = Checks.blankToNull(parentSpanId);
    Checks.nonBlank(service, "service");
    Checks.nonBlank(operation, "operation");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + duration);
    }
    Objects.requireNonNull(status, "status");
    attributes = Checks.copy(attributes);
    events = events == null ? List.of() : List.copyOf(events);
  }

  public Instant end() {
    return start.plus(duration);
  }

  public boolean isRoot() {
    return parentSpanId == null;
  }

  public boolean isError() {
    return status == SpanStatus.ERROR;
  }

  public String attribute(String name) {
    return attributes.get(name);
  }
}
