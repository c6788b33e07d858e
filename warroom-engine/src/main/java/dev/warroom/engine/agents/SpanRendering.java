package dev.warroom.engine.agents;

import static dev.warroom.engine.agents.QueryRenderer.sq;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Span intents in SPL, CloudWatch Logs Insights (over an X-Ray/OTel span log group), OpenSearch
 * (the Jaeger/Data Prepper span index fields) and SQL.
 */
final class SpanRendering {
  private SpanRendering() {}

  static String render(QueryIntent.Spans s, Dialect dialect) {
    return switch (dialect) {
      case SPL -> spl(s);
      case CLOUDWATCH -> cloudwatch(s);
      case OPENSEARCH -> opensearch(s);
      case SQL -> sql(s);
      case PROMQL, LOGQL ->
          throw new IllegalArgumentException(dialect.id() + " cannot express a span query");
    };
  }

  private static String spl(QueryIntent.Spans s) {
    StringBuilder q = new StringBuilder("search index=traces");
    if (!s.services().isEmpty()) {
      q.append(" serviceName IN (")
          .append(s.services().stream().map(QueryRenderer::dq).collect(Collectors.joining(", ")))
          .append(")");
    }
    if (s.errorsOnly()) {
      q.append(" status.code=2");
    }
    q.append(" earliest=").append(s.window().start().getEpochSecond());
    q.append(" latest=").append(s.window().end().getEpochSecond());
    return q.toString();
  }

  private static String cloudwatch(QueryIntent.Spans s) {
    List<String> f = new ArrayList<>();
    if (!s.services().isEmpty()) {
      f.add(
          "resource.attributes.service.name in ["
              + s.services().stream().map(QueryRenderer::dq).collect(Collectors.joining(", "))
              + "]");
    }
    if (s.errorsOnly()) {
      f.add("status.code = \"ERROR\"");
    }
    return "fields traceId, spanId, parentSpanId, name, durationNano"
        + (f.isEmpty() ? "" : "\n| filter " + String.join(" and ", f))
        + "\n"
        + QueryRenderer.timeComment(s.window());
  }

  private static String opensearch(QueryIntent.Spans s) {
    ObjectNode root = QueryRenderer.object();
    ArrayNode filter = root.putObject("query").putObject("bool").putArray("filter");
    if (!s.services().isEmpty()) {
      filter.add(QueryRenderer.terms("serviceName", s.services()));
    }
    if (s.errorsOnly()) {
      filter.addObject().putObject("term").put("status.code", 2);
    }
    filter.add(QueryRenderer.range("startTime", s.window()));
    return QueryRenderer.pretty(root);
  }

  private static String sql(QueryIntent.Spans s) {
    List<String> where = new ArrayList<>();
    if (!s.services().isEmpty()) {
      where.add(
          "service IN ("
              + s.services().stream().map(QueryRenderer::sq).collect(Collectors.joining(", "))
              + ")");
    }
    if (s.errorsOnly()) {
      where.add("status = 'ERROR'");
    }
    where.add("start_ts >= TIMESTAMP " + sq(s.window().start().toString()));
    where.add("start_ts < TIMESTAMP " + sq(s.window().end().toString()));
    return "SELECT trace_id, span_id, parent_span_id, service, operation, start_ts, duration_us,"
        + " status\nFROM spans\nWHERE "
        + String.join("\n  AND ", where);
  }
}
