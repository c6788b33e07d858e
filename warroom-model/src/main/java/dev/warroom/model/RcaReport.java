package dev.warroom.model;

import java.util.List;
import java.util.Objects;

/**
 * The result of an investigation. This is the core the gym scores against; the engine renders it
 * (and its narrative) as Markdown, JSON and HTML. {@code evidence} holds every item a candidate or
 * hypothesis refers to; {@code missingData} names the kinds of data the bundle lacked (e.g.
 * "traces").
 */
public record RcaReport(
    String incidentId,
    Alert alert,
    Verdict verdict,
    String summary,
    List<RootCauseCandidate> candidates,
    List<Hypothesis> hypotheses,
    List<Evidence> evidence,
    List<String> missingData) {
  public RcaReport {
    Checks.nonBlank(incidentId, "incidentId");
    Objects.requireNonNull(verdict, "verdict");
    summary = summary == null ? "" : summary;
    candidates = List.copyOf(candidates);
    hypotheses = List.copyOf(hypotheses);
    evidence = List.copyOf(evidence);
    missingData = missingData == null ? List.of() : List.copyOf(missingData);
    if (verdict == Verdict.ROOT_CAUSE_FOUND && candidates.isEmpty()) {
      throw new IllegalArgumentException("verdict root_cause_found without candidates");
    }
  }

  public RootCauseCandidate top() {
    return candidates.isEmpty() ? null : candidates.get(0);
  }
}
