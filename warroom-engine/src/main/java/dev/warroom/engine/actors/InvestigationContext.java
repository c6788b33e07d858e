package dev.warroom.engine.actors;

import dev.warroom.engine.agents.DataInventory;
import dev.warroom.engine.agents.EvidenceLog;
import dev.warroom.engine.agents.TelemetryAgent;
import dev.warroom.model.Finding;
import dev.warroom.model.Incident;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The state one investigation's actors share: the incident, its window and the baseline before it,
 * the agent that queries telemetry, the evidence log, and the findings so far. One context per
 * investigation; not shared between threads.
 */
public final class InvestigationContext {
  private final Incident incident;
  private final TimeWindow baseline;
  private final TelemetryAgent agent;
  private final EvidenceLog evidence = new EvidenceLog();
  private final List<Finding> findings = new ArrayList<>();
  private final java.util.Map<String, Object> memo = new java.util.HashMap<>();
  private java.util.function.Supplier<Topology> topologyProvider;

  /**
   * @param incident the incident and its window (where symptoms are looked for)
   * @param baseline the window before it that defines "normal"
   */
  public InvestigationContext(Incident incident, TimeWindow baseline, TelemetryAgent agent) {
    this.incident = Objects.requireNonNull(incident, "incident");
    this.baseline = Objects.requireNonNull(baseline, "baseline");
    this.agent = Objects.requireNonNull(agent, "agent");
  }

  public Incident incident() {
    return incident;
  }

  public TimeWindow window() {
    return incident.window();
  }

  public TimeWindow baseline() {
    return baseline;
  }

  public TelemetryAgent agent() {
    return agent;
  }

  public DataInventory inventory() {
    return agent.inventory();
  }

  /**
   * Supplies the dependency graph to reason over (the bundle's, or one derived from spans); the
   * Director sets it, and actors read it through {@link #memo} under {@code "topology-view"}.
   */
  public void setTopologyProvider(java.util.function.Supplier<Topology> provider) {
    this.topologyProvider = provider;
  }

  public java.util.function.Supplier<Topology> topologyProvider() {
    return topologyProvider != null ? topologyProvider : this::topology;
  }

  public Topology topology() {
    return agent.source().topology();
  }

  public EvidenceLog evidence() {
    return evidence;
  }

  public void addFinding(Finding f) {
    findings.add(f);
  }

  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  /**
   * A value computed once per investigation and shared by actors (e.g. the metric scan), keyed by
   * name.
   */
  @SuppressWarnings("unchecked")
  public <T> T memo(String key, java.util.function.Supplier<T> compute) {
    Object v = memo.get(key);
    if (v == null) {
      v = compute.get();
      memo.put(key, v);
    }
    return (T) v;
  }

  /** The services to look at when a step names none: every service in the data. */
  public List<String> allServices() {
    return List.copyOf(inventory().services());
  }
}
