package dev.warroom.engine.actors;

import dev.warroom.model.Finding;
import java.util.List;
import java.util.Objects;

/**
 * {@code infra_analysis}: resource signals of the given services' pods and of the nodes they run on
 * — CPU, steal, throttling, memory, disk, network, threads, replicas. Node-level series are always
 * included, because a noisy neighbour or a failing node shows on the node, not the victim.
 */
public final class InfraAnalysisActor
    implements Actor<InfraAnalysisActor.Input, InfraAnalysisActor.Output> {

  /**
   * @param services services whose pods to look at; empty for all
   */
  public record Input(List<String> services) {
    public Input {
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * @param anomalous whether any resource signal shifted
   * @param services services with a resource anomaly
   * @param hosts nodes with a resource anomaly
   * @param signals fault classes the resource signals point to
   */
  public record Output(
      boolean anomalous, List<String> services, List<String> hosts, List<String> signals) {}

  @Override
  public String name() {
    return "infra_analysis";
  }

  @Override
  public String description() {
    return "CPU, steal, throttling, memory, disk and network of pods and nodes";
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
                e.signal().group() == Signals.Group.RESOURCE
                    && (e.service() == null || MetricFindings.inServices(e, in.services())),
            6);
    return new Output(
        !fs.isEmpty(),
        fs.stream().map(Finding::service).filter(Objects::nonNull).distinct().toList(),
        fs.stream().filter(f -> f.service() == null).map(Finding::component).distinct().toList(),
        fs.stream().map(MetricAnomalyActor::signalOf).distinct().toList());
  }
}
