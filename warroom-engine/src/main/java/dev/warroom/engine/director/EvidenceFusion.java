package dev.warroom.engine.director;

import dev.warroom.experts.topology.RankedComponent;
import dev.warroom.experts.topology.RootCauseRanker;
import dev.warroom.model.Deploy;
import dev.warroom.model.Evidence;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.Instance;
import dev.warroom.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses the actors' findings into ranked root-cause candidates. Per service: a noisy-OR of the
 * findings' scores weighted by how directly each actor's evidence points at a cause (a Kubernetes
 * OOMKilled event more than a latency shift; a change alone hardly at all); then the topology
 * ranker's random walk (MicroCause/MicroRank family, {@link RootCauseRanker}) so that a failing
 * dependency explains its callers; then a fault class by weighted vote of the findings.
 */
final class EvidenceFusion {

  /** A fused candidate before calibration. */
  record Candidate(
      String service,
      String component,
      FaultClass faultClass,
      Instant onset,
      double anomaly,
      double walk,
      double score,
      Map<FaultClass, Double> votes,
      int findings,
      List<String> evidenceIds,
      List<String> explanation) {
    Candidate {
      evidenceIds = List.copyOf(evidenceIds);
      explanation = List.copyOf(explanation);
    }
  }

  /** How much an actor's finding says "cause" rather than "symptom". */
  static double weight(String expert) {
    return switch (expert) {
      case "kubernetes_analysis" -> 1.0;
      case "code_analysis" -> 0.9;
      case "error_localization" -> 0.85;
      case "database_analysis" -> 0.8;
      case "infra_analysis" -> 0.75;
      case "trace_analysis" -> 0.75;
      case "metric_anomaly" -> 0.5;
      case "change_correlation" -> 0.2;
      default -> 0.5;
    };
  }

  /** Actors whose findings are shifts of measured signals rather than direct causes. */
  static final Set<String> SHIFT_ONLY =
      Set.of("metric_anomaly", "infra_analysis", "database_analysis", "trace_analysis");

  /** Factor on a service's anomaly when only one shift-type actor reported it. */
  static final double UNCORROBORATED = 0.6;

  /** A finding's weight in the noisy-OR: its actor's weight, halved for a symptom. */
  static double strength(Finding f) {
    return weight(f.expert()) * f.score() * (f.faultClass() == null ? 0.5 : 1.0);
  }

  /** Share of the final score from the topology walk; the rest is the service's own anomaly. */
  static final double WALK_SHARE = 0.4;

  private EvidenceFusion() {}

  static List<Candidate> fuse(
      List<Finding> findings,
      Topology topology,
      Map<String, Instant> changeTimes,
      Map<String, Instant> configTimes) {
    Map<String, List<Finding>> byService = new HashMap<>();
    Map<String, List<String>> servicesOnHost = new HashMap<>();
    for (Instance i : topology.instances()) {
      if (i.host() != null) {
        servicesOnHost.computeIfAbsent(i.host(), h -> new ArrayList<>()).add(i.service());
      }
    }
    for (Finding f : findings) {
      if (f.service() != null) {
        byService.computeIfAbsent(f.service(), k -> new ArrayList<>()).add(f);
      } else if (servicesOnHost.containsKey(f.component())) {
        // A node-level signal concerns every service placed on the node, and the node itself is
        // a candidate: a failing node is a root cause of its own (node_failure names the node).
        for (String s : new LinkedHashSet<>(servicesOnHost.get(f.component()))) {
          byService.computeIfAbsent(s, k -> new ArrayList<>()).add(f);
        }
        byService.computeIfAbsent(f.component(), k -> new ArrayList<>()).add(f);
      } else {
        byService.computeIfAbsent(f.component(), k -> new ArrayList<>()).add(f);
      }
    }
    Map<String, Double> anomaly = new HashMap<>();
    for (var e : byService.entrySet()) {
      double keep = 1;
      Set<String> experts = new java.util.HashSet<>();
      for (Finding f : e.getValue()) {
        keep *= 1 - strength(f);
        experts.add(f.expert());
      }
      double a = 1 - keep;
      // One family of metric or latency shifts alone is weak: noise and healthy-but-noisy services
      // produce those. Corroboration by a second actor, or a direct cause (an event, a code line,
      // an error origin), is what separates a fault from variation.
      if (experts.size() == 1 && SHIFT_ONLY.containsAll(experts)) {
        a *= UNCORROBORATED;
      }
      anomaly.put(e.getKey(), a);
    }
    if (anomaly.isEmpty()) {
      return List.of();
    }
    Map<String, Double> walk = new HashMap<>();
    Topology graph = withNodes(topology, anomaly.keySet());
    for (RankedComponent rc : RootCauseRanker.withDefaults().rank(graph, anomaly, List.of())) {
      walk.put(rc.component(), rc.score());
    }
    double maxWalk = walk.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    List<Candidate> out = new ArrayList<>();
    for (var e : byService.entrySet()) {
      String s = e.getKey();
      double a = anomaly.get(s);
      double w = maxWalk == 0 ? 0 : walk.getOrDefault(s, 0.0) / maxWalk;
      double score = (1 - WALK_SHARE) * a + WALK_SHARE * w * a;
      out.add(candidate(s, e.getValue(), a, w, score, changeTimes, configTimes));
    }
    out.sort(
        Comparator.comparingDouble((Candidate c) -> -c.score()).thenComparing(Candidate::service));
    return out;
  }

  private static Topology withNodes(Topology t, Set<String> names) {
    List<dev.warroom.model.ServiceNode> nodes = new ArrayList<>(t.services());
    Set<String> have = new java.util.HashSet<>();
    nodes.forEach(n -> have.add(n.name()));
    for (String n : names) {
      if (have.add(n)) {
        nodes.add(
            new dev.warroom.model.ServiceNode(n, dev.warroom.model.ComponentKind.SERVICE, ""));
      }
    }
    return new Topology(nodes, t.instances(), t.hosts(), t.edges());
  }

  private static Candidate candidate(
      String service,
      List<Finding> fs,
      double anomaly,
      double walk,
      double score,
      Map<String, Instant> changeTimes,
      Map<String, Instant> configTimes) {
    Map<FaultClass, Double> votes = new EnumMap<>(FaultClass.class);
    Instant onset = null;
    Finding strongest = null;
    List<String> ids = new ArrayList<>();
    for (Finding f : fs) {
      double w = strength(f);
      if (f.faultClass() != null) {
        votes.merge(f.faultClass(), w, Double::sum);
      }
      if (f.onset() != null
          && !f.expert().equals("change_correlation")
          && (onset == null || f.onset().isBefore(onset))) {
        onset = f.onset();
      }
      if (strongest == null || w > strength(strongest)) {
        strongest = f;
      }
      for (Evidence ev : f.evidence()) {
        if (!ids.contains(ev.id())) {
          ids.add(ev.id());
        }
      }
    }
    FaultClass fault =
        votes.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse(null);
    // A change of this very service shortly before its symptoms explains them better than the
    // generic reading of the symptoms (onsets are estimates, so "before" allows ten minutes).
    Instant deploy = changeTimes.get(service);
    boolean deployedBeforeOnset =
        deploy != null && (onset == null || !deploy.isAfter(onset.plus(Duration.ofMinutes(10))));
    Instant config = configTimes.get(service);
    boolean configBeforeOnset =
        config != null && (onset == null || !config.isAfter(onset.plus(Duration.ofMinutes(10))));
    boolean slow = fs.stream().anyMatch(f -> f.expert().equals("trace_analysis"));
    if (deployedBeforeOnset
        && (fault == null
            || fault == FaultClass.CODE_EXCEPTION
            || fault == FaultClass.BAD_DEPLOY)) {
      fault = FaultClass.BAD_DEPLOY;
    } else if (deployedBeforeOnset && slow && fault == FaultClass.CPU_SATURATION) {
      fault = FaultClass.PERFORMANCE_REGRESSION;
    } else if (configBeforeOnset
        && (fault == null
            || fault == FaultClass.CODE_EXCEPTION
            || fault == FaultClass.NETWORK_LATENCY
            || fault == FaultClass.NETWORK_PARTITION
            || fault == FaultClass.MISCONFIGURED_PORT)) {
      fault = FaultClass.MISCONFIGURED_PORT;
    } else if (fault == null
        || (fault == FaultClass.BAD_DEPLOY && !deployedBeforeOnset)
        || (fault == FaultClass.MISCONFIGURED_PORT && !configBeforeOnset)) {
      fault = symptomFault(fs);
    }
    String component = strongest == null ? service : strongest.component();
    return new Candidate(
        service,
        component,
        fault,
        onset,
        anomaly,
        walk,
        score,
        Map.copyOf(votes),
        fs.size(),
        ids,
        List.of());
  }

  /** Without a cause-like finding: latency added here reads as a regression, errors as a bug. */
  private static FaultClass symptomFault(List<Finding> fs) {
    boolean slow = fs.stream().anyMatch(f -> f.expert().equals("trace_analysis"));
    return slow ? FaultClass.PERFORMANCE_REGRESSION : FaultClass.CODE_EXCEPTION;
  }

  /** Latest deploy time per service among the findings of the change actor. */
  static Map<String, Instant> deploys(List<dev.warroom.model.Event> events) {
    Map<String, Instant> out = new HashMap<>();
    for (var e : events) {
      if (e instanceof Deploy d) {
        out.merge(d.service(), d.time(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return out;
  }
}
