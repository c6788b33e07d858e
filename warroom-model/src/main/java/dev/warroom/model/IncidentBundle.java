package dev.warroom.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything about one incident, as held in a bundle folder (see docs/bundles.md): the alert (null
 * when the bundle has none), the telemetry, the topology (empty when not given) and the code
 * snapshot, and the statistics of its SQL databases ({@code db/}; empty when none). Ground truth
 * ({@code truth.json}) is not part of it; the gym reads and writes that itself.
 */
public record IncidentBundle(
    BundleManifest manifest,
    Alert alert,
    List<MetricSeries> metrics,
    List<LogRecord> logs,
    List<Span> spans,
    List<Event> events,
    Topology topology,
    List<SourceFile> code,
    List<DatabaseStats> databases) {
  public IncidentBundle {
    manifest = manifest == null ? BundleManifest.empty() : manifest;
    metrics = List.copyOf(metrics);
    logs = List.copyOf(logs);
    spans = List.copyOf(spans);
    events = List.copyOf(events);
    topology = topology == null ? Topology.empty() : topology;
    code = code == null ? List.of() : List.copyOf(code);
    databases = databases == null ? List.of() : List.copyOf(databases);
    Objects.requireNonNull(metrics);
  }

  /** A bundle without database statistics. */
  public IncidentBundle(
      BundleManifest manifest,
      Alert alert,
      List<MetricSeries> metrics,
      List<LogRecord> logs,
      List<Span> spans,
      List<Event> events,
      Topology topology,
      List<SourceFile> code) {
    this(manifest, alert, metrics, logs, spans, events, topology, code, List.of());
  }

  /** This bundle with {@code databases} as its database statistics. */
  public IncidentBundle withDatabases(List<DatabaseStats> databases) {
    return new IncidentBundle(
        manifest, alert, metrics, logs, spans, events, topology, code, databases);
  }
}
