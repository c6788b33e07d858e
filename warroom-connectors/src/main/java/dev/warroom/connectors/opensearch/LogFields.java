package dev.warroom.connectors.opensearch;

import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.InvalidInputException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which document fields hold a log record's parts. Two presets cover the common shapes: {@code
 * otel} (the OpenTelemetry log data model as the OpenSearch exporter and Data Prepper write it:
 * {@code @timestamp}, {@code resource.service.name}, {@code severity_text}, {@code body}, {@code
 * trace_id}, {@code span_id}, {@code attributes.*}) and {@code ecs} (Elastic Common Schema: {@code
 * @timestamp}, {@code service.name}, {@code log.level}, {@code message}, {@code trace.id}, {@code
 * span.id}, {@code labels.*}). Each field can be named in the source's options; the service field
 * also follows the sources file's {@code labels.service} when that is set to something else than
 * the default.
 */
record LogFields(
    String index,
    String timestamp,
    String service,
    String severity,
    String body,
    String traceId,
    String spanId,
    String attributes) {

  static final String DEFAULT_INDEX = "logs-*";
  private static final Set<String> OPTIONS =
      Set.of(
          "index",
          "schema",
          "timestampField",
          "serviceField",
          "severityField",
          "bodyField",
          "traceIdField",
          "spanIdField",
          "attributesField",
          "maxGroups");

  static LogFields of(SourceConfig source) {
    for (String k : source.options().keySet()) {
      if (!OPTIONS.contains(k)) {
        throw new InvalidInputException(
            "source "
                + source.name()
                + ": options."
                + k
                + ": unknown option (expected one of "
                + new java.util.TreeSet<>(OPTIONS)
                + ")");
      }
    }
    String schema = source.option("schema", "otel").toLowerCase(Locale.ROOT);
    Map<String, String> preset =
        switch (schema) {
          case "otel" ->
              Map.of(
                  "service", "resource.service.name",
                  "severity", "severity_text",
                  "body", "body",
                  "traceId", "trace_id",
                  "spanId", "span_id",
                  "attributes", "attributes");
          case "ecs" ->
              Map.of(
                  "service", "service.name",
                  "severity", "log.level",
                  "body", "message",
                  "traceId", "trace.id",
                  "spanId", "span.id",
                  "attributes", "labels");
          default ->
              throw new InvalidInputException(
                  "source "
                      + source.name()
                      + ": options.schema: expected otel or ecs, got '"
                      + schema
                      + "'");
        };
    String mappedService = source.label("service");
    String service =
        source.option(
            "serviceField",
            "service".equals(mappedService) ? preset.get("service") : mappedService);
    return new LogFields(
        source.option("index", DEFAULT_INDEX),
        source.option("timestampField", "@timestamp"),
        service,
        source.option("severityField", preset.get("severity")),
        source.option("bodyField", preset.get("body")),
        source.option("traceIdField", preset.get("traceId")),
        source.option("spanIdField", preset.get("spanId")),
        source.option("attributesField", preset.get("attributes")));
  }
}
