package dev.warroom.engine.agents;

import java.util.Locale;

/**
 * A query language users run against their own telemetry backends. The engine renders every query
 * it runs into the user's configured dialect so that an observation can be re-run where the data
 * really lives (Prometheus, Loki, Splunk, CloudWatch, OpenSearch, a SQL warehouse).
 */
public enum Dialect {
  PROMQL,
  LOGQL,
  SPL,
  CLOUDWATCH,
  OPENSEARCH,
  SQL;

  /**
   * {@code promql}, {@code logql}, {@code spl}, {@code cloudwatch}, {@code opensearch}, {@code
   * sql}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a dialect id, naming the accepted values when it is unknown. */
  public static Dialect parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    return switch (t) {
      case "PROMQL", "PROMETHEUS" -> PROMQL;
      case "LOGQL", "LOKI" -> LOGQL;
      case "SPL", "SPLUNK" -> SPL;
      case "CLOUDWATCH", "CLOUDWATCHLOGSINSIGHTS", "CWL" -> CLOUDWATCH;
      case "OPENSEARCH", "ELASTICSEARCH", "ES" -> OPENSEARCH;
      case "SQL" -> SQL;
      default ->
          throw new IllegalArgumentException(
              "unknown dialect: '" + text + "' (promql, logql, spl, cloudwatch, opensearch, sql)");
    };
  }
}
