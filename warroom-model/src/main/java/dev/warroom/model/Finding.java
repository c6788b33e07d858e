package dev.warroom.model;

import java.time.Instant;
import java.util.List;

/**
 * What one expert concluded about one component: e.g. "cart: new ERROR template 'connection refused
 * to redis:6379' from 12:03:10, 412 lines", with the evidence it rests on. {@code component} is a
 * service, pod, host, database or query; {@code service} the service it belongs to (may equal
 * component, or be null for a host); {@code faultClass} is the fault the finding points to, or null
 * when it is a symptom only; {@code score} is the expert's anomaly strength in [0,1], comparable
 * across experts; {@code onset} null when unknown; {@code detail} the same facts as the summary,
 * typed ({@link FindingDetail}): the summary is for people, the detail for models and programs.
 */
public record Finding(
    String expert,
    String service,
    String component,
    FaultClass faultClass,
    String summary,
    double score,
    Instant onset,
    List<Evidence> evidence,
    FindingDetail detail) {
  public Finding {
    Checks.nonBlank(expert, "expert");
    service = Checks.blankToNull(service);
    Checks.nonBlank(component, "component");
    Checks.nonBlank(summary, "summary");
    Checks.unitInterval(score, "score");
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    detail = detail == null ? FindingDetail.none() : detail;
  }

  /** A finding with no typed detail ({@link FindingDetail.None}). */
  public Finding(
      String expert,
      String service,
      String component,
      FaultClass faultClass,
      String summary,
      double score,
      Instant onset,
      List<Evidence> evidence) {
    this(expert, service, component, faultClass, summary, score, onset, evidence, null);
  }

  /** This finding with another summary: the same facts, phrased differently. */
  public Finding withSummary(String summary) {
    return new Finding(
        expert, service, component, faultClass, summary, score, onset, evidence, detail);
  }

  /** This finding with other evidence (e.g. renumbered), everything else kept. */
  public Finding withEvidence(List<Evidence> evidence) {
    return new Finding(
        expert, service, component, faultClass, summary, score, onset, evidence, detail);
  }
}
