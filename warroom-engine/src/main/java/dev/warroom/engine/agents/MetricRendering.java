package dev.warroom.engine.agents;

import static dev.warroom.engine.agents.QueryRenderer.dq;
import static dev.warroom.engine.agents.QueryRenderer.sq;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.stream.Collectors;

/** Metric intents in PromQL, SPL {@code mstats}, CloudWatch Metrics Insights, OpenSearch, SQL. */
final class MetricRendering {
  private MetricRendering() {}

  static String render(QueryIntent.Metrics m, Dialect dialect) {
    return switch (dialect) {
      case PROMQL -> promql(m);
      case SPL -> spl(m);
      case CLOUDWATCH -> cloudwatch(m);
      case OPENSEARCH -> opensearch(m);
      case SQL -> sql(m);
      case LOGQL -> throw new IllegalArgumentException("logql cannot express a metric query");
    };
  }

  private static String promql(QueryIntent.Metrics m) {
    StringBuilder sel = new StringBuilder();
    String matchers =
        m.matchers().entrySet().stream()
            .map(e -> e.getKey() + "=" + dq(e.getValue()))
            .collect(Collectors.joining(","));
    if (m.metric().isEmpty()) {
      sel.append("{").append(matchers.isEmpty() ? "__name__=~\".+\"" : matchers).append("}");
    } else {
      sel.append(m.metric());
      if (!matchers.isEmpty()) {
        sel.append("{").append(matchers).append("}");
      }
    }
    String range = "[" + promDuration(m.step()) + "]";
    String expr =
        switch (m.aggregation()) {
          case RAW -> sel.toString();
          case AVG -> "avg_over_time(" + sel + range + ")";
          case MAX -> "max_over_time(" + sel + range + ")";
          case RATE -> "rate(" + sel + range + ")";
        };
    return expr + "\n" + QueryRenderer.timeComment(m.window()) + " step=" + promDuration(m.step());
  }

  static String promDuration(java.time.Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0) {
      return (s / 3600) + "h";
    }
    if (s % 60 == 0) {
      return (s / 60) + "m";
    }
    return s + "s";
  }

  private static String fn(QueryIntent.Metrics m) {
    return switch (m.aggregation()) {
      case RAW, AVG -> "avg";
      case MAX -> "max";
      case RATE -> "rate";
    };
  }

  private static String spl(QueryIntent.Metrics m) {
    String where =
        m.matchers().entrySet().stream()
            .map(e -> e.getKey() + "=" + dq(e.getValue()))
            .collect(Collectors.joining(" "));
    String metric = m.metric().isEmpty() ? "*" : m.metric();
    return "| mstats "
        + fn(m)
        + "("
        + metric
        + ") WHERE index=metrics "
        + where
        + " earliest="
        + m.window().start().getEpochSecond()
        + " latest="
        + m.window().end().getEpochSecond()
        + " span="
        + promDuration(m.step());
  }

  private static String cloudwatch(QueryIntent.Metrics m) {
    String metric = m.metric().isEmpty() ? "*" : dq(m.metric());
    String dims = String.join(", ", m.matchers().keySet());
    String where =
        m.matchers().entrySet().stream()
            .map(e -> e.getKey() + " = " + sq(e.getValue()))
            .collect(Collectors.joining(" AND "));
    return "SELECT "
        + fn(m).toUpperCase(java.util.Locale.ROOT).replace("RATE", "SUM")
        + "("
        + metric
        + ") FROM SCHEMA(\"warroom\""
        + (dims.isEmpty() ? "" : ", " + dims)
        + ")"
        + (where.isEmpty() ? "" : " WHERE " + where)
        + "\n"
        + QueryRenderer.timeComment(m.window())
        + " period="
        + m.step().toSeconds();
  }

  private static String opensearch(QueryIntent.Metrics m) {
    ObjectNode root = QueryRenderer.object();
    root.put("size", 0);
    ArrayNode filter = root.putObject("query").putObject("bool").putArray("filter");
    if (!m.metric().isEmpty()) {
      filter.addObject().putObject("term").put("name", m.metric());
    }
    for (Map.Entry<String, String> e : m.matchers().entrySet()) {
      filter.addObject().putObject("term").put("labels." + e.getKey(), e.getValue());
    }
    filter.add(QueryRenderer.range("@timestamp", m.window()));
    ObjectNode hist = root.putObject("aggs").putObject("over_time");
    hist.putObject("date_histogram")
        .put("field", "@timestamp")
        .put("fixed_interval", promDuration(m.step()));
    hist.putObject("aggs")
        .putObject("value")
        .putObject(m.aggregation() == QueryIntent.Aggregation.MAX ? "max" : "avg")
        .put("field", "value");
    return QueryRenderer.pretty(root);
  }

  private static String sql(QueryIntent.Metrics m) {
    StringBuilder where = new StringBuilder();
    if (!m.metric().isEmpty()) {
      where.append("metric = ").append(sq(m.metric())).append(" AND ");
    }
    for (Map.Entry<String, String> e : m.matchers().entrySet()) {
      where.append("labels['").append(e.getKey()).append("'] = ").append(sq(e.getValue()));
      where.append(" AND ");
    }
    where.append("ts >= TIMESTAMP ").append(sq(m.window().start().toString()));
    where.append(" AND ts < TIMESTAMP ").append(sq(m.window().end().toString()));
    String agg =
        switch (m.aggregation()) {
          case MAX -> "max(value)";
          case RATE -> "(max(value) - min(value)) / " + m.step().toSeconds();
          case RAW, AVG -> "avg(value)";
        };
    return "SELECT metric, labels, time_bucket(INTERVAL '"
        + m.step().toSeconds()
        + " seconds', ts) AS bucket, "
        + agg
        + " AS value\nFROM metric_points\nWHERE "
        + where
        + "\nGROUP BY metric, labels, bucket ORDER BY bucket";
  }
}
