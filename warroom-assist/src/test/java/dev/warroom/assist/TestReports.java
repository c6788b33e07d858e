package dev.warroom.assist;

import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.Hypothesis;
import dev.warroom.model.HypothesisStatus;
import dev.warroom.model.Impact;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Remediation;
import dev.warroom.model.RootCauseCandidate;
import dev.warroom.model.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report written for these tests: checkout's connection pool exhausted by long transactions on
 * orders-db. {@link #withPlanted} puts untrusted text where telemetry would carry it.
 */
public final class TestReports {
  private TestReports() {}

  static final Instant T0 = Instant.parse("2026-03-14T09:14:00Z");

  public static RcaReport poolExhaustion() {
    return withPlanted(List.of(), List.of(), null);
  }

  /**
   * The report with {@code logLines} added to the log evidence, {@code spanAttributes} (each a
   * value) added as span attribute rows of the trace evidence, and the alert title replaced when
   * {@code alertTitle} is not null.
   */
  public static RcaReport withPlanted(
      List<String> logLines, List<String> spanAttributes, String alertTitle) {
    Alert alert =
        new Alert(
            "fp-checkout-latency",
            AlertSource.ALERTMANAGER,
            AlertStatus.FIRING,
            alertTitle == null ? "High p99 latency on checkout" : alertTitle,
            "latency",
            "checkout",
            "critical",
            Map.of("team", "payments", "env", "prod"),
            Map.of("runbook_url", "https://runbooks.example/checkout-latency"),
            T0,
            null);
    Evidence metric =
        new Evidence(
            "E1",
            EvidenceKind.METRIC,
            "metrics",
            "histogram_quantile(0.99, http_server_duration_seconds{service=\"checkout\"})",
            Map.of(),
            "checkout p99 latency rose from 0.12 s to 2.4 s at 09:12",
            List.of("09:10 0.12", "09:12 0.95", "09:14 2.4"),
            List.of("checkout", "http_server_duration_seconds", "0.12", "2.4"),
            null,
            null);
    List<String> logRows = new ArrayList<>();
    logRows.add(
        "2026-03-14T09:13:02Z checkout ERROR HikariPool-1 - Connection is not available,"
            + " request timed out after 30000ms");
    logRows.add("2026-03-14T09:13:05Z checkout ERROR 412 requests failed with HTTP 503");
    logRows.addAll(logLines);
    Evidence log =
        new Evidence(
            "E2",
            EvidenceKind.LOG,
            "logs",
            "{service=\"checkout\"} |= \"Connection is not available\"",
            Map.of(),
            "checkout: new ERROR template 'Connection is not available, request timed out after"
                + " <*>ms', 412 lines",
            logRows,
            List.of("checkout", "HikariPool-1", "30000ms", "412"),
            null,
            null);
    List<String> spanRows = new ArrayList<>();
    spanRows.add("trace 4bf92f3577b34da6 span checkout POST /api/checkout 2400ms status=ERROR");
    for (String a : spanAttributes) {
      spanRows.add("trace 4bf92f3577b34da6 span checkout attribute http.user_agent=" + a);
    }
    Evidence trace =
        new Evidence(
            "E3",
            EvidenceKind.TRACE,
            "traces",
            "service.name = checkout AND status = error",
            Map.of(),
            "checkout spans wait 2.3 s in getConnection before calling orders-db",
            spanRows,
            List.of("checkout", "orders-db", "getConnection"),
            null,
            null);
    Evidence db =
        new Evidence(
            "E4",
            EvidenceKind.DATABASE,
            "orders-db",
            "SELECT state, count(*) FROM pg_stat_activity GROUP BY state",
            Map.of(),
            "orders-db: 20 of 20 pool connections active, 17 idle in transaction for over 60 s",
            List.of("active 3", "idle in transaction 17"),
            List.of("orders-db", "20", "17", "60"),
            null,
            null);
    List<Evidence> evidence = List.of(metric, log, trace, db);
    Finding pool =
        new Finding(
            "logs",
            "checkout",
            "checkout",
            FaultClass.CONNECTION_POOL_EXHAUSTION,
            "checkout: new ERROR template 'Connection is not available', 412 lines",
            0.91,
            T0.minusSeconds(120),
            List.of(log));
    Finding latency =
        new Finding(
            "metrics",
            "checkout",
            "checkout",
            null,
            "checkout p99 latency rose from 0.12 s to 2.4 s",
            0.88,
            T0.minusSeconds(120),
            List.of(metric));
    return new RcaReport(
        "inc-2026-03-14-checkout",
        alert,
        Verdict.ROOT_CAUSE_FOUND,
        "checkout's connection pool is exhausted: requests wait 30000ms for a connection to"
            + " orders-db and fail.",
        new Impact(
            "checkout requests fail with HTTP 503; p99 latency is 2.4 s.",
            List.of("checkout"),
            List.of("POST /api/checkout"),
            List.of("E1", "E2")),
        List.of(
            new RootCauseCandidate(
                1,
                "checkout",
                "HikariPool-1",
                FaultClass.CONNECTION_POOL_EXHAUSTION,
                T0.minusSeconds(120),
                0.82,
                List.of("E2", "E3", "E4")),
            new RootCauseCandidate(
                2,
                "orders-db",
                "orders-db",
                FaultClass.LOCK_CONTENTION,
                T0.minusSeconds(180),
                0.11,
                List.of("E4"))),
        List.of(
            new Hypothesis(
                "H1",
                "checkout's connection pool is exhausted",
                HypothesisStatus.SUPPORTED,
                0.82,
                "412 requests timed out waiting for a connection (E2)",
                List.of("E2", "E4")),
            new Hypothesis(
                "H2",
                "network or host problem",
                HypothesisStatus.PRUNED,
                0.05,
                "no host metric moved",
                List.of("E1"))),
        evidence,
        List.of(
            new Remediation(
                Remediation.Phase.MITIGATE,
                "End the sessions idle in transaction on orders-db",
                List.of("E4")),
            new Remediation(
                Remediation.Phase.FIX, "Give batch jobs their own connection pool", List.of("E2"))),
        "runbook latency \"Latency\" { conclude }",
        List.of(),
        Map.of("total", 812L),
        List.of(pool, latency));
  }
}
