package dev.warroom.connectors.prometheus;

import dev.warroom.store.MetricAggregationQuery;
import dev.warroom.store.MetricQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The PromQL of a step aggregation, evaluated once per bucket over a range of one step:
 *
 * <ul>
 *   <li>RATE: {@code sum by (g) (rate(sel[step]))} (per-second increase with Prometheus' counter
 *       resets and extrapolation to the range's edges);
 *   <li>AVG, MIN, MAX, SUM, COUNT: the {@code *_over_time} of each series folded across series
 *       ({@code avg by (g) (avg_over_time(sel[step]))}, …; COUNT sums the per-series counts);
 *   <li>QUANTILE: for a classic histogram ({@code *_bucket} with {@code le}) {@code
 *       histogram_quantile(q, sum by (g, le) (rate(sel[step])))}; otherwise {@code quantile by (g)
 *       (q, quantile_over_time(q, sel[step]))}.
 * </ul>
 *
 * A selection limited below {@link MetricQuery#DEFAULT_LIMIT} series is wrapped in {@code topk(k,
 * …)}: the k groups with the highest value at each step.
 */
final class PromQlAggregation {
  private PromQlAggregation() {}

  static String of(MetricAggregationQuery q, String selector, UnaryOperator<String> backendLabel) {
    List<String> by = new ArrayList<>();
    for (String g : q.groupBy()) {
      by.add(backendLabel.apply(g));
    }
    String range = selector + "[" + PromQl.duration(q.step().toMillis()) + "]";
    String grouped = PromQl.by(by);
    String expr =
        switch (q.aggregation()) {
          case RATE -> "sum" + grouped + " (rate(" + range + "))";
          case AVG -> "avg" + grouped + " (avg_over_time(" + range + "))";
          case MIN -> "min" + grouped + " (min_over_time(" + range + "))";
          case MAX -> "max" + grouped + " (max_over_time(" + range + "))";
          case SUM -> "sum" + grouped + " (sum_over_time(" + range + "))";
          case COUNT -> "sum" + grouped + " (count_over_time(" + range + "))";
          case QUANTILE -> {
            String quantile = Double.toString(q.quantile());
            String name = q.select().name();
            if (name != null && name.endsWith("_bucket")) {
              List<String> withLe = new ArrayList<>(by);
              withLe.add("le");
              yield "histogram_quantile("
                  + quantile
                  + ", sum"
                  + PromQl.by(withLe)
                  + " (rate("
                  + range
                  + ")))";
            }
            yield "quantile"
                + grouped
                + " ("
                + quantile
                + ", quantile_over_time("
                + quantile
                + ", "
                + range
                + "))";
          }
        };
    int k = q.select().limitSeries();
    return k < MetricQuery.DEFAULT_LIMIT ? "topk(" + k + ", " + expr + ")" : expr;
  }
}
