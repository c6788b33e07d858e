package dev.warroom.engine.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.Severity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link QueryIntent} in the query languages users run: PromQL, LogQL, Splunk SPL,
 * CloudWatch (Logs Insights for logs/spans/events, Metrics Insights for metrics), OpenSearch query
 * DSL and SQL. The time range, which PromQL and LogQL pass beside the expression (the {@code
 * query_range} parameters), is written as a trailing {@code #} comment so that a rendered query
 * states everything that selected the result.
 */
public final class QueryRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueryRenderer() {}

  /**
   * The intent in {@code dialect}.
   *
   * @throws IllegalArgumentException when the dialect cannot express this kind of query (PromQL for
   *     logs, LogQL for spans)
   */
  public static String render(QueryIntent intent, Dialect dialect) {
    return switch (intent) {
      case QueryIntent.Metrics m -> MetricRendering.render(m, dialect);
      case QueryIntent.Logs l -> LogRendering.render(l, dialect);
      case QueryIntent.Spans s -> SpanRendering.render(s, dialect);
      case QueryIntent.Events e -> EventRendering.render(e, dialect);
    };
  }

  /** The rendering in the profile's dialect for the intent's kind, keyed by dialect id. */
  public static Map<String, String> renderFor(QueryIntent intent, DialectProfile profile) {
    Dialect d =
        switch (intent) {
          case QueryIntent.Metrics m -> profile.metrics();
          case QueryIntent.Logs l -> profile.logs();
          case QueryIntent.Spans s -> profile.traces();
          case QueryIntent.Events e -> profile.events();
        };
    Map<String, String> out = new LinkedHashMap<>();
    out.put(d.id(), render(intent, d));
    return out;
  }

  // ---- shared literal helpers -------------------------------------------------------------

  static String dq(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  static String sq(String s) {
    return '\'' + s.replace("'", "''") + '\'';
  }

  static String regexAlt(List<String> values) {
    return values.stream()
        .map(v -> v.replaceAll("([\\\\.+*?()|\\[\\]{}^$])", "\\\\$1"))
        .collect(Collectors.joining("|"));
  }

  /** Levels at or above {@code min}, upper case ({@code ERROR}, {@code FATAL}). */
  static List<String> levelsFrom(Severity min) {
    return Arrays.stream(Severity.values()).filter(s -> s.atLeast(min)).map(Enum::name).toList();
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }

  static String pretty(ObjectNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise query", e);
    }
  }

  static ObjectNode range(String field, dev.warroom.model.TimeWindow w) {
    ObjectNode r = object();
    r.putObject("range")
        .putObject(field)
        .put("gte", w.start().toString())
        .put("lt", w.end().toString());
    return r;
  }

  static ObjectNode terms(String field, List<String> values) {
    ObjectNode t = object();
    ArrayNode a = t.putObject("terms").putArray(field);
    values.forEach(a::add);
    return t;
  }

  static String timeComment(dev.warroom.model.TimeWindow w) {
    return "# range: start=" + w.start() + " end=" + w.end();
  }
}
