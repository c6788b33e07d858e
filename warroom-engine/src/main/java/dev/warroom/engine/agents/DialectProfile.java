package dev.warroom.engine.agents;

import java.util.Objects;

/**
 * The dialects a user's backends speak, per kind of data: e.g. metrics in PromQL, logs in LogQL,
 * traces and events in OpenSearch. Observations show their query rendered in these dialects.
 */
public record DialectProfile(Dialect metrics, Dialect logs, Dialect traces, Dialect events) {
  public DialectProfile {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(traces, "traces");
    Objects.requireNonNull(events, "events");
    if (metrics == Dialect.LOGQL) {
      throw new IllegalArgumentException("metrics dialect: logql renders log queries only");
    }
    if (logs == Dialect.PROMQL || traces == Dialect.PROMQL || events == Dialect.PROMQL) {
      throw new IllegalArgumentException("promql renders metric queries only");
    }
    if (traces == Dialect.LOGQL) {
      throw new IllegalArgumentException("traces dialect: logql cannot query spans");
    }
  }

  /** Prometheus for metrics, Loki for logs, OpenSearch for traces and events. */
  public static DialectProfile defaults() {
    return new DialectProfile(
        Dialect.PROMQL, Dialect.LOGQL, Dialect.OPENSEARCH, Dialect.OPENSEARCH);
  }

  /**
   * One dialect for every kind of data it can express; the rest keep their defaults (PromQL has no
   * logs, LogQL no metrics or spans).
   */
  public static DialectProfile of(Dialect dialect) {
    DialectProfile d = defaults();
    return switch (dialect) {
      case PROMQL -> d;
      case LOGQL -> new DialectProfile(d.metrics(), Dialect.LOGQL, d.traces(), Dialect.LOGQL);
      case SPL, CLOUDWATCH, OPENSEARCH, SQL ->
          new DialectProfile(dialect, dialect, dialect, dialect);
    };
  }
}
