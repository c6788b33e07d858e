package dev.warroom.model;

import java.util.Locale;

/** Log severity, ordered from least to most severe (OpenTelemetry severity ranges). */
public enum Severity {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  FATAL;

  /**
   * Parses the common spellings of a level: {@code warn}, {@code WARNING}, {@code err}, {@code E},
   * {@code CRITICAL}, {@code panic}…
   *
   * @throws IllegalArgumentException naming the value when it is not a known level
   */
  public static Severity parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "TRACE", "T", "FINEST", "FINER", "VERBOSE" -> TRACE;
      case "DEBUG", "D", "FINE", "DBG" -> DEBUG;
      case "INFO", "I", "INFORMATION", "NOTICE", "INF", "CONFIG" -> INFO;
      case "WARN", "WARNING", "W", "WRN" -> WARN;
      case "ERROR", "ERR", "E", "SEVERE", "EXCEPTION" -> ERROR;
      case "FATAL", "F", "CRITICAL", "CRIT", "PANIC", "EMERG", "EMERGENCY", "ALERT" -> FATAL;
      default -> throw new IllegalArgumentException("unknown severity: '" + text + "'");
    };
  }

  /** Maps an OpenTelemetry severity number (1-24) to a level. */
  public static Severity fromOtelNumber(int number) {
    if (number < 1 || number > 24) {
      throw new IllegalArgumentException("severity number not in 1..24: " + number);
    }
    return values()[Math.min((number - 1) / 4, 5)];
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
