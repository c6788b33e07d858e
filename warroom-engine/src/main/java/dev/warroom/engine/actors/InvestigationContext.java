package dev.warroom.engine.actors;

import dev.warroom.engine.agents.DataInventory;
import dev.warroom.engine.agents.EvidenceLog;
import dev.warroom.engine.agents.ExpertDesk;
import dev.warroom.engine.agents.TelemetryAgent;
import dev.warroom.model.Evidence;
import dev.warroom.model.Finding;
import dev.warroom.model.Incident;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state one investigation's actors share: the incident, its window and the baseline before it,
 * the agent that queries telemetry, the evidence log, and the findings so far. One context per
 * investigation. A {@code parallel} block gives each branch a {@link #fork()} that shares the
 * agent, budget and memo (thread-safe) but owns its evidence and findings; the interpreter then
 * {@link #absorb}s the branches in source order, so evidence ids do not depend on thread timing.
 */
public final class InvestigationContext {
  private final Incident incident;
  private final TimeWindow baseline;
  private final java.time.Instant onset;
  private final boolean baselineDeclared;
  private final String windowNote;
  private final List<String> splitNotes;
  private final TelemetryAgent agent;
  private final EvidenceLog evidence;
  private final List<Finding> inherited;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, CompletableFuture<Object>> memo;
  private final AtomicInteger forks;
  private volatile java.util.function.Supplier<Topology> topologyProvider;

  /**
   * @param incident the incident and its window (where symptoms are looked for)
   * @param baseline the window before it that defines "normal"
   */
  public InvestigationContext(Incident incident, TimeWindow baseline, TelemetryAgent agent) {
    this(incident, baseline, null, "", agent);
  }

  /**
   * @param onset the estimated start of the fault inside the window, or null when unknown (then the
   *     alert's start stands in for it)
   * @param windowNote how the window and baseline were chosen, for the report
   */
  public InvestigationContext(
      Incident incident,
      TimeWindow baseline,
      java.time.Instant onset,
      String windowNote,
      TelemetryAgent agent) {
    this(incident, baseline, false, onset, windowNote, agent);
  }

  /**
   * @param baselineDeclared whether {@code baseline} was declared (manifest or option): then every
   *     kind of data is compared against it, not against a baseline chosen from the data
   */
  public InvestigationContext(
      Incident incident,
      TimeWindow baseline,
      boolean baselineDeclared,
      java.time.Instant onset,
      String windowNote,
      TelemetryAgent agent) {
    this.baselineDeclared = baselineDeclared;
    this.incident = Objects.requireNonNull(incident, "incident");
    this.baseline = Objects.requireNonNull(baseline, "baseline");
    this.onset = onset;
    this.windowNote = windowNote == null ? "" : windowNote;
    this.splitNotes = new ArrayList<>();
    this.agent = Objects.requireNonNull(agent, "agent");
    this.evidence = new EvidenceLog();
    this.inherited = List.of();
    this.memo = new HashMap<>();
    this.forks = new AtomicInteger();
  }

  private InvestigationContext(InvestigationContext parent, String evidencePrefix) {
    this.incident = parent.incident;
    this.baseline = parent.baseline;
    this.onset = parent.onset;
    this.baselineDeclared = parent.baselineDeclared;
    this.windowNote = parent.windowNote;
    this.splitNotes = parent.splitNotes;
    this.agent = parent.agent;
    this.evidence = new EvidenceLog(evidencePrefix);
    this.inherited = parent.findings();
    this.memo = parent.memo;
    this.forks = parent.forks;
    this.topologyProvider = parent.topologyProvider;
  }

  /**
   * A context for one branch of a {@code parallel} block: it sees this context's findings so far,
   * shares the agent (and so the budget) and the memo, and records its own evidence under
   * provisional ids until {@link #absorb} renumbers them.
   */
  public InvestigationContext fork() {
    return new InvestigationContext(this, "B" + forks.incrementAndGet() + ".");
  }

  /**
   * Appends a forked branch's evidence (renumbered after this context's) and the findings it added,
   * their evidence re-pointed at the new ids.
   *
   * @return the branch's provisional evidence ids mapped to the new ones
   */
  public Map<String, String> absorb(InvestigationContext branch) {
    if (branch.memo != memo) {
      throw new IllegalArgumentException("not a fork of this context");
    }
    Map<String, Evidence> renamed = new HashMap<>();
    Map<String, String> ids = new HashMap<>();
    for (Evidence e : branch.evidence.all()) {
      Evidence n = evidence.adopt(e, null);
      renamed.put(e.id(), n);
      ids.put(e.id(), n.id());
    }
    for (Finding f : branch.findings) {
      List<Evidence> ev = f.evidence().stream().map(e -> renamed.getOrDefault(e.id(), e)).toList();
      findings.add(f.withEvidence(ev));
    }
    return ids;
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

  /**
   * When the fault began as estimated from the telemetry, else the alert's start: logs and traces
   * are compared before and after it.
   */
  public java.time.Instant onset() {
    return onset != null ? onset : incident.alert().startsAt();
  }

  /** Whether the baseline was declared by the bundle or the user, not chosen from the data. */
  public boolean baselineDeclared() {
    return baselineDeclared;
  }

  /** Whether {@link #onset()} was estimated from the data (false: the alert's start). */
  public boolean onsetEstimated() {
    return onset != null;
  }

  /** The baseline/incident splits the actors used, one line per kind of data, for the report. */
  public List<String> splitNotes() {
    synchronized (splitNotes) {
      return List.copyOf(splitNotes);
    }
  }

  /** Records how one kind of data was split into baseline and incident (once per kind). */
  public void noteSplit(String line) {
    synchronized (splitNotes) {
      if (!splitNotes.contains(line)) {
        splitNotes.add(line);
      }
    }
  }

  /** How the window, onset and baseline were chosen (for the report); may be empty. */
  public String windowNote() {
    return windowNote;
  }

  public TelemetryAgent agent() {
    return agent;
  }

  public DataInventory inventory() {
    return agent.inventory();
  }

  /**
   * The experts, through the router: actors hand typed telemetry to the expert that owns it and
   * route untyped text (log bodies, SQL) first ({@link ExpertDesk}).
   */
  public ExpertDesk experts() {
    return ExpertDesk.defaults();
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
    if (inherited.isEmpty()) {
      return List.copyOf(findings);
    }
    List<Finding> all = new ArrayList<>(inherited);
    all.addAll(findings);
    return List.copyOf(all);
  }

  /**
   * A value computed once per investigation and shared by actors (e.g. the metric scan), keyed by
   * name.
   */
  @SuppressWarnings("unchecked")
  public <T> T memo(String key, java.util.function.Supplier<T> compute) {
    CompletableFuture<Object> f;
    boolean owner = false;
    // Computed outside the lock, so a computation may itself read other memo entries; parallel
    // branches asking for the same key wait for the first one's result instead of repeating it.
    synchronized (memo) {
      f = memo.get(key);
      if (f == null) {
        f = new CompletableFuture<>();
        memo.put(key, f);
        owner = true;
      }
    }
    if (owner) {
      try {
        f.complete(compute.get());
      } catch (RuntimeException | Error e) {
        synchronized (memo) {
          memo.remove(key);
        }
        f.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return (T) f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** The services to look at when a step names none: every service in the data. */
  public List<String> allServices() {
    return List.copyOf(inventory().services());
  }
}
