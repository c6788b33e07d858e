package dev.warroom.engine.director;

import dev.warroom.engine.actors.InvestigationContext;
import dev.warroom.model.Evidence;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Hypothesis;
import dev.warroom.model.HypothesisStatus;
import dev.warroom.model.Impact;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Remediation;
import dev.warroom.model.RootCauseCandidate;
import dev.warroom.model.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link RcaReport}: verdict, calibrated candidates, impact, hypotheses explored and
 * pruned, remediation and missing data. Every narrative sentence cites evidence ids and names only
 * entities its evidence mentions (services, fault classes); numbers stay in the evidence.
 */
final class ReportAssembler {
  /** Candidates listed in a report. */
  static final int MAX_CANDIDATES = 5;

  private ReportAssembler() {}

  static RcaReport assemble(
      InvestigationContext ctx,
      String incidentId,
      RunbookLibrary.Entry plan,
      RunTrace trace,
      List<EvidenceFusion.Candidate> ranked,
      Calibration calibration,
      RcaModel model,
      List<String> missing,
      Map<String, Long> timings) {
    windowEvidence(ctx);
    Evidence runEvidence = runEvidence(ctx, plan, trace);
    List<EvidenceFusion.Candidate> shown =
        ranked.subList(0, Math.min(MAX_CANDIDATES, ranked.size()));
    Map<String, String> fusionIds = new java.util.HashMap<>();
    for (int i = 0; i < shown.size(); i++) {
      fusionIds.put(shown.get(i).service(), fusionEvidence(ctx, shown.get(i), i + 1).id());
    }
    List<Evidence> evidence = ctx.evidence().all();
    Impact impact = impact(evidence);
    double top = ranked.isEmpty() ? 0 : ranked.get(0).score();
    double second = ranked.size() > 1 ? ranked.get(1).score() : 0;
    // With the learned model a candidate's score already is its probability of being the cause.
    double p =
        ranked.isEmpty() ? 0 : model != null ? top : calibration.probability(top, top - second);
    // No symptom beyond the baseline (impact analysis found none) and no direct cause on the top
    // candidate (an orchestrator event, a failing code line): the alert fired on noise.
    boolean symptomatic =
        ctx.evidence().all().stream().anyMatch(e -> e.source().equals("impact_analysis"));
    boolean directCause =
        !ranked.isEmpty()
            && ctx.findings().stream()
                .anyMatch(
                    f ->
                        ranked.get(0).service().equals(f.service())
                            && f.faultClass() != null
                            && (f.expert().equals("kubernetes_analysis")
                                || f.expert().equals("code_analysis")));
    // With no telemetry at all nothing was checked, so "no fault" would be a claim without
    // evidence: the honest answer is inconclusive, naming the missing data.
    boolean noTelemetry = missing.containsAll(List.of("metrics", "logs", "traces", "events"));
    Verdict verdict;
    if (noTelemetry) {
      verdict = Verdict.INCONCLUSIVE;
    } else if (model != null) {
      verdict = learnedVerdict(model, ranked);
      // The alerted symptom, confirmed on the alerted service, contradicts "no fault": the alert
      // did not fire on noise, so when no cause stands out the honest answer is inconclusive, with
      // the candidates that were weighed.
      if (verdict == Verdict.NO_FAULT && alertedSymptomShown(ctx) && !ranked.isEmpty()) {
        verdict = Verdict.INCONCLUSIVE;
      }
    } else if (ranked.isEmpty()
        || top < calibration.noFaultBelow()
        || (!symptomatic && !directCause)) {
      verdict = Verdict.NO_FAULT;
    } else if (p < calibration.inconclusiveBelow()) {
      verdict = Verdict.INCONCLUSIVE;
    } else {
      verdict = Verdict.ROOT_CAUSE_FOUND;
    }
    // "No fault" from one pillar of telemetry alone (only logs, only metrics or only traces) is
    // an absence of evidence where most of it could not be looked at: say inconclusive instead,
    // and the report names what was missing.
    long pillarsMissing = FusionInput.PILLARS.stream().filter(missing::contains).count();
    if (verdict == Verdict.NO_FAULT && pillarsMissing >= 2) {
      verdict = Verdict.INCONCLUSIVE;
    }
    // Symptom first: a root cause explains a symptom. When no service shows one (impact analysis
    // saw none) and nothing on the candidate is a direct cause (an orchestrator event, a failing
    // code line), the answer is at most inconclusive, and the report says so.
    String caveat = "";
    if (verdict == Verdict.ROOT_CAUSE_FOUND && !symptomatic && !directCause) {
      verdict = Verdict.INCONCLUSIVE;
      caveat =
          " The alerted symptom was not found in the data: no service shows more errors or latency"
              + " than its baseline ["
              + runEvidence.id()
              + "].";
    }
    // The alerted symptom itself (issue 15): when the alerted service shows no symptom, a cause off
    // its call path (not the service, nothing it calls directly or not, not on its hosts) explains
    // other services' symptoms, not this alert: at most inconclusive, and the report says so.
    String alerted = ctx.incident().alert().service();
    if (verdict == Verdict.ROOT_CAUSE_FOUND
        && alerted != null
        && !ranked.isEmpty()
        && !ctx.topology().isEmpty()
        && !alertedSymptomShown(ctx)
        && !onPathOf(ctx.topology(), alerted, ranked.get(0).service())) {
      verdict = Verdict.INCONCLUSIVE;
      caveat +=
          " The alert on "
              + alerted
              + " is not borne out: "
              + alerted
              + " shows no more errors or latency than its baseline, and "
              + ranked.get(0).service()
              + " is not on its call path ["
              + runEvidence.id()
              + "].";
    }
    // A failed step left part of the evidence unchecked: at most inconclusive, naming the step.
    List<String> failed =
        trace.steps().stream()
            .filter(st -> !st.error().isEmpty())
            .map(st -> st.name() + " (" + st.actor() + ")")
            .toList();
    if (verdict == Verdict.ROOT_CAUSE_FOUND && !failed.isEmpty()) {
      verdict = Verdict.INCONCLUSIVE;
      caveat +=
          " Step "
              + String.join(", ", failed)
              + " failed, so part of the evidence was not checked ["
              + runEvidence.id()
              + "].";
    }
    List<RootCauseCandidate> candidates = new ArrayList<>();
    if (verdict != Verdict.NO_FAULT && !noTelemetry) {
      for (int i = 0; i < Math.min(MAX_CANDIDATES, ranked.size()); i++) {
        EvidenceFusion.Candidate c = ranked.get(i);
        double conf =
            i == 0
                ? p
                : model != null
                    ? Math.min(p, c.score())
                    : Math.min(p, calibration.probability(c.score(), c.score() - top));
        candidates.add(
            new RootCauseCandidate(
                i + 1,
                c.service(),
                c.component(),
                c.faultClass(),
                c.onset(),
                conf,
                c.evidenceIds()));
      }
    }
    List<Hypothesis> hypotheses = new ArrayList<>();
    int n = 1;
    for (RunTrace.Branch b : trace.branches()) {
      hypotheses.add(
          new Hypothesis(
              "H" + n++,
              b.title(),
              b.status(),
              Math.max(0, Math.min(1, b.prior())),
              b.reason(),
              b.evidenceIds()));
    }
    for (RootCauseCandidate c : candidates) {
      hypotheses.add(
          new Hypothesis(
              "H" + n++,
              c.service() + " is the root cause (" + c.faultClass().id() + ")",
              c.rank() == 1 && verdict == Verdict.ROOT_CAUSE_FOUND
                  ? HypothesisStatus.SUPPORTED
                  : HypothesisStatus.OPEN,
              c.confidence(),
              "candidate " + c.rank() + " of the evidence fusion",
              c.evidenceIds()));
    }
    List<Remediation> remediation =
        verdict == Verdict.ROOT_CAUSE_FOUND ? Remediations.of(candidates.get(0)) : List.of();
    String summary = summary(verdict, candidates, impact, noTelemetry ? null : missing) + caveat;
    return new RcaReport(
        incidentId,
        ctx.incident().alert(),
        verdict,
        summary,
        impact,
        candidates,
        hypotheses,
        evidence,
        remediation,
        plan.text(),
        missing,
        timings,
        ctx.findings());
  }

  /**
   * How the incident window, the onset and the baselines were chosen: which data "normal" was
   * measured on, and why (the Director's note, and each modality's split as the actors used it).
   */
  private static void windowEvidence(InvestigationContext ctx) {
    if (ctx.windowNote().isEmpty()) {
      return;
    }
    List<String> rows = new ArrayList<>(List.of(ctx.windowNote().split("; ")));
    rows.addAll(ctx.splitNotes());
    ctx.evidence()
        .add(
            dev.warroom.model.EvidenceKind.QUERY,
            "windows",
            null,
            "incident window "
                + ctx.window().start()
                + ".."
                + ctx.window().end()
                + (ctx.onsetEstimated() ? ", onset estimated at " + ctx.onset() : "")
                + "; the baselines each comparison used are listed",
            rows,
            List.of(),
            null);
  }

  /**
   * Whether impact analysis found the alerting service itself failing or slow: the alert's symptom
   * is real. Symptoms elsewhere do not count; an alert on a service that looks healthy may have
   * fired on noise.
   */
  /**
   * Whether {@code candidate} can explain a symptom of {@code alerted}: it is the service, one it
   * calls directly or through others, or it runs on one of the service's hosts.
   */
  static boolean onPathOf(dev.warroom.model.Topology t, String alerted, String candidate) {
    java.util.Set<String> seen = new java.util.HashSet<>(List.of(alerted));
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(alerted));
    while (!todo.isEmpty()) {
      for (String callee : t.calleesOf(todo.poll())) {
        if (seen.add(callee)) {
          todo.add(callee);
        }
      }
    }
    if (seen.contains(candidate)) {
      return true;
    }
    java.util.Set<String> hosts = new java.util.HashSet<>();
    t.instancesOf(alerted).forEach(i -> hosts.add(i.host()));
    return t.instancesOf(candidate).stream().anyMatch(i -> hosts.contains(i.host()));
  }

  private static boolean alertedSymptomShown(InvestigationContext ctx) {
    String alerted = ctx.incident().alert().service();
    if (alerted == null) {
      return false;
    }
    // The symptom measured (impact analysis), or the alerted service's own requests changed shape
    // in its traces: what it calls per request moved far beyond noise.
    return ctx.evidence().all().stream()
            .anyMatch(e -> e.source().equals("impact_analysis") && e.entities().contains(alerted))
        || ctx.findings().stream()
            .anyMatch(
                f ->
                    alerted.equals(f.service())
                        && f.detail() instanceof dev.warroom.model.FindingDetail.CallPatternShift);
  }

  /** The interpreter's record of the run: each step and each branch's outcome. */
  private static Evidence runEvidence(
      InvestigationContext ctx, RunbookLibrary.Entry plan, RunTrace trace) {
    List<String> rows = new ArrayList<>();
    List<String> entities = new ArrayList<>();
    for (RunTrace.StepRun s : trace.steps()) {
      rows.add(
          "step "
              + s.name()
              + " = "
              + s.actor()
              + (s.error().isEmpty() ? ": ok" : ": failed: " + s.error())
              + ", "
              + (s.evidenceTo() - s.evidenceFrom())
              + " evidence, "
              + s.millis()
              + " ms");
      entities.add(s.name());
      entities.add(s.actor());
    }
    for (RunTrace.Branch b : trace.branches()) {
      rows.add(
          "hypothesis \""
              + b.title()
              + "\": "
              + b.status().name().toLowerCase(java.util.Locale.ROOT)
              + ", "
              + b.reason());
      entities.add(b.title());
      entities.add(b.reason());
    }
    rows.add(
        "run ended: "
            + trace.ending().name().toLowerCase(java.util.Locale.ROOT)
            + (trace.reason().isEmpty() ? "" : " (" + trace.reason() + ")"));
    String summary =
        "runbook "
            + plan.runbook().id()
            + " ran "
            + trace.steps().size()
            + " steps; "
            + trace.branches().stream().filter(b -> b.status() == HypothesisStatus.PRUNED).count()
            + " of "
            + trace.branches().size()
            + " hypotheses pruned";
    return ctx.evidence()
        .add(
            dev.warroom.model.EvidenceKind.QUERY,
            "interpreter",
            null,
            summary,
            rows,
            entities,
            null);
  }

  /** How the fusion ranked one candidate: its fault-class votes, anomaly and topology walk. */
  /**
   * No fault when even the most likely candidate is improbable; inconclusive when the cause is
   * likelier than not but its fault class is not (the evidence fits no class well).
   */
  private static Verdict learnedVerdict(RcaModel model, List<EvidenceFusion.Candidate> ranked) {
    if (ranked.isEmpty() || ranked.get(0).score() < model.noFaultBelow()) {
      return Verdict.NO_FAULT;
    }
    if (LearnedFusion.classProbability(ranked.get(0)) < model.classAtLeast()
        || ranked.get(0).score() < 0.5) {
      return Verdict.INCONCLUSIVE;
    }
    return Verdict.ROOT_CAUSE_FOUND;
  }

  private static Evidence fusionEvidence(
      InvestigationContext ctx, EvidenceFusion.Candidate c, int rank) {
    List<String> rows = new ArrayList<>();
    c.votes().entrySet().stream()
        .sorted(Map.Entry.comparingByValue(java.util.Comparator.reverseOrder()))
        .forEach(
            v ->
                rows.add(
                    "vote "
                        + v.getKey().id()
                        + ": "
                        + String.format(java.util.Locale.ROOT, "%.2f", v.getValue())));
    rows.add(
        String.format(
            java.util.Locale.ROOT,
            "anomaly %.2f, topology walk %.2f, fused score %.2f",
            c.anomaly(),
            c.walk(),
            c.score()));
    if (!c.explanation().isEmpty()) {
      // The learned classifier's largest terms: which evidence features made it name the class.
      rows.add("class " + c.faultClass().id() + " because " + String.join(", ", c.explanation()));
    }
    List<String> entities =
        new ArrayList<>(List.of(c.service(), c.component(), c.faultClass().id()));
    c.votes().keySet().forEach(f -> entities.add(f.id()));
    String summary =
        c.service()
            + " ranked "
            + rank
            + " as "
            + c.faultClass().id()
            + " from "
            + c.findings()
            + " findings ("
            + String.join(", ", c.evidenceIds())
            + ")";
    return ctx.evidence()
        .add(
            dev.warroom.model.EvidenceKind.TOPOLOGY,
            "evidence_fusion",
            null,
            summary,
            rows,
            entities,
            null);
  }

  private static Impact impact(List<Evidence> evidence) {
    List<String> services = new ArrayList<>();
    List<String> routes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Evidence e : evidence) {
      if (e.source().equals("impact_analysis")) {
        ids.add(e.id());
        for (String ent : e.entities()) {
          if (ent.contains(" ")) {
            routes.add(ent);
          } else if (!services.contains(ent)) {
            services.add(ent);
          }
        }
      }
    }
    if (ids.isEmpty()) {
      return new Impact(
          "No service shows more errors or latency than its baseline.",
          List.of(),
          List.of(),
          List.of());
    }
    String s =
        "Affected: "
            + String.join(", ", services.subList(0, Math.min(5, services.size())))
            + (services.size() > 5 ? " and others" : "")
            + " ["
            + String.join(", ", ids)
            + "].";
    return new Impact(s, services, routes, ids);
  }

  /**
   * @param missing the kinds of data missing, or null when there was no telemetry at all
   */
  private static String summary(
      Verdict v, List<RootCauseCandidate> cs, Impact impact, List<String> missing) {
    return switch (v) {
      case NO_FAULT ->
          "No root cause found: no service shows fault-indicating evidence beyond normal variation"
              + (impact.evidenceIds().isEmpty()
                  ? "."
                  : " [" + String.join(", ", impact.evidenceIds()) + "].");
      case INCONCLUSIVE ->
          missing == null
              ? "Inconclusive: the bundle holds no metrics, logs, traces or events, so nothing could"
                  + " be checked."
              : cs.isEmpty()
                  ? "Inconclusive: no service shows fault-indicating evidence in the data there was,"
                      + " but "
                      + String.join(", ", missing)
                      + " were missing, so a fault they would show cannot be ruled out."
                  : "Inconclusive: the strongest candidate is "
                      + cs.get(0).service()
                      + " ("
                      + cs.get(0).faultClass().id()
                      + ") "
                      + cite(cs.get(0))
                      + ", but the evidence does not separate it clearly from the others.";
      case ROOT_CAUSE_FOUND -> {
        RootCauseCandidate c = cs.get(0);
        StringBuilder sb =
            new StringBuilder("Root cause: ")
                .append(c.service())
                .append(
                    c.component().equals(c.service()) || c.component().contains(" ")
                        ? ""
                        : " (" + c.component() + ")")
                .append(", ")
                .append(c.faultClass().id())
                .append(' ')
                .append(cite(c))
                .append('.');
        if (!impact.affectedServices().isEmpty()) {
          Set<String> others = new LinkedHashSet<>(impact.affectedServices());
          others.remove(c.service());
          if (!others.isEmpty()) {
            sb.append(" Symptoms on ")
                .append(String.join(", ", others.stream().limit(4).toList()))
                .append(" follow from it ")
                .append("[")
                .append(String.join(", ", impact.evidenceIds()))
                .append("].");
          }
        }
        yield sb.toString();
      }
    };
  }

  private static String cite(RootCauseCandidate c) {
    return "[" + String.join(", ", c.evidenceIds().stream().limit(6).toList()) + "]";
  }

  static boolean isFault(FaultClass f) {
    return f != FaultClass.NONE;
  }
}
