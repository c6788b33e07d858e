package dev.warroom.experts;

import java.util.List;
import java.util.Locale;

/**
 * What a piece of input is, as far as routing is concerned: the kind of telemetry and, where it
 * matters to the expert that parses it, its format or language. Each kind names the experts that
 * should see it ({@code logs}, {@code metrics}, {@code traces}, {@code events}, {@code db}, {@code
 * code}).
 */
public enum InputKind {
  LOG_JSON_LINES("logs"),
  LOG_SYSLOG("logs"),
  LOG_LOGFMT("logs"),
  LOG_JAVA("logs"),
  LOG_PYTHON("logs"),
  LOG_GO("logs"),
  LOG_NODE("logs"),
  LOG_ACCESS("logs"),
  LOG_PLAIN("logs"),
  METRICS_CSV_LONG("metrics"),
  METRICS_CSV_WIDE("metrics"),
  METRICS_PROMETHEUS("metrics"),
  METRICS_OTLP_JSON("metrics"),
  TRACE_ZIPKIN_JSON("traces"),
  TRACE_OTLP_JSON("traces"),
  K8S_EVENTS("events"),
  SQL_STATEMENT("db"),
  SQL_PLAN("db"),
  STACK_TRACE_JAVA("code", "logs"),
  STACK_TRACE_PYTHON("code", "logs"),
  STACK_TRACE_GO("code", "logs"),
  STACK_TRACE_NODE("code", "logs"),
  STACK_TRACE_DOTNET("code", "logs"),
  SOURCE_JAVA("code"),
  SOURCE_PYTHON("code"),
  SOURCE_GO("code"),
  SOURCE_JAVASCRIPT("code");

  private final List<String> experts;

  InputKind(String... experts) {
    this.experts = List.of(experts);
  }

  /** The experts that process this kind of input, the primary one first. */
  public List<String> experts() {
    return experts;
  }

  /** {@code log_json_lines} for {@link #LOG_JSON_LINES}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an id in snake or upper case; names the value when it is unknown. */
  public static InputKind parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown input kind: '" + text + "'", e);
    }
  }
}
