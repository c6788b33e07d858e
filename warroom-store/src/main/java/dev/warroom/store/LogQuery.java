package dev.warroom.store;

import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Selects log records. Every field is optional (null or empty: no constraint): a time window,
 * services, a minimum severity, attributes that must equal the given values, a substring the body
 * must contain (case-sensitive), a regular expression the body must match somewhere (RE2 syntax,
 * the common subset of Java, RE2 and Lucene regexes), a trace id; {@code limit} caps the rows,
 * returned in time order.
 */
public record LogQuery(
    TimeWindow window,
    Set<String> services,
    Severity minSeverity,
    Map<String, String> attributes,
    String contains,
    String regex,
    String traceId,
    int limit) {
  public static final int DEFAULT_LIMIT = 10_000;

  public LogQuery {
    services = services == null ? Set.of() : Set.copyOf(services);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    contains = contains == null || contains.isEmpty() ? null : contains;
    regex = regex == null || regex.isEmpty() ? null : regex;
    traceId = traceId == null || traceId.isBlank() ? null : traceId;
    if (regex != null) {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "regex: invalid pattern '" + regex + "': " + e.getDescription());
      }
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit < 1: " + limit);
    }
  }

  /** Everything in a window (null: all time). */
  public static LogQuery all(TimeWindow window) {
    return new LogQuery(window, Set.of(), null, Map.of(), null, null, null, DEFAULT_LIMIT);
  }

  public LogQuery withServices(String... s) {
    return new LogQuery(
        window, Set.of(s), minSeverity, attributes, contains, regex, traceId, limit);
  }

  public LogQuery withMinSeverity(Severity s) {
    return new LogQuery(window, services, s, attributes, contains, regex, traceId, limit);
  }

  public LogQuery withAttributes(Map<String, String> a) {
    return new LogQuery(window, services, minSeverity, a, contains, regex, traceId, limit);
  }

  public LogQuery withContains(String text) {
    return new LogQuery(window, services, minSeverity, attributes, text, regex, traceId, limit);
  }

  public LogQuery withRegex(String re) {
    return new LogQuery(window, services, minSeverity, attributes, contains, re, traceId, limit);
  }

  public LogQuery withTraceId(String id) {
    return new LogQuery(window, services, minSeverity, attributes, contains, regex, id, limit);
  }

  public LogQuery withLimit(int n) {
    return new LogQuery(window, services, minSeverity, attributes, contains, regex, traceId, n);
  }
}
