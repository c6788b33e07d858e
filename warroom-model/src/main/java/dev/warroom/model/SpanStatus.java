package dev.warroom.model;

/** Span status as in OpenTelemetry: unset, ok, or error. */
public enum SpanStatus {
  UNSET,
  OK,
  ERROR
}
