package dev.warroom.engine.agents;

import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an agent wants to know, independent of any backend: the typed query builders of DESIGN.md
 * ("never a shell"). An intent is rendered into each user dialect by {@link QueryRenderer} and run
 * against the store by a {@link TelemetryAgent}; both renderings describe the same selection.
 */
public sealed interface QueryIntent {

  /** The window the query covers. */
  TimeWindow window();

  /** How a metric query reduces each series over time. */
  enum Aggregation {
    RAW,
    AVG,
    MAX,
    RATE
  }

  /**
   * Metric series named {@code metric} whose labels equal {@code matchers}, reduced by {@code
   * aggregation} over {@code step} buckets. An empty metric name with a {@code service} matcher
   * selects every series of that service; with neither, every series (a scan).
   */
  record Metrics(
      String metric,
      Map<String, String> matchers,
      Aggregation aggregation,
      Duration step,
      TimeWindow window)
      implements QueryIntent {
    public Metrics {
      metric = metric == null ? "" : metric;
      matchers = matchers == null ? Map.of() : Map.copyOf(new TreeMap<>(matchers));
      Objects.requireNonNull(aggregation, "aggregation");
      Objects.requireNonNull(step, "step");
      if (step.isNegative() || step.isZero()) {
        throw new IllegalArgumentException("step must be positive: " + step);
      }
      Objects.requireNonNull(window, "window");
    }
  }

  /**
   * Log records of {@code services} (all when empty) at or above {@code minSeverity} (any when
   * null) whose body matches {@code bodyRegex} (any when null).
   */
  record Logs(List<String> services, Severity minSeverity, String bodyRegex, TimeWindow window)
      implements QueryIntent {
    public Logs {
      services = services == null ? List.of() : List.copyOf(services);
      bodyRegex = bodyRegex == null || bodyRegex.isEmpty() ? null : bodyRegex;
      Objects.requireNonNull(window, "window");
    }
  }

  /** Spans of {@code services} (all when empty), only failed ones when {@code errorsOnly}. */
  record Spans(List<String> services, boolean errorsOnly, TimeWindow window)
      implements QueryIntent {
    public Spans {
      services = services == null ? List.of() : List.copyOf(services);
      Objects.requireNonNull(window, "window");
    }
  }

  /** Events and changes concerning {@code services} (all when empty). */
  record Events(List<String> services, TimeWindow window) implements QueryIntent {
    public Events {
      services = services == null ? List.of() : List.copyOf(services);
      Objects.requireNonNull(window, "window");
    }
  }
}
