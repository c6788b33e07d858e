package dev.warroom.model;

/** The role of a span in a call, as in OpenTelemetry and Zipkin. */
public enum SpanKind {
  INTERNAL,
  SERVER,
  CLIENT,
  PRODUCER,
  CONSUMER
}
