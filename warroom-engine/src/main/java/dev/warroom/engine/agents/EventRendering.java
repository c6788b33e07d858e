package dev.warroom.engine.agents;

import static dev.warroom.engine.agents.QueryRenderer.dq;
import static dev.warroom.engine.agents.QueryRenderer.sq;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/**
 * Event and change intents: LogQL over the Kubernetes event exporter stream, SPL, CloudWatch Logs
 * Insights, OpenSearch and SQL.
 */
final class EventRendering {
  private EventRendering() {}

  static String render(QueryIntent.Events e, Dialect dialect) {
    return switch (dialect) {
      case LOGQL -> logql(e);
      case SPL -> spl(e);
      case CLOUDWATCH -> cloudwatch(e);
      case OPENSEARCH -> opensearch(e);
      case SQL -> sql(e);
      case PROMQL -> throw new IllegalArgumentException("promql cannot express an event query");
    };
  }

  private static String logql(QueryIntent.Events e) {
    String sel =
        e.services().isEmpty()
            ? "{job=\"kubernetes-events\"}"
            : "{job=\"kubernetes-events\", service=~"
                + dq(QueryRenderer.regexAlt(e.services()))
                + "}";
    return sel + "\n" + QueryRenderer.timeComment(e.window());
  }

  private static String spl(QueryIntent.Events e) {
    return "search index=k8s_events OR index=changes"
        + (e.services().isEmpty()
            ? ""
            : " service IN ("
                + e.services().stream().map(QueryRenderer::dq).collect(Collectors.joining(", "))
                + ")")
        + " earliest="
        + e.window().start().getEpochSecond()
        + " latest="
        + e.window().end().getEpochSecond();
  }

  private static String cloudwatch(QueryIntent.Events e) {
    return "fields @timestamp, service, reason, @message"
        + (e.services().isEmpty()
            ? ""
            : "\n| filter service in ["
                + e.services().stream().map(QueryRenderer::dq).collect(Collectors.joining(", "))
                + "]")
        + "\n| sort @timestamp asc\n"
        + QueryRenderer.timeComment(e.window());
  }

  private static String opensearch(QueryIntent.Events e) {
    ObjectNode root = QueryRenderer.object();
    ArrayNode filter = root.putObject("query").putObject("bool").putArray("filter");
    if (!e.services().isEmpty()) {
      filter.add(QueryRenderer.terms("service", e.services()));
    }
    filter.add(QueryRenderer.range("@timestamp", e.window()));
    root.putArray("sort").addObject().put("@timestamp", "asc");
    return QueryRenderer.pretty(root);
  }

  private static String sql(QueryIntent.Events e) {
    String where =
        (e.services().isEmpty()
                ? ""
                : "service IN ("
                    + e.services().stream().map(QueryRenderer::sq).collect(Collectors.joining(", "))
                    + ")\n  AND ")
            + "ts >= TIMESTAMP "
            + sq(e.window().start().toString())
            + " AND ts < TIMESTAMP "
            + sq(e.window().end().toString());
    return "SELECT ts, kind, service, reason, message\nFROM events\nWHERE "
        + where
        + "\nORDER BY ts";
  }
}
