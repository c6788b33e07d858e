package dev.warroom.engine.actors;

import dev.warroom.model.Finding;
import java.util.List;

/**
 * {@code metric_anomaly}: which application metrics of the given services (all when empty) shifted
 * in the incident window against their seasonal baseline — latency, errors, traffic, and the
 * dependency signals (cache hit rate, queue lag, retries, rate limiting).
 */
public final class MetricAnomalyActor
    implements Actor<MetricAnomalyActor.Input, MetricAnomalyActor.Output> {

  /**
   * @param services services to look at; empty for all
   */
  public record Input(List<String> services) {
    public Input {
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * @param anomalous whether any series shifted
   * @param services services with shifted series, strongest first
   * @param signals the signal families that shifted
   */
  public record Output(boolean anomalous, List<String> services, List<String> signals) {}

  @Override
  public String name() {
    return "metric_anomaly";
  }

  @Override
  public String description() {
    return "application metrics that shifted against the seasonal baseline";
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
    List<Finding> fs =
        MetricFindings.record(
            ctx,
            name(),
            e ->
                MetricFindings.inServices(e, in.services())
                    && (e.signal().group() == Signals.Group.SYMPTOM
                        || e.signal().group() == Signals.Group.DEPENDENCY),
            6);
    return new Output(
        !fs.isEmpty(),
        fs.stream().map(Finding::service).filter(s -> s != null).distinct().toList(),
        fs.stream().map(f -> signalOf(f)).distinct().toList());
  }

  static String signalOf(Finding f) {
    return f.faultClass() == null ? "symptom" : f.faultClass().id();
  }
}
