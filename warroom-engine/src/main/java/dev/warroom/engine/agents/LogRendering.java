package dev.warroom.engine.agents;

import static dev.warroom.engine.agents.QueryRenderer.dq;
import static dev.warroom.engine.agents.QueryRenderer.sq;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Log intents in LogQL, SPL, CloudWatch Logs Insights, OpenSearch query DSL and SQL. */
final class LogRendering {
  private LogRendering() {}

  static String render(QueryIntent.Logs l, Dialect dialect) {
    return switch (dialect) {
      case LOGQL -> logql(l);
      case SPL -> spl(l);
      case CLOUDWATCH -> cloudwatch(l);
      case OPENSEARCH -> opensearch(l);
      case SQL -> sql(l);
      case PROMQL -> throw new IllegalArgumentException("promql cannot express a log query");
    };
  }

  private static String logql(QueryIntent.Logs l) {
    StringBuilder q = new StringBuilder();
    if (l.services().isEmpty()) {
      q.append("{service=~\".+\"}");
    } else if (l.services().size() == 1) {
      q.append("{service=").append(dq(l.services().get(0))).append("}");
    } else {
      q.append("{service=~").append(dq(QueryRenderer.regexAlt(l.services()))).append("}");
    }
    if (l.minSeverity() != null) {
      q.append(" | json | level=~")
          .append(dq("(?i)" + String.join("|", QueryRenderer.levelsFrom(l.minSeverity()))));
    }
    if (l.bodyRegex() != null) {
      q.append(" |~ ").append(dq(l.bodyRegex()));
    }
    return q + "\n" + QueryRenderer.timeComment(l.window());
  }

  private static String spl(QueryIntent.Logs l) {
    StringBuilder q = new StringBuilder("search index=logs");
    if (!l.services().isEmpty()) {
      q.append(" service IN (")
          .append(l.services().stream().map(QueryRenderer::dq).collect(Collectors.joining(", ")))
          .append(")");
    }
    if (l.minSeverity() != null) {
      q.append(" level IN (")
          .append(String.join(", ", QueryRenderer.levelsFrom(l.minSeverity())))
          .append(")");
    }
    q.append(" earliest=").append(l.window().start().getEpochSecond());
    q.append(" latest=").append(l.window().end().getEpochSecond());
    if (l.bodyRegex() != null) {
      q.append(" | regex _raw=").append(dq(l.bodyRegex()));
    }
    return q + " | sort 0 _time";
  }

  private static String cloudwatch(QueryIntent.Logs l) {
    StringBuilder q = new StringBuilder("fields @timestamp, service, level, @message");
    List<String> filters = new java.util.ArrayList<>();
    if (!l.services().isEmpty()) {
      filters.add(
          "service in ["
              + l.services().stream().map(QueryRenderer::dq).collect(Collectors.joining(", "))
              + "]");
    }
    if (l.minSeverity() != null) {
      filters.add(
          "level in ["
              + QueryRenderer.levelsFrom(l.minSeverity()).stream()
                  .map(QueryRenderer::dq)
                  .collect(Collectors.joining(", "))
              + "]");
    }
    if (l.bodyRegex() != null) {
      filters.add("@message like /" + l.bodyRegex().replace("/", "\\/") + "/");
    }
    if (!filters.isEmpty()) {
      q.append("\n| filter ").append(String.join(" and ", filters));
    }
    return q + "\n| sort @timestamp asc\n" + QueryRenderer.timeComment(l.window());
  }

  private static String opensearch(QueryIntent.Logs l) {
    ObjectNode root = QueryRenderer.object();
    ObjectNode bool = root.putObject("query").putObject("bool");
    ArrayNode filter = bool.putArray("filter");
    if (!l.services().isEmpty()) {
      filter.add(QueryRenderer.terms("service", l.services()));
    }
    if (l.minSeverity() != null) {
      filter.add(QueryRenderer.terms("level", QueryRenderer.levelsFrom(l.minSeverity())));
    }
    filter.add(QueryRenderer.range("@timestamp", l.window()));
    if (l.bodyRegex() != null) {
      bool.putArray("must").addObject().putObject("regexp").put("message", l.bodyRegex());
    }
    root.putArray("sort").addObject().put("@timestamp", "asc");
    return QueryRenderer.pretty(root);
  }

  private static String sql(QueryIntent.Logs l) {
    List<String> where = new java.util.ArrayList<>();
    if (!l.services().isEmpty()) {
      where.add(
          "service IN ("
              + l.services().stream().map(QueryRenderer::sq).collect(Collectors.joining(", "))
              + ")");
    }
    if (l.minSeverity() != null) {
      where.add(
          "severity IN ("
              + QueryRenderer.levelsFrom(l.minSeverity()).stream()
                  .map(QueryRenderer::sq)
                  .collect(Collectors.joining(", "))
              + ")");
    }
    if (l.bodyRegex() != null) {
      where.add("regexp_matches(body, " + sq(l.bodyRegex()) + ")");
    }
    where.add("ts >= TIMESTAMP " + sq(l.window().start().toString()));
    where.add("ts < TIMESTAMP " + sq(l.window().end().toString()));
    return "SELECT ts, service, severity, body\nFROM logs\nWHERE "
        + String.join("\n  AND ", where)
        + "\nORDER BY ts";
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
