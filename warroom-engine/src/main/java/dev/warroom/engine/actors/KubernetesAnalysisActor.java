package dev.warroom.engine.actors;

import dev.warroom.engine.agents.Observation;
import dev.warroom.engine.agents.QueryIntent;
import dev.warroom.experts.events.KubernetesReasons;
import dev.warroom.model.Event;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.KubernetesEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kubernetes_analysis}: Warning events in the incident window (OOMKilled, BackOff, exec
 * format error, Evicted, NodeNotReady, FailedScheduling…) mapped to the fault they indicate.
 */
public final class KubernetesAnalysisActor
    implements Actor<KubernetesAnalysisActor.Input, KubernetesAnalysisActor.Output> {

  /**
   * @param services services to look at; empty for all
   */
  public record Input(List<String> services) {
    public Input {
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * @param found whether a fault-indicating event occurred
   * @param services services (or nodes) concerned
   * @param reasons the event reasons seen
   */
  public record Output(boolean found, List<String> services, List<String> reasons) {}

  @Override
  public String name() {
    return "kubernetes_analysis";
  }

  @Override
  public String description() {
    return "Kubernetes warning events: OOMKilled, BackOff, exec format error, Evicted, NodeNotReady";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output run(Input in, InvestigationContext ctx) {
    if (!ctx.inventory().hasEvents()) {
      return new Output(false, List.of(), List.of());
    }
    Observation<Event> obs =
        ctx.agent().events(new QueryIntent.Events(in.services(), ctx.window()));
    Map<String, List<KubernetesEvent>> groups = new LinkedHashMap<>();
    Map<String, FaultClass> faults = new LinkedHashMap<>();
    for (Event e : obs.rows()) {
      if (e instanceof KubernetesEvent k) {
        var fault = KubernetesReasons.classify(k);
        if (fault.isEmpty()) {
          continue;
        }
        String who =
            k.service() != null ? k.service() : k.host() != null ? k.host() : k.object().name();
        String key = who + "|" + fault.get().id();
        groups.computeIfAbsent(key, x -> new ArrayList<>()).add(k);
        faults.put(key, fault.get());
      }
    }
    Set<String> services = new LinkedHashSet<>();
    Set<String> reasons = new LinkedHashSet<>();
    for (var g : groups.entrySet()) {
      List<KubernetesEvent> ks = g.getValue();
      KubernetesEvent first = ks.get(0);
      int count = ks.stream().mapToInt(KubernetesEvent::count).sum();
      String who = g.getKey().substring(0, g.getKey().indexOf('|'));
      ks.forEach(k -> reasons.add(k.reason()));
      services.add(who);
      String summary =
          who
              + ": "
              + first.reason()
              + " x"
              + count
              + " from "
              + first.firstSeen()
              + ": "
              + ErrorLocalizationActor.firstLine(first.message());
      var ev =
          ctx.evidence()
              .add(
                  EvidenceKind.EVENT,
                  name(),
                  obs,
                  summary,
                  ks.stream().limit(5).map(KubernetesEvent::describe).toList(),
                  List.of(who, first.reason(), first.object().name(), Integer.toString(count)),
                  null);
      java.time.Instant onset =
          ks.stream()
              .map(KubernetesEvent::firstSeen)
              .min(java.time.Instant::compareTo)
              .orElse(null);
      ctx.addFinding(
          new Finding(
              name(),
              first.service(),
              who,
              faults.get(g.getKey()),
              summary,
              // BackOff follows many faults (OOM kills, bad images, bad config): it counts for a
              // crash loop only when no more specific reason explains the restarts.
              faults.get(g.getKey()) == FaultClass.CRASH_LOOP
                  ? 0.45
                  : Math.min(1, 0.6 + 0.05 * count),
              onset,
              List.of(ev),
              new FindingDetail.KubernetesReason(first.reason(), first.object().name(), count)));
    }
    return new Output(!groups.isEmpty(), List.copyOf(services), List.copyOf(reasons));
  }
}
