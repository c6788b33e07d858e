package dev.warroom.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of an investigation, which the gym scores and the engine renders as Markdown, JSON and
 * HTML. {@code evidence} holds every item a candidate, hypothesis, impact or remediation refers to;
 * {@code runbook} is the text of the runbook that ran; {@code missingData} names the kinds of data
 * the bundle lacked (e.g. "traces"); {@code timingsMillis} maps a phase ("plan", "queries",
 * "experts", "total"…) to milliseconds; {@code findings} are what the actors concluded, each with
 * its typed {@link FindingDetail}, in the order they were made; {@code dataQuality} accounts for
 * what loading the bundle skipped and why; {@code model} names the learned model that ranked the
 * candidates ("v3", "shipped"), or is null where the hand-weighted fusion did.
 */
public record RcaReport(
    String incidentId,
    Alert alert,
    Verdict verdict,
    String summary,
    Impact impact,
    List<RootCauseCandidate> candidates,
    List<Hypothesis> hypotheses,
    List<Evidence> evidence,
    List<Remediation> remediation,
    String runbook,
    List<String> missingData,
    Map<String, Long> timingsMillis,
    List<Finding> findings,
    DataQuality dataQuality,
    String model) {
  public RcaReport {
    Checks.nonBlank(incidentId, "incidentId");
    Objects.requireNonNull(verdict, "verdict");
    summary = summary == null ? "" : summary;
    impact = impact == null ? Impact.none() : impact;
    candidates = List.copyOf(candidates);
    hypotheses = List.copyOf(hypotheses);
    evidence = List.copyOf(evidence);
    remediation = remediation == null ? List.of() : List.copyOf(remediation);
    runbook = runbook == null ? "" : runbook;
    missingData = missingData == null ? List.of() : List.copyOf(missingData);
    timingsMillis = Checks.copy(timingsMillis);
    findings = findings == null ? List.of() : List.copyOf(findings);
    dataQuality = dataQuality == null ? DataQuality.none() : dataQuality;
    if (verdict == Verdict.ROOT_CAUSE_FOUND && candidates.isEmpty()) {
      throw new IllegalArgumentException("verdict root_cause_found without candidates");
    }
  }

  /** A report whose ranking no learned model names. */
  public RcaReport(
      String incidentId,
      Alert alert,
      Verdict verdict,
      String summary,
      Impact impact,
      List<RootCauseCandidate> candidates,
      List<Hypothesis> hypotheses,
      List<Evidence> evidence,
      List<Remediation> remediation,
      String runbook,
      List<String> missingData,
      Map<String, Long> timingsMillis,
      List<Finding> findings,
      DataQuality dataQuality) {
    this(
        incidentId,
        alert,
        verdict,
        summary,
        impact,
        candidates,
        hypotheses,
        evidence,
        remediation,
        runbook,
        missingData,
        timingsMillis,
        findings,
        dataQuality,
        null);
  }

  /** This report, naming the learned model that ranked it (null: the hand-weighted fusion). */
  public RcaReport withModel(String name) {
    return new RcaReport(
        incidentId,
        alert,
        verdict,
        summary,
        impact,
        candidates,
        hypotheses,
        evidence,
        remediation,
        runbook,
        missingData,
        timingsMillis,
        findings,
        dataQuality,
        name);
  }

  /** A report that lists no findings and has no data-quality account. */
  public RcaReport(
      String incidentId,
      Alert alert,
      Verdict verdict,
      String summary,
      Impact impact,
      List<RootCauseCandidate> candidates,
      List<Hypothesis> hypotheses,
      List<Evidence> evidence,
      List<Remediation> remediation,
      String runbook,
      List<String> missingData,
      Map<String, Long> timingsMillis) {
    this(
        incidentId,
        alert,
        verdict,
        summary,
        impact,
        candidates,
        hypotheses,
        evidence,
        remediation,
        runbook,
        missingData,
        timingsMillis,
        List.of(),
        DataQuality.none());
  }

  /** A report with findings and no data-quality account. */
  public RcaReport(
      String incidentId,
      Alert alert,
      Verdict verdict,
      String summary,
      Impact impact,
      List<RootCauseCandidate> candidates,
      List<Hypothesis> hypotheses,
      List<Evidence> evidence,
      List<Remediation> remediation,
      String runbook,
      List<String> missingData,
      Map<String, Long> timingsMillis,
      List<Finding> findings) {
    this(
        incidentId,
        alert,
        verdict,
        summary,
        impact,
        candidates,
        hypotheses,
        evidence,
        remediation,
        runbook,
        missingData,
        timingsMillis,
        findings,
        DataQuality.none());
  }

  /**
   * This report with the data-quality account of the bundle load and the load time ({@code "load"}
   * in the timings, when {@code loadMillis >= 0}).
   */
  public RcaReport withDataQuality(DataQuality quality, long loadMillis) {
    Map<String, Long> timings = new java.util.LinkedHashMap<>(timingsMillis);
    if (loadMillis >= 0) {
      timings.put("load", loadMillis);
    }
    return new RcaReport(
        incidentId,
        alert,
        verdict,
        summary,
        impact,
        candidates,
        hypotheses,
        evidence,
        remediation,
        runbook,
        missingData,
        timings,
        findings,
        quality,
        model);
  }

  public RootCauseCandidate top() {
    return candidates.isEmpty() ? null : candidates.get(0);
  }

  public Evidence evidence(String id) {
    return evidence.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
  }
}
