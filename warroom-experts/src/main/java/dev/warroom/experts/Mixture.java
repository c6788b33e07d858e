package dev.warroom.experts;

import dev.warroom.experts.code.CodeExpert;
import dev.warroom.experts.events.EventExpert;
import dev.warroom.experts.logs.LogExpert;
import dev.warroom.experts.metrics.MetricExpert;
import dev.warroom.experts.topology.RankedComponent;
import dev.warroom.experts.topology.RootCauseRanker;
import dev.warroom.experts.traces.TraceAnalysis;
import dev.warroom.experts.traces.TraceExpert;
import dev.warroom.model.Finding;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mixture of experts over an incident's typed telemetry: each expert sees the data it owns
 * (logs, metrics, traces, events, code), and the topology expert ranks root-cause candidates from
 * all their findings: metric anomalies weight the walk, the other experts' findings are direct
 * evidence. The dependency graph is the bundle's topology, or the one derived from the spans when
 * the bundle has none. The database expert needs statement statistics, which bundles do not carry
 * yet, so it is not called here.
 */
public final class Mixture {
  private final MetricExpert metrics;
  private final TraceExpert traces;
  private final CodeExpert code;
  private final RootCauseRanker ranker;

  public Mixture(
      MetricExpert metrics, TraceExpert traces, CodeExpert code, RootCauseRanker ranker) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.traces = Objects.requireNonNull(traces, "traces");
    this.code = Objects.requireNonNull(code, "code");
    this.ranker = Objects.requireNonNull(ranker, "ranker");
  }

  /** Every expert with its default configuration. */
  public static Mixture withDefaults() {
    return new Mixture(
        MetricExpert.withDefaults(),
        TraceExpert.withDefaults(),
        new CodeExpert(),
        RootCauseRanker.withDefaults());
  }

  /**
   * What the experts found and the ranked root-cause candidates.
   *
   * @param findings every expert's findings, in expert order (metrics, logs, traces, events, code)
   * @param ranking all components of the dependency graph, most likely root cause first
   * @param graph the dependency graph the ranking walked
   */
  public record Investigation(
      List<Finding> findings, List<RankedComponent> ranking, Topology graph) {
    public Investigation {
      findings = List.copyOf(findings);
      ranking = List.copyOf(ranking);
      Objects.requireNonNull(graph, "graph");
    }
  }

  /**
   * Runs every expert on the bundle's telemetry and ranks root-cause candidates.
   *
   * @param baseline a window of normal operation (logs and spans in it are the baseline)
   * @param incident the incident window
   * @param symptomService the alerting service, or null; when it is in the graph only the
   *     components it depends on are ranked
   */
  public Investigation investigate(
      IncidentBundle bundle, TimeWindow baseline, TimeWindow incident, String symptomService) {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(incident, "incident");
    List<LogRecord> baseLogs = logsIn(bundle, baseline);
    List<LogRecord> incLogs = logsIn(bundle, incident);
    List<Finding> metricFindings = metrics.findings(bundle.metrics(), incident);
    List<Finding> direct = new ArrayList<>();
    direct.addAll(LogExpert.analyze(baseLogs, baseline, incLogs, incident).findings());
    TraceAnalysis t = traces.analyze(spansIn(bundle, baseline), spansIn(bundle, incident));
    direct.addAll(t.findings());
    direct.addAll(
        EventExpert.analyze(
            bundle.events(), symptomService, incident.start(), bundle.topology(), 0.0));
    direct.addAll(code.analyzeLogs(incLogs, bundle.code()));
    Topology graph =
        bundle.topology().edges().isEmpty() ? t.serviceGraph().toTopology() : bundle.topology();
    Map<String, Double> anomaly = new HashMap<>();
    for (Finding f : metricFindings) {
      String key = f.service() != null ? f.service() : f.component();
      anomaly.merge(key, f.score(), Math::max);
    }
    boolean scoped = symptomService != null && graphHas(graph, symptomService);
    List<RankedComponent> ranking =
        scoped
            ? ranker.rankFromSymptom(graph, symptomService, anomaly, direct)
            : ranker.rank(graph, anomaly, direct);
    List<Finding> all = new ArrayList<>(metricFindings);
    all.addAll(direct);
    return new Investigation(all, ranking, graph);
  }

  private static boolean graphHas(Topology g, String service) {
    return g.services().stream().anyMatch(s -> s.name().equals(service))
        || g.edges().stream()
            .anyMatch(e -> e.caller().equals(service) || e.callee().equals(service));
  }

  private static List<LogRecord> logsIn(IncidentBundle b, TimeWindow w) {
    return b.logs().stream().filter(r -> w.contains(r.timestamp())).toList();
  }

  private static List<Span> spansIn(IncidentBundle b, TimeWindow w) {
    return b.spans().stream().filter(s -> w.contains(s.start())).toList();
  }
}
