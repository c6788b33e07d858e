package dev.warroom.engine.director;

import dev.warroom.engine.actors.Actor;
import dev.warroom.engine.actors.ActorRegistry;
import dev.warroom.engine.actors.InvestigationContext;
import dev.warroom.engine.agents.DialectProfile;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Actors with scripted behaviour for interpreter tests: each runs a function of the context, may
 * record one piece of evidence and a finding on a service, and returns {@code ok}.
 */
final class TestActors {
  private TestActors() {}

  public record In(List<String> services) {}

  public record Out(boolean ok) {}

  /** An actor that runs {@code body} and returns its result as {@code ok}. */
  static Actor<In, Out> actor(String name, BiFunction<In, InvestigationContext, Boolean> body) {
    return new Actor<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return "test actor " + name;
      }

      @Override
      public Class<In> inputType() {
        return In.class;
      }

      @Override
      public Class<Out> outputType() {
        return Out.class;
      }

      @Override
      public Out run(In input, InvestigationContext ctx) {
        return new Out(body.apply(input, ctx));
      }
    };
  }

  /** Records evidence "summary" and a finding blaming {@code service} with {@code score}. */
  static boolean blame(InvestigationContext ctx, String service, double score, String summary) {
    Evidence e =
        ctx.evidence()
            .add(EvidenceKind.METRIC, "test", null, summary, List.of(), List.of(service), null);
    ctx.addFinding(
        new Finding(
            "metric_anomaly",
            service,
            service,
            FaultClass.CPU_SATURATION,
            summary,
            score,
            null,
            List.of(e)));
    return true;
  }

  /** A Director whose registry holds the standard actors and {@code extra}. */
  static Director director(List<Actor<?, ?>> extra, Calibration calibration) {
    List<Actor<?, ?>> all = new ArrayList<>(ActorRegistry.standard().all());
    all.addAll(extra);
    return new Director(
        new ActorRegistry(all), DialectProfile.defaults(), calibration, InstantSource.system());
  }
}
