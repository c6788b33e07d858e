package dev.warroom.engine.actors;

import dev.warroom.engine.agents.Observation;
import dev.warroom.engine.agents.QueryIntent;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.FeatureFlagChange;
import dev.warroom.model.Finding;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.Restart;
import dev.warroom.model.Scaling;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code change_correlation}: deploys, config changes, feature flags and scaling shortly before or
 * in the incident window. A change is only a candidate: it becomes a root cause when the fusion
 * finds symptoms on the changed service after it (a harmless deploy before onset stays a
 * hypothesis).
 */
public final class ChangeCorrelationActor
    implements Actor<ChangeCorrelationActor.Input, ChangeCorrelationActor.Output> {

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
    return "change_correlation";
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
    Set<String> services = new LinkedHashSet<>();
    List<String> changes = new ArrayList<>();
    for (Event e : obs.rows()) {
      FaultClass fault =
          switch (e) {
            case Deploy d -> FaultClass.BAD_DEPLOY;
            case ConfigChange c -> FaultClass.MISCONFIGURED_PORT;
            case FeatureFlagChange f -> FaultClass.BAD_DEPLOY;
            case Scaling s -> FaultClass.AUTOSCALER_LIMIT;
            case Restart r -> null;
            case KubernetesEvent k -> null;
          };
      if (fault == null) {
        continue;
      }
      services.add(e.service());
      changes.add(e.time() + " " + e.describe());
      String summary = "change at " + e.time() + ": " + e.describe();
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
      // Low prior score: the fusion raises it only if symptoms on this service follow the change.
      ctx.addFinding(
          new Finding(
              name(), e.service(), e.service(), fault, summary, 0.3, e.time(), List.of(ev)));
    }
    return new Output(!changes.isEmpty(), List.copyOf(services), List.copyOf(changes));
  }
}
