package dev.warroom.experts.events;

import dev.warroom.experts.events.RankedChange.Relation;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.FeatureFlagChange;
import dev.warroom.model.Instance;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.Restart;
import dev.warroom.model.Scaling;
import dev.warroom.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Ranks changes by how well their time and place explain a symptom's onset, the way an SRE reads a
 * change log: a deploy on the alerting service or one of its dependencies minutes before onset is
 * the prime suspect; a change after the onset, or on an unrelated service, is not.
 *
 * <p>score = time × place × kind, each in [0,1]:
 *
 * <ul>
 *   <li><b>time</b>: {@code 1 / (1 + lead / τ)} with τ = {@link #TIME_SCALE} for a change before
 *       onset (a hyperbolic decay: 2 min before ≈ 0.8, 1 h before ≈ 0.14); changes up to {@link
 *       #CLOCK_SKEW} after onset get 0.5 (clocks and rollouts are not instantaneous); later ones
 *       0.02;
 *   <li><b>place</b>: 1 for the alerting service, 0.8^hops for a dependency it calls (directly or
 *       transitively, {@link Topology} callee edges), 0.3^hops for a caller, 0.7 for a node event
 *       on a host running the service, 0.05 when unrelated, 0.3 when the topology is empty — and
 *       the same neutral 0.3 for every change when no symptomatic service is known ({@link
 *       #rankWithoutPlace});
 *   <li><b>kind</b>: deploy 1, config 0.9, feature flag 0.85, scale-down 0.7, scale-up 0.4, restart
 *       0.5; a Kubernetes event its {@link KubernetesReasons} weight.
 * </ul>
 */
public final class ChangeCorrelator {
  static final Duration TIME_SCALE = Duration.ofMinutes(10);
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private ChangeCorrelator() {}

  /** All changes ranked best first; ties keep the most recent first. */
  public static List<RankedChange> rank(
      List<? extends Event> changes, String symptomService, Instant onset, Topology topology) {
    Objects.requireNonNull(changes, "changes");
    if (symptomService == null || symptomService.isBlank()) {
      throw new IllegalArgumentException("blank symptom service");
    }
    Objects.requireNonNull(onset, "onset");
    Objects.requireNonNull(topology, "topology");
    Map<String, Integer> down = distances(symptomService, topology::calleesOf);
    Map<String, Integer> up = distances(symptomService, topology::callersOf);
    List<RankedChange> out = new ArrayList<>(changes.size());
    for (Event e : changes) {
      Duration lead = Duration.between(e.time(), onset);
      double time = timeScore(lead);
      Place place = place(e, symptomService, topology, down, up);
      double kind = kindWeight(e);
      double score = time * place.score * kind;
      String reason =
          String.format(
              "%s %s onset; %s (place %.2f, time %.2f, kind %.2f)",
              human(lead),
              lead.isNegative() ? "after" : "before",
              place.words,
              place.score,
              time,
              kind);
      out.add(new RankedChange(e, score, lead, place.relation, place.hops, reason));
    }
    out.sort(
        Comparator.comparingDouble(RankedChange::score)
            .reversed()
            .thenComparing(r -> r.change().time(), Comparator.reverseOrder()));
    return out;
  }

  /** The place score when nothing relates a change to the symptom. */
  static final double NEUTRAL_PLACE = 0.3;

  /**
   * All changes ranked by time and kind alone, best first, for a symptom whose service is unknown
   * (an alert without a service, or naming one absent from the data, and no service known to be
   * anomalous): every change gets the neutral place score {@value #NEUTRAL_PLACE}.
   */
  public static List<RankedChange> rankWithoutPlace(List<? extends Event> changes, Instant onset) {
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(onset, "onset");
    List<RankedChange> out = new ArrayList<>(changes.size());
    for (Event e : changes) {
      Duration lead = Duration.between(e.time(), onset);
      double time = timeScore(lead);
      double kind = kindWeight(e);
      String reason =
          String.format(
              java.util.Locale.ROOT,
              "%s %s onset; no symptomatic service to relate it (place %.2f, time %.2f, kind %.2f)",
              human(lead),
              lead.isNegative() ? "after" : "before",
              NEUTRAL_PLACE,
              time,
              kind);
      out.add(new RankedChange(e, time * NEUTRAL_PLACE * kind, lead, Relation.UNKNOWN, -1, reason));
    }
    out.sort(
        Comparator.comparingDouble(RankedChange::score)
            .reversed()
            .thenComparing(r -> r.change().time(), Comparator.reverseOrder()));
    return out;
  }

  static double timeScore(Duration lead) {
    if (lead.isNegative()) {
      return lead.negated().compareTo(CLOCK_SKEW) <= 0 ? 0.5 : 0.02;
    }
    return 1.0 / (1.0 + (double) lead.toMillis() / TIME_SCALE.toMillis());
  }

  static double kindWeight(Event e) {
    return switch (e) {
      case Deploy d -> 1.0;
      case ConfigChange c -> 0.9;
      case FeatureFlagChange f -> 0.85;
      case Scaling s -> s.toReplicas() < s.fromReplicas() ? 0.7 : 0.4;
      case Restart r -> 0.5;
      case KubernetesEvent k -> KubernetesReasons.diagnose(k).weight();
    };
  }

  private record Place(double score, Relation relation, int hops, String words) {}

  private static Place place(
      Event e,
      String symptom,
      Topology topology,
      Map<String, Integer> down,
      Map<String, Integer> up) {
    String service = e.service();
    if (symptom.equals(service)) {
      return new Place(1.0, Relation.SAME_SERVICE, 0, "on the alerting service");
    }
    if (service != null && down.containsKey(service)) {
      int h = down.get(service);
      return new Place(
          Math.pow(0.8, h), Relation.DEPENDENCY, h, "on a dependency " + h + " hop(s) down");
    }
    if (service != null && up.containsKey(service)) {
      int h = up.get(service);
      return new Place(Math.pow(0.3, h), Relation.DEPENDENT, h, "on a caller " + h + " hop(s) up");
    }
    if (e instanceof KubernetesEvent k && k.host() != null) {
      for (Instance i : topology.instancesOf(symptom)) {
        if (k.host().equals(i.host())) {
          return new Place(0.7, Relation.SAME_HOST, -1, "on node " + k.host() + " running it");
        }
      }
    }
    if (topology.isEmpty()) {
      return new Place(NEUTRAL_PLACE, Relation.UNKNOWN, -1, "no topology to relate it");
    }
    return new Place(0.05, Relation.UNRELATED, -1, "on an unrelated service");
  }

  /** Breadth-first hop counts from {@code start} along {@code next}, start excluded. */
  private static Map<String, Integer> distances(String start, Function<String, List<String>> next) {
    Map<String, Integer> dist = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    dist.put(start, 0);
    queue.add(start);
    while (!queue.isEmpty()) {
      String s = queue.poll();
      for (String n : next.apply(s)) {
        if (!dist.containsKey(n)) {
          dist.put(n, dist.get(s) + 1);
          queue.add(n);
        }
      }
    }
    dist.remove(start);
    return dist;
  }

  private static String human(Duration d) {
    long s = Math.abs(d.toSeconds());
    return s < 120 ? s + "s" : s < 7200 ? (s / 60) + "min" : (s / 3600) + "h";
  }
}
