package dev.warroom.store;

import dev.warroom.model.TimeWindow;
import java.util.List;

/**
 * Selects raw metric series: a metric name (null for any), label matchers, an optional service
 * (matched against the {@code service} label, else {@code job}), a time window (null for all time)
 * and a maximum number of series (the points of each selected series within the window are all
 * returned).
 */
public record MetricQuery(
    String name, List<LabelMatcher> matchers, String service, TimeWindow window, int limitSeries) {
  public static final int DEFAULT_LIMIT = 10_000;

  public MetricQuery {
    name = name == null || name.isBlank() ? null : name;
    matchers = matchers == null ? List.of() : List.copyOf(matchers);
    service = service == null || service.isBlank() ? null : service;
    if (limitSeries < 1) {
      throw new IllegalArgumentException("limitSeries < 1: " + limitSeries);
    }
  }

  public static MetricQuery of(String name, TimeWindow window) {
    return new MetricQuery(name, List.of(), null, window, DEFAULT_LIMIT);
  }

  public MetricQuery withService(String s) {
    return new MetricQuery(name, matchers, s, window, limitSeries);
  }

  public MetricQuery withMatchers(List<LabelMatcher> m) {
    return new MetricQuery(name, m, service, window, limitSeries);
  }
}
