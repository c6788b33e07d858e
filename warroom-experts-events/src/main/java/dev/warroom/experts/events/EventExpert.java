package dev.warroom.experts.events;

import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.FeatureFlagChange;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.ObjectRef;
import dev.warroom.model.Restart;
import dev.warroom.model.Scaling;
import dev.warroom.model.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events-and-changes expert: turns Kubernetes events and the change log around an incident into
 * {@link Finding}s. Kubernetes events that name a fault become one finding per object and fault
 * class; changes (and fault-bearing Kubernetes events) are ranked by {@link ChangeCorrelator}, and
 * those scoring at least {@code minScore} become findings. Pure: it sees only what it is handed.
 */
public final class EventExpert {
  static final String NAME = "events";

  private EventExpert() {}

  /** Findings best first; {@code topology} may be {@link Topology#empty()}. */
  public static List<Finding> analyze(
      List<? extends Event> events,
      String symptomService,
      Instant onset,
      Topology topology,
      double minScore) {
    if (!(minScore >= 0 && minScore <= 1)) {
      throw new IllegalArgumentException("minScore not in [0,1]: " + minScore);
    }
    List<Finding> out = new ArrayList<>(kubernetesFindings(events));
    List<Event> changes =
        events.stream().filter(e -> !(e instanceof KubernetesEvent)).map(e -> (Event) e).toList();
    int n = 0;
    for (RankedChange r : ChangeCorrelator.rank(changes, symptomService, onset, topology)) {
      if (r.score() < minScore) {
        break;
      }
      Event e = r.change();
      String service = e.service() == null ? symptomService : e.service();
      Evidence ev =
          Evidence.of(
              "change-" + (++n),
              EvidenceKind.EVENT,
              NAME,
              e.describe() + " at " + e.time() + ": " + r.reason(),
              List.of(e.time() + " " + e.describe()));
      out.add(
          new Finding(
              NAME,
              service,
              service,
              null,
              "change " + e.describe() + " " + r.reason(),
              r.score(),
              e.time(),
              List.of(ev),
              FindingDetail.ChangeEvent.of(e, r.score(), r.reason())));
    }
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    return out;
  }

  /**
   * A crash loop is how Kubernetes shows a container that keeps dying; when the same pod also has a
   * specific cause (exec format error, OOM, port in use …) the crash loop is its symptom, so its
   * score is halved below the cause.
   */
  private static List<Finding> demoteExplainedCrashLoops(List<Finding> findings) {
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      boolean explained =
          f.faultClass() == FaultClass.CRASH_LOOP
              && findings.stream()
                  .anyMatch(
                      g ->
                          g.component().equals(f.component())
                              && g.faultClass() != FaultClass.CRASH_LOOP);
      out.add(
          explained
              ? new Finding(
                  f.expert(),
                  f.service(),
                  f.component(),
                  f.faultClass(),
                  f.summary() + " - a symptom of the pod's specific failure",
                  f.score() * 0.5,
                  f.onset(),
                  f.evidence(),
                  f.detail())
              : f);
    }
    return out;
  }

  /**
   * Kubernetes events as they are, and restarts whose reason names a fault ("Error: exec format
   * error") read as the container's termination event.
   */
  private static KubernetesEvent asKubernetesEvent(Event e) {
    return switch (e) {
      case KubernetesEvent k -> k;
      case Restart r ->
          KubernetesReasons.diagnoseMessage(r.reason()).isPresent()
              ? new KubernetesEvent(
                  "Restarted",
                  "Warning",
                  new ObjectRef("Pod", r.instance() == null ? r.service() : r.instance(), ""),
                  1,
                  r.time(),
                  r.time(),
                  r.reason(),
                  r.service(),
                  null)
              : null;
      case Deploy d -> null;
      case ConfigChange c -> null;
      case FeatureFlagChange f -> null;
      case Scaling s -> null;
    };
  }

  private static List<Finding> kubernetesFindings(List<? extends Event> events) {
    Map<String, List<KubernetesEvent>> byKey = new LinkedHashMap<>();
    Map<String, KubernetesDiagnosis> diagnosis = new LinkedHashMap<>();
    for (Event e : events) {
      KubernetesEvent k = asKubernetesEvent(e);
      if (k != null) {
        KubernetesDiagnosis d = KubernetesReasons.diagnose(k);
        if (d.isFault()) {
          String key = k.object() + "|" + d.faultClass();
          byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(k);
          diagnosis.putIfAbsent(key, d);
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    int n = 0;
    for (var entry : byKey.entrySet()) {
      List<KubernetesEvent> ks = entry.getValue();
      KubernetesDiagnosis d = diagnosis.get(entry.getKey());
      KubernetesEvent first =
          ks.stream().min((a, b) -> a.firstSeen().compareTo(b.firstSeen())).orElseThrow();
      int count = ks.stream().mapToInt(KubernetesEvent::count).sum();
      String component = first.object().name();
      // repeated occurrences strengthen the evidence, up to the reason's own weight
      double score = d.weight() * Math.min(1.0, 0.7 + 0.1 * count);
      Evidence ev =
          Evidence.of(
              "k8s-" + (++n),
              EvidenceKind.EVENT,
              NAME,
              first.reason() + " on " + first.object() + " x" + count + ": " + d.explanation(),
              ks.stream().map(k -> k.lastSeen() + " " + k.describe()).toList());
      out.add(
          new Finding(
              NAME,
              first.service(),
              component,
              d.faultClass(),
              first.object() + ": " + d.explanation() + " (" + first.reason() + ", x" + count + ")",
              score,
              first.firstSeen(),
              List.of(ev),
              new FindingDetail.KubernetesReason(first.reason(), component, count)));
    }
    return demoteExplainedCrashLoops(out);
  }
}
