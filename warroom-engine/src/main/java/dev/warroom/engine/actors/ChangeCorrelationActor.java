package dev.warroom.engine.actors;

import dev.warroom.engine.agents.Observation;
import dev.warroom.engine.agents.QueryIntent;
import dev.warroom.experts.events.ChangeCorrelator;
import dev.warroom.experts.events.RankedChange;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.FeatureFlagChange;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.Restart;
import dev.warroom.model.Scaling;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code change_correlation}: deploys, config changes, feature flags and scaling shortly before or
 * in the incident window, each scored by the events expert's {@link ChangeCorrelator} (how well its
 * time, place and kind explain the symptom's onset; the expert's reason is in the summary). A
 * change is only a candidate: it becomes a root cause when the fusion finds symptoms on the changed
 * service after it (a harmless deploy before onset stays a hypothesis).
 */
public final class ChangeCorrelationActor
    implements Actor<ChangeCorrelationActor.Input, ChangeCorrelationActor.Output> {

  static final String NAME = "change_correlation";

  /** How far before the incident window changes are looked for. */
  static final Duration LOOKBACK = Duration.ofHours(1);

  /**
   * @param services services to look at; empty for all
   */
  public record Input(List<String> services) {
    public Input {
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * @param found whether any change happened
   * @param changed_services services changed, latest first
   * @param changes one-line descriptions
   */
  public record Output(boolean found, List<String> changed_services, List<String> changes) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "deploys, config changes, feature flags and scaling near the onset";
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
    TimeWindow w = new TimeWindow(ctx.window().start().minus(LOOKBACK), ctx.window().end());
    Observation<Event> obs = ctx.agent().events(new QueryIntent.Events(in.services(), w));
    List<Event> changes = obs.rows().stream().filter(e -> faultOf(e) != null).toList();
    Map<Event, RankedChange> ranked = rank(ctx, changes);
    Set<String> services = new LinkedHashSet<>();
    List<String> lines = new ArrayList<>();
    for (Event e : changes) {
      RankedChange r = ranked.get(e);
      services.add(e.service());
      lines.add(e.time() + " " + e.describe());
      String summary =
          "change at "
              + e.time()
              + ": "
              + e.describe()
              + String.format(Locale.ROOT, "; correlation %.2f: %s", r.score(), r.reason());
      var ev =
          ctx.evidence()
              .add(
                  EvidenceKind.EVENT,
                  name(),
                  obs,
                  summary,
                  List.of(e.describe()),
                  List.of(e.service(), e.describe()),
                  null);
      // The score is the events expert's time × place × kind; the fusion still raises a change
      // only when symptoms on its service follow it. The onset stays the change's time: the
      // learned fusion's "chg.<class>.before_symptoms" compares it with the symptoms' onsets.
      ctx.addFinding(
          new Finding(
              name(),
              e.service(),
              e.service(),
              faultOf(e),
              summary,
              r.score(),
              e.time(),
              List.of(ev),
              changeDetail(e, r)));
    }
    return new Output(!lines.isEmpty(), List.copyOf(services), List.copyOf(lines));
  }

  private static FindingDetail changeDetail(Event e, RankedChange r) {
    return FindingDetail.ChangeEvent.of(e, r.score(), r.reason());
  }

  /** The fault a change of this kind would cause, or null for events that are not changes. */
  static FaultClass faultOf(Event e) {
    return switch (e) {
      case Deploy d -> FaultClass.BAD_DEPLOY;
      case ConfigChange c -> FaultClass.MISCONFIGURED_PORT;
      case FeatureFlagChange f -> FaultClass.BAD_DEPLOY;
      case Scaling s -> FaultClass.AUTOSCALER_LIMIT;
      case Restart r -> null;
      case KubernetesEvent k -> null;
    };
  }

  /**
   * Each change's best explanation of a symptom, by the events expert's {@link ChangeCorrelator}:
   * against the alert's service when the data knows it, else against every service whose metrics
   * shifted (a change keeps its best score), else by time and kind alone from the alert's start.
   *
   * <p>The onset a change is scored against is the first anomaly onset of the symptomatic service
   * at or after the change (the last one when the change followed them all; the alert's start when
   * the service has none). Not simply the earliest onset: a service has many series, and one weak
   * early shift (a connection gauge going from 1 to 2) would make the real deploy minutes later
   * look like it came after the symptoms — on gym episode market-bad_deploy-7048 the earliest onset
   * gave the guilty deploy 0.02 and an unrelated earlier one 0.27.
   */
  static Map<Event, RankedChange> rank(InvestigationContext ctx, List<Event> changes) {
    Map<Event, RankedChange> best = new HashMap<>();
    if (changes.isEmpty()) {
      return best;
    }
    Instant alertStart = ctx.incident().alert().startsAt();
    Map<String, TreeSet<Instant>> onsets = symptomOnsets(ctx);
    String alertService = ctx.incident().alert().service();
    List<String> symptomServices =
        ctx.inventory().knows(alertService) ? List.of(alertService) : List.copyOf(onsets.keySet());
    if (symptomServices.isEmpty()) {
      ChangeCorrelator.rankWithoutPlace(changes, alertStart).forEach(r -> best.put(r.change(), r));
      return best;
    }
    Topology topology = ctx.memo("topology-view", () -> ctx.topologyProvider().get());
    for (String service : symptomServices) {
      TreeSet<Instant> times = onsets.get(service);
      for (Event change : changes) {
        Instant onset =
            times == null
                ? alertStart
                : Objects.requireNonNullElse(times.ceiling(change.time()), times.last());
        RankedChange r = ChangeCorrelator.rank(List.of(change), service, onset, topology).get(0);
        best.merge(change, r, (a, b) -> b.score() > a.score() ? b : a);
      }
    }
    return best;
  }

  /** Anomaly onsets per service, from the metric scan and the findings recorded so far. */
  private static Map<String, TreeSet<Instant>> symptomOnsets(InvestigationContext ctx) {
    Map<String, TreeSet<Instant>> out = new TreeMap<>();
    List<MetricScan.Entry> anomalies;
    try {
      anomalies = MetricScan.of(ctx).anomalies();
    } catch (RuntimeException e) {
      // the scan needs queries; with the budget spent only the findings so far date the symptoms
      anomalies = List.of();
    }
    for (MetricScan.Entry e : anomalies) {
      if (e.service() != null) {
        out.computeIfAbsent(e.service(), k -> new TreeSet<>()).add(e.shift().onset());
      }
    }
    for (Finding f : ctx.findings()) {
      if (f.service() != null && f.onset() != null && !f.expert().equals(NAME)) {
        out.computeIfAbsent(f.service(), k -> new TreeSet<>()).add(f.onset());
      }
    }
    return out;
  }
}
