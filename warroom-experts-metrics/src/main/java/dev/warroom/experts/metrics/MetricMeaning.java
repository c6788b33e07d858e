package dev.warroom.experts.metrics;

import java.util.Objects;

/**
 * What a metric name means, whatever convention wrote it ({@link MetricSemantics#of}).
 *
 * @param signal the signal id, the same ids the engine's signal table uses: {@code cpu}, {@code
 *     memory}, {@code latency}, {@code errors}, {@code traffic}, {@code network_latency}, {@code
 *     packet_loss}, {@code disk_io}, {@code threads}, ...; {@code other} when unknown
 * @param kind whether the series is cumulative (needs a rate before testing a level shift)
 * @param unit the unit the value is in, as far as the name says
 * @param scope whether the series describes a node, a pod/container/process or a service's requests
 * @param bad which way is bad for the system: latency up, success rate down
 */
public record MetricMeaning(String signal, Kind kind, Unit unit, Scope scope, Bad bad) {
  public MetricMeaning {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(bad, "bad");
  }

  /** Nothing known about the name. */
  public static final MetricMeaning UNKNOWN =
      new MetricMeaning("other", Kind.UNKNOWN, Unit.UNKNOWN, Scope.UNKNOWN, Bad.EITHER);

  /** True when the name is understood. */
  public boolean known() {
    return !signal.equals("other");
  }

  /** Cumulative or instantaneous. */
  public enum Kind {
    /** Monotonic cumulative count ({@code _total}, {@code _count}, {@code _sum}, CPU time). */
    COUNTER,
    /** A level that goes up and down. */
    GAUGE,
    /** The name does not say; the data decides ({@link MetricSemantics#looksCumulative}). */
    UNKNOWN
  }

  /** Unit of the values. */
  public enum Unit {
    /** 0–100. */
    PERCENT,
    /** 0–1. */
    RATIO,
    SECONDS,
    MILLISECONDS,
    MICROSECONDS,
    NANOSECONDS,
    BYTES,
    MEBIBYTES,
    /** CPU in thousandths of a core. */
    MILLICORES,
    /** CPU in billionths of a core (Datadog {@code kubernetes.cpu.usage.total}). */
    NANOCORES,
    PER_SECOND,
    COUNT,
    UNKNOWN
  }

  /** What the series describes. */
  public enum Scope {
    /** A machine: node_exporter, {@code system.*}, {@code node_*} columns. */
    NODE,
    /** A pod, container or process. */
    POD,
    /** A service's requests (latency, errors, traffic). */
    SERVICE,
    UNKNOWN
  }

  /** The direction of change that hurts. */
  public enum Bad {
    UP,
    DOWN,
    EITHER,
    /** A configured value (limit, capacity): a change is a cause to look at, not a symptom. */
    NONE
  }
}
