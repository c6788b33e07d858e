package dev.warroom.experts.topology;

import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Evidence;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Topology;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Ranks root-cause candidates over a dependency graph so that a failing dependency explains its
 * callers' symptoms.
 *
 * <p>Each component gets a combined anomaly in [0,1]: its metric anomaly score (normalised by the
 * largest one) noisy-OR'ed with the strongest direct {@link Finding} about it. A walker then moves
 * over the graph as in MicroCause (Meng et al., IWQoS 2020) and CloudRanger (Wang et al., CCGRID
 * 2018): from a caller to a callee with a weight equal to the callee's anomaly, back from a callee
 * to its caller with a smaller weight, and stays put with the weight by which its own anomaly
 * exceeds every neighbour's; with probability {@code restartProbability} it restarts at a component
 * drawn in proportion to the anomalies (personalised PageRank, as in MicroRank, Yu et al., WWW
 * 2021). The stationary distribution concentrates on the most downstream anomalous components: a
 * slow database is where walkers starting at its slow callers end up.
 *
 * <p>Fault class: each component carries the class of the strongest finding about it that names one
 * ({@link RankedComponent#knownFaultClass()}); when none does, the class stays unknown (null, not
 * {@link FaultClass#NONE}) and {@link RankedComponent#toCandidate(int, FaultClass)} lets the caller
 * say what it becomes.
 */
public final class RootCauseRanker {
  private final RankerConfig config;

  public RootCauseRanker(RankerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A ranker with {@link RankerConfig#defaults()}. */
  public static RootCauseRanker withDefaults() {
    return new RootCauseRanker(RankerConfig.defaults());
  }

  /**
   * Ranks every component of the topology (services and edge endpoints).
   *
   * @param topology the dependency graph; edges point from caller to callee
   * @param anomalyScoreByComponent non-negative anomaly strength per component, any scale (they are
   *     normalised by the maximum); absent components count as 0
   * @param directEvidence findings of the experts; a finding about a component raises its anomaly
   *     to at least the finding's score
   * @return all components, best first; the scores sum to 1
   */
  public List<RankedComponent> rank(
      Topology topology,
      Map<String, Double> anomalyScoreByComponent,
      List<Finding> directEvidence) {
    return rankWithin(nodesOf(topology), topology, anomalyScoreByComponent, directEvidence);
  }

  /**
   * Like {@link #rank} but only over the symptom component and the components it depends on,
   * directly or transitively: a root cause of a symptom must be reachable from it.
   *
   * @throws IllegalArgumentException when the symptom component is not in the topology
   */
  public List<RankedComponent> rankFromSymptom(
      Topology topology,
      String symptomComponent,
      Map<String, Double> anomalyScoreByComponent,
      List<Finding> directEvidence) {
    Set<String> all = nodesOf(topology);
    if (!all.contains(symptomComponent)) {
      throw new IllegalArgumentException(
          "symptom component not in topology: '" + symptomComponent + "'");
    }
    Set<String> reachable = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(symptomComponent));
    while (!todo.isEmpty()) {
      String c = todo.pop();
      if (reachable.add(c)) {
        todo.addAll(topology.calleesOf(c));
      }
    }
    return rankWithin(reachable, topology, anomalyScoreByComponent, directEvidence);
  }

  private List<RankedComponent> rankWithin(
      Set<String> nodes,
      Topology topology,
      Map<String, Double> anomalyScoreByComponent,
      List<Finding> directEvidence) {
    Objects.requireNonNull(anomalyScoreByComponent, "anomalyScoreByComponent");
    Objects.requireNonNull(directEvidence, "directEvidence");
    List<String> names = List.copyOf(nodes);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    double max = 0;
    for (Map.Entry<String, Double> e : anomalyScoreByComponent.entrySet()) {
      double v = e.getValue();
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            "anomaly score of '" + e.getKey() + "' not a non-negative number: " + v);
      }
      if (index.containsKey(e.getKey())) {
        max = Math.max(max, v);
      }
    }
    Map<String, Finding> strongest = new HashMap<>();
    // the class comes from the strongest finding that names one: a stronger metric finding (a
    // symptom, class null) must not hide a weaker log or event finding that says what broke
    Map<String, Finding> strongestClassified = new HashMap<>();
    Map<String, List<String>> evidenceIds = new HashMap<>();
    for (Finding f : directEvidence) {
      for (String key : new LinkedHashSet<>(Arrays.asList(f.component(), f.service()))) {
        if (key == null || !index.containsKey(key)) {
          continue;
        }
        strongest.merge(key, f, (a, b) -> a.score() >= b.score() ? a : b);
        if (f.faultClass() != null && f.faultClass() != FaultClass.NONE) {
          strongestClassified.merge(key, f, (a, b) -> a.score() >= b.score() ? a : b);
        }
        List<String> ids = evidenceIds.computeIfAbsent(key, k -> new ArrayList<>());
        for (Evidence ev : f.evidence()) {
          if (!ids.contains(ev.id())) {
            ids.add(ev.id());
          }
        }
      }
    }
    double[] anomaly = new double[names.size()];
    for (int i = 0; i < anomaly.length; i++) {
      double metric = max > 0 ? anomalyScoreByComponent.getOrDefault(names.get(i), 0.0) / max : 0;
      Finding f = strongest.get(names.get(i));
      double direct = f == null ? 0 : f.score();
      anomaly[i] = 1 - (1 - metric) * (1 - direct);
    }
    double[] score = AnomalyWalk.stationary(names, index, topology.edges(), anomaly, config);
    List<RankedComponent> out = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      Finding f = strongestClassified.get(names.get(i));
      FaultClass fc = f == null ? null : f.faultClass();
      out.add(
          new RankedComponent(
              names.get(i),
              Math.min(1, score[i]),
              anomaly[i],
              fc,
              evidenceIds.getOrDefault(names.get(i), List.of())));
    }
    out.sort(
        Comparator.comparingDouble(RankedComponent::score)
            .reversed()
            .thenComparing(Comparator.comparingDouble(RankedComponent::anomaly).reversed())
            .thenComparing(RankedComponent::component));
    return List.copyOf(out);
  }

  private static Set<String> nodesOf(Topology topology) {
    Objects.requireNonNull(topology, "topology");
    Set<String> nodes = new LinkedHashSet<>();
    for (ServiceNode s : topology.services()) {
      nodes.add(s.name());
    }
    for (DependencyEdge e : topology.edges()) {
      nodes.add(e.caller());
      nodes.add(e.callee());
    }
    return nodes;
  }
}
