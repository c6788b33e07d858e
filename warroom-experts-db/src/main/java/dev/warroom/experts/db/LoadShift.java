package dev.warroom.experts.db;

import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One statement digest whose share of database time rose between the baseline and the incident
 * window. Load is execution time per wall-clock second (ms/s), the quantity pg_stat_statements'
 * total_exec_time and performance_schema's SUM_TIMER_WAIT accumulate; it rises with more calls,
 * slower calls, or both, and the summary says which.
 */
record LoadShift(
    String key,
    String digest,
    double baselineCallsPerS,
    double incidentCallsPerS,
    double baselineMeanMs,
    double incidentMeanMs,
    double baselineLoad,
    double incidentLoad,
    double share,
    SqlDialect dialect) {

  /** Ratio of incident to baseline load; infinite for a statement new in the incident. */
  double ratio() {
    return baselineLoad == 0 ? Double.POSITIVE_INFINITY : incidentLoad / baselineLoad;
  }

  static List<LoadShift> rising(
      StatementStats baseline,
      StatementStats incident,
      DatabaseExpertConfig config,
      StatementNormalizer normalizer) {
    Map<String, Agg> now = aggregate(incident, normalizer);
    Map<String, Agg> before = baseline == null ? Map.of() : aggregate(baseline, normalizer);
    double total = now.values().stream().mapToDouble(a -> a.timeMs).sum();
    List<LoadShift> out = new ArrayList<>();
    if (total <= 0) {
      return out;
    }
    for (var e : now.entrySet()) {
      Agg a = e.getValue();
      Agg b = before.getOrDefault(e.getKey(), new Agg(a.digest));
      double bs = baseline == null ? 1 : baseline.seconds();
      LoadShift shift =
          new LoadShift(
              e.getKey(),
              a.digest,
              b.calls / bs,
              a.calls / incident.seconds(),
              b.calls == 0 ? 0 : b.timeMs / b.calls,
              a.calls == 0 ? 0 : a.timeMs / a.calls,
              b.timeMs / bs,
              a.timeMs / incident.seconds(),
              a.timeMs / total,
              incident.dialect());
      if (shift.share >= config.minIncidentShare() && shift.ratio() >= config.minRiseRatio()) {
        out.add(shift);
      }
    }
    out.sort(Comparator.comparingDouble(LoadShift::share).reversed());
    return out;
  }

  boolean slower() {
    return baselineMeanMs > 0 && incidentMeanMs >= 2 * baselineMeanMs;
  }

  Evidence evidence(String id) {
    String summary =
        String.format(
            "`%s`: load %.1f -> %.1f ms/s (%s), %.0f%% of statement time in the incident",
            digest,
            baselineLoad,
            incidentLoad,
            Double.isInfinite(ratio()) ? "new" : String.format("x%.1f", ratio()),
            share * 100);
    List<String> rows =
        List.of(
            String.format("calls/s: %.2f -> %.2f", baselineCallsPerS, incidentCallsPerS),
            String.format("mean ms: %.2f -> %.2f", baselineMeanMs, incidentMeanMs),
            String.format("load ms/s: %.2f -> %.2f", baselineLoad, incidentLoad));
    return new Evidence(
        id,
        EvidenceKind.DATABASE,
        dialect == SqlDialect.POSTGRES
            ? "pg_stat_statements"
            : "performance_schema.events_statements_summary_by_digest",
        digest,
        Map.of(),
        summary,
        rows,
        List.of(digest),
        null,
        null);
  }

  Finding finding(String service, Evidence evidence) {
    String cause =
        baselineCallsPerS == 0
            ? String.format("new in the incident window, %.1f ms per call", incidentMeanMs)
            : slower()
                ? String.format(
                    "each call slower (%.1f -> %.1f ms)", baselineMeanMs, incidentMeanMs)
                : String.format(
                    "more calls (%.1f -> %.1f /s)", baselineCallsPerS, incidentCallsPerS);
    double rise = Double.isInfinite(ratio()) ? 1 : Math.min(1, Math.log(ratio()) / Math.log(16));
    return new Finding(
        DatabaseExpert.NAME,
        service,
        service == null ? "database" : service,
        slower() ? FaultClass.SLOW_QUERY : null,
        "statement load rose: " + evidence.summary() + "; " + cause,
        // capped below a finding that names a cause (a scan, a lock) for the same statement
        Math.min(0.95, 0.5 * share + 0.5 * rise),
        null,
        List.of(evidence),
        new FindingDetail.SlowQuery(
            digest, baselineCallsPerS, incidentCallsPerS, baselineMeanMs, incidentMeanMs, share));
  }

  private static Map<String, Agg> aggregate(StatementStats stats, StatementNormalizer normalizer) {
    Map<String, Agg> out = new LinkedHashMap<>();
    for (StatementStat s : stats.statements()) {
      String digest = normalizer.normalize(s.text());
      Agg a = out.computeIfAbsent(digest.toLowerCase(java.util.Locale.ROOT), k -> new Agg(digest));
      a.calls += s.calls();
      a.timeMs += s.totalTimeMs();
    }
    return out;
  }

  /** Mutable accumulator, local to one aggregation. */
  private static final class Agg {
    final String digest;
    long calls;
    double timeMs;

    Agg(String digest) {
      this.digest = digest;
    }
  }
}
