package dev.warroom.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One log record. {@code traceId} and {@code spanId} are null when the record is not correlated
 * with a trace; {@code attributes} holds everything else the source carried (pod, host, logger,
 * thread…).
 */
public record LogRecord(
    Instant timestamp,
    String service,
    Severity severity,
    String body,
    Map<String, String> attributes,
    String traceId,
    String spanId) {
  public LogRecord {
    Objects.requireNonNull(timestamp, "timestamp");
    Checks.nonBlank(service, "service");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(body, "body");
    attributes = Checks.copy(attributes);
    traceId = Checks.blankToNull(traceId);
    spanId = Checks.blankToNull(spanId);
  }

  public static LogRecord of(Instant timestamp, String service, Severity severity, String body) {
    return new LogRecord(timestamp, service, severity, body, Map.of(), null, null);
  }

  public String attribute(String name) {
    return attributes.get(name);
  }
}
