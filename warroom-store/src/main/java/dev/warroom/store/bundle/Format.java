package dev.warroom.store.bundle;

import java.util.Locale;

/**
 * The formats a bundle file may be in, and how one is chosen: a manifest {@code formats} entry wins
 * (names below); otherwise the folder and extension decide, and for JSON files the content (an OTLP
 * document has {@code resourceMetrics}/{@code resourceLogs}/{@code resourceSpans}; see {@link
 * OtlpJson}).
 */
enum Format {
  MANIFEST,
  ALERT,
  PROMETHEUS,
  CSV_METRICS,
  OTLP_METRICS,
  OTLP_LOGS,
  OTLP_TRACES,
  JSONL_LOGS,
  PATTERN_LOGS,
  ZIPKIN,
  K8S_EVENTS,
  CHANGES_JSONL,
  TOPOLOGY_JSON,
  TOPOLOGY_CSV,
  CODE,
  DATABASE,
  IGNORED,
  UNKNOWN;

  static Format of(String rel, String declared) {
    if (declared != null) {
      String d = declared.toLowerCase(Locale.ROOT);
      if (d.startsWith("pattern:")) {
        return PATTERN_LOGS;
      }
      return switch (d) {
        case "prometheus", "openmetrics" -> PROMETHEUS;
        case "csv" -> CSV_METRICS;
        case "otlp-json" ->
            rel.startsWith("metrics/")
                ? OTLP_METRICS
                : rel.startsWith("logs/") ? OTLP_LOGS : OTLP_TRACES;
        case "jsonl" -> rel.startsWith("events/") ? CHANGES_JSONL : JSONL_LOGS;
        case "zipkin" -> ZIPKIN;
        case "kubernetes-events" -> K8S_EVENTS;
        case "changes" -> CHANGES_JSONL;
        case "ignore" -> IGNORED;
        default -> UNKNOWN;
      };
    }
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    if (name.startsWith(".")) {
      return IGNORED;
    }
    String ext =
        name.contains(".")
            ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
            : "";
    if (!rel.contains("/")) {
      return switch (rel) {
        case "manifest.json" -> MANIFEST;
        case "alert.json" -> ALERT;
        case "topology.json" -> TOPOLOGY_JSON;
        case "topology.csv" -> TOPOLOGY_CSV;
        default -> IGNORED; // README, truth.json (gym ground truth), notes
      };
    }
    String folder = rel.substring(0, rel.indexOf('/'));
    return switch (folder) {
      case "metrics" ->
          switch (ext) {
            case "prom", "txt", "om", "openmetrics" -> PROMETHEUS;
            case "csv" -> CSV_METRICS;
            case "json" -> OTLP_METRICS;
            default -> UNKNOWN;
          };
      case "logs" ->
          switch (ext) {
            case "jsonl", "ndjson" -> JSONL_LOGS;
            case "json" -> OTLP_LOGS;
            case "log", "txt" -> PATTERN_LOGS;
            default -> UNKNOWN;
          };
      case "traces" -> ext.equals("json") ? ZIPKIN : UNKNOWN; // OTLP detected by content
      case "events" ->
          switch (ext) {
            case "json" -> K8S_EVENTS;
            case "jsonl", "ndjson" -> CHANGES_JSONL;
            default -> UNKNOWN;
          };
      case "code" -> CODE;
      case "db" -> DATABASE;
      default -> IGNORED;
    };
  }
}
