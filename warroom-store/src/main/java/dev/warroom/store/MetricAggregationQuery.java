package dev.warroom.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A step aggregation over selected series: points are cut into buckets of {@code step} (aligned to
 * the Unix epoch), grouped by the values of the {@code groupBy} labels (empty: one group for
 * everything), and folded with {@code aggregation}. The result has one series per group, named
 * {@code <metric>:<aggregation>} (e.g. {@code http_requests_total:rate}) with the group-by labels,
 * one point per non-empty bucket stamped with the bucket start.
 */
public record MetricAggregationQuery(
    MetricQuery select,
    Duration step,
    Aggregation aggregation,
    double quantile,
    List<String> groupBy) {
  public MetricAggregationQuery {
    Objects.requireNonNull(select, "select");
    Objects.requireNonNull(step, "step");
    if (step.toMillis() < 1) {
      throw new IllegalArgumentException("step < 1ms: " + step);
    }
    Objects.requireNonNull(aggregation, "aggregation");
    if (aggregation == Aggregation.QUANTILE && !(quantile >= 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile not in [0,1]: " + quantile);
    }
    groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
  }

  public static MetricAggregationQuery of(
      MetricQuery select, Duration step, Aggregation aggregation, String... groupBy) {
    return new MetricAggregationQuery(select, step, aggregation, 0.5, List.of(groupBy));
  }

  public static MetricAggregationQuery quantile(
      MetricQuery select, Duration step, double q, String... groupBy) {
    return new MetricAggregationQuery(select, step, Aggregation.QUANTILE, q, List.of(groupBy));
  }
}
