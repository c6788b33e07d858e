package dev.warroom.engine.director;

import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Interpretable evidence features of one root-cause candidate, the inputs of {@link RcaModel}: the
 * fused scores and rank ({@link EvidenceFusion}); per actor, how strongly its findings point at the
 * candidate, split by the fault class each finding names; the Kubernetes reasons and log error
 * categories seen on it; which metric families shifted on its own series and on its node ({@link
 * dev.warroom.engine.actors.ScanDigest}); and where it sits relative to other anomalous services
 * (an anomalous callee suggests the candidate is a victim, anomalous callers that it is a cause).
 * Every name is a readable fact ("k8s.oomkilled", "m.cpu_steal:up"), so a model's weights can be
 * read and its decision explained with the evidence behind the largest terms.
 */
final class CandidateFeatures {
  private CandidateFeatures() {}

  /** The features of every candidate, keyed by service, from the fused ranking of the input. */
  static Map<String, Map<String, Double>> of(
      FusionInput in, List<EvidenceFusion.Candidate> ranked) {
    Map<String, Double> anomalyOf = new HashMap<>();
    ranked.forEach(c -> anomalyOf.put(c.service(), c.anomaly()));
    double top = ranked.isEmpty() ? 1 : Math.max(1e-9, ranked.get(0).score());
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (int r = 0; r < ranked.size(); r++) {
      EvidenceFusion.Candidate c = ranked.get(r);
      out.put(c.service(), features(in, c, r, top, anomalyOf));
    }
    return out;
  }

  private static Map<String, Double> features(
      FusionInput in,
      EvidenceFusion.Candidate c,
      int rank,
      double top,
      Map<String, Double> anomalyOf) {
    Map<String, Double> f = new HashMap<>();
    String s = c.service();
    f.put("bias", 1.0);
    f.put("fused.score", c.score());
    f.put("fused.anomaly", c.anomaly());
    f.put("fused.walk", c.walk());
    f.put("fused.relative", c.score() / top);
    f.put("fused.rank1", rank == 0 ? 1.0 : 0.0);
    f.put("fused.top3", rank < 3 ? 1.0 : 0.0);
    f.put("fused.findings", Math.log1p(c.findings()));
    if (in.symptomatic()) {
      f.put("impact.symptomatic", 1.0);
    }
    if (s.equals(in.alertService())) {
      f.put("alert.service", 1.0);
    }
    // what could not be looked at: without it, "no finding" reads the same as "looked, fine"
    in.missing().forEach(kind -> f.put("data.no_" + kind, 1.0));
    for (Finding x : in.findings()) {
      if (!s.equals(x.service()) && !(x.service() == null && s.equals(x.component()))) {
        continue;
      }
      String cls = x.faultClass() == null ? "symptom" : x.faultClass().id();
      f.merge("x." + x.expert(), EvidenceFusion.strength(x), Math::max);
      f.merge("c." + x.expert() + "." + cls, x.score(), Math::max);
      if (x.faultClass() != null) {
        f.merge("class." + cls, x.score(), Math::max);
      }
      detailFeatures(f, x);
      if (!s.equals(x.component()) && x.expert().equals("infra_analysis")) {
        f.merge("pod." + cls, x.score(), Math::max);
      }
    }
    changeTiming(f, in, s);
    in.scan().of(s).forEach((k, v) -> f.put("m." + k, v / 4.0));
    // Amplification: the candidate's calls to its dependencies rose while the requests it serves
    // did not — retries or a fan-out bug multiply load at the source. A callee whose own outbound
    // calls rose because its inbound traffic did is passing the load on, not creating it.
    double out = f.getOrDefault("m.client_calls:up", 0.0);
    if (out > 0) {
      f.put("m.amplified", out * (1 - Math.min(1, f.getOrDefault("m.traffic:up", 0.0))));
    }
    double callers = 0;
    double callees = 0;
    double maxCaller = 0;
    double maxCallee = 0;
    for (DependencyEdge e : in.topology().edges()) {
      if (e.callee().equals(s) && !e.caller().equals(s)) {
        callers++;
        maxCaller = Math.max(maxCaller, anomalyOf.getOrDefault(e.caller(), 0.0));
      } else if (e.caller().equals(s) && !e.callee().equals(s)) {
        callees++;
        maxCallee = Math.max(maxCallee, anomalyOf.getOrDefault(e.callee(), 0.0));
      }
    }
    f.put("topo.leaf", callees == 0 ? 1.0 : 0.0);
    f.put("topo.entry", callers == 0 ? 1.0 : 0.0);
    f.put("topo.caller_anomaly", maxCaller);
    f.put("topo.callee_anomaly", maxCallee);
    f.put("topo.beats_callees", c.anomaly() - maxCallee);
    return f;
  }

  /**
   * A change of the candidate shortly before its first symptom ("chg.bad_deploy.before_symptoms") —
   * the classic "what changed?" of incident response; a change with no symptom after it on the same
   * service is likely a red herring. Onsets are estimates, so "before" allows ten minutes.
   */
  private static void changeTiming(Map<String, Double> f, FusionInput in, String s) {
    java.time.Instant first = null;
    for (Finding x : in.findings()) {
      if (s.equals(x.service())
          && x.onset() != null
          && !x.expert().equals("change_correlation")
          && (first == null || x.onset().isBefore(first))) {
        first = x.onset();
      }
    }
    if (first == null) {
      return;
    }
    for (Finding x : in.findings()) {
      if (s.equals(x.service())
          && x.expert().equals("change_correlation")
          && x.onset() != null
          && x.faultClass() != null
          && !x.onset().isAfter(first.plus(java.time.Duration.ofMinutes(10)))
          && x.onset().isAfter(first.minus(java.time.Duration.ofHours(2)))) {
        f.put("chg." + x.faultClass().id() + ".before_symptoms", 1.0);
      }
    }
  }

  /**
   * The features a finding's typed detail gives its candidate — never its summary, which is for
   * people and may be reworded: the Kubernetes reason ("k8s.oomkilled"), the log error category
   * that rose ("log.timeout") or that another service's lines name it for ("named.tls"), errors
   * that originate in its spans, a failed-call edge pointing at it, a missing index.
   */
  private static void detailFeatures(Map<String, Double> f, Finding x) {
    switch (x.detail()) {
      case FindingDetail.KubernetesReason k -> f.put("k8s." + lower(k.reason()), 1.0);
      case FindingDetail.LogCategoryRise l -> f.put("log." + lower(l.category()), 1.0);
      case FindingDetail.NamedCategory n -> f.put("named." + lower(n.category()), 1.0);
      case FindingDetail.ErrorOrigin o -> f.put("errors.origin", x.score());
      case FindingDetail.EdgeFailure e -> edgeFailure(f, x.score(), e);
      case FindingDetail.MissingIndex m -> {
        if (x.expert().equals("database_analysis")) {
          // a full scan the expert can name an index for: the plan, not the disk, is at fault
          f.merge("db.missing_index", x.score(), Math::max);
        }
      }
      case FindingDetail.None n -> {}
      case FindingDetail.MetricShift m -> {}
      case FindingDetail.LatencyShift l -> {}
      case FindingDetail.EdgeDelay d -> {}
      case FindingDetail.CallPatternShift c -> f.merge("calls.shifted", x.score(), Math::max);
      case FindingDetail.ServiceLatencyShift l -> {}
      case FindingDetail.FullScan s -> {}
      case FindingDetail.SlowQuery q -> {}
      case FindingDetail.LockWait w -> {}
      case FindingDetail.StatementLogs s -> {}
      case FindingDetail.ChangeEvent c -> {}
      case FindingDetail.CodeFailure c -> {}
      case FindingDetail.LogTemplateShift t -> {}
    }
  }

  /**
   * A failed-call edge pointing at the candidate ({@code ErrorLocalizationActor}): how the calls
   * failed ("edge.err.timeout") and whether they are the only failing edge of a caller with several
   * callees ("edge.one_callee": the path) or all of its edges ("edge.all_callees": the caller).
   */
  private static void edgeFailure(
      Map<String, Double> f, double score, FindingDetail.EdgeFailure e) {
    f.merge("edge.failed", score, Math::max);
    f.put("edge.err." + lower(e.category()), 1.0);
    if (e.callees() > 1 && e.failingCallees() == 1) {
      f.put("edge.one_callee", 1.0);
    } else if (e.callees() > 1 && e.failingCallees() >= e.callees()) {
      f.put("edge.all_callees", 1.0);
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
