package dev.warroom.experts.topology;

import java.time.Instant;
import java.util.Objects;

/**
 * One labelled PetShop incident: the symptom from {@code target.json} (node, metric, statistic,
 * time), the true root-cause node, and the metrics around it.
 *
 * @param traffic the traffic level folder, e.g. {@code low_traffic}
 * @param name the issue folder, e.g. {@code issue_3}
 * @param symptomNode the node whose metric alerted
 * @param symptomMetric {@code latency} or {@code availability} (the issue type)
 * @param symptomStatistic e.g. {@code Average}
 * @param symptomTime when the symptom was observed
 * @param rootCause the root-cause node (ground truth)
 * @param metrics the metrics of the incident window
 */
public record PetShopIssue(
    String traffic,
    String name,
    String symptomNode,
    String symptomMetric,
    String symptomStatistic,
    Instant symptomTime,
    String rootCause,
    PetShopMetrics metrics) {
  public PetShopIssue {
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(symptomNode, "symptomNode");
    Objects.requireNonNull(symptomMetric, "symptomMetric");
    Objects.requireNonNull(symptomStatistic, "symptomStatistic");
    Objects.requireNonNull(symptomTime, "symptomTime");
    Objects.requireNonNull(rootCause, "rootCause");
    Objects.requireNonNull(metrics, "metrics");
  }
}
