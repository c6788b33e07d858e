package dev.warroom.engine.report;

import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.CodeRef;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.Hypothesis;
import dev.warroom.model.HypothesisStatus;
import dev.warroom.model.Impact;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Remediation;
import dev.warroom.model.RootCauseCandidate;
import dev.warroom.model.SeriesChart;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Verdict;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built reports for the rendering golden files and the narrative check. */
final class SampleReports {
  static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
  static final Instant ONSET = Instant.parse("2026-11-20T10:12:00Z");

  private SampleReports() {}

  static Alert alert() {
    return new Alert(
        "fp-1",
        AlertSource.ALERTMANAGER,
        AlertStatus.FIRING,
        "HighErrorRate checkout",
        "error_rate",
        "checkout",
        "critical",
        Map.of("team", "payments"),
        Map.of(),
        ONSET,
        null);
  }

  /** The checkout service fails because the payments database pool is exhausted. */
  static RcaReport poolExhaustion() {
    int n = 24;
    long[] ts = new long[n];
    double[] values = new double[n];
    double[] lower = new double[n];
    double[] upper = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = START.plusSeconds(60L * i).toEpochMilli();
      values[i] = i < 12 ? 4 + (i % 3) : 48 + (i % 4);
      lower[i] = i == 5 ? Double.NaN : 2;
      upper[i] = i == 5 ? Double.NaN : 9;
    }
    values[20] = Double.NaN;
    SeriesChart chart =
        new SeriesChart(
            SeriesKey.of("db_pool_waiting", "service", "payments", "pool", "main"),
            ts,
            values,
            lower,
            upper,
            "calculated from the past 4 days",
            new TimeWindow(ONSET, START.plusSeconds(60L * 23)));
    Evidence e1 =
        new Evidence(
            "E1",
            EvidenceKind.METRIC,
            "metrics-expert",
            "SELECT ts, value FROM metrics WHERE name = 'db_pool_waiting' AND service = 'payments'",
            Map.of("promql", "db_pool_waiting{service=\"payments\",pool=\"main\"}"),
            "db_pool_waiting on payments rose from 5 to 49 at 2026-11-20T10:12:00Z, 9.1 times its baseline",
            List.of("2026-11-20T10:11:00Z 6", "2026-11-20T10:12:00Z 48"),
            List.of("payments", "db_pool_waiting"),
            null,
            chart);
    Evidence e2 =
        new Evidence(
            "E2",
            EvidenceKind.LOG,
            "logs-expert",
            "SELECT ts, message FROM logs WHERE service = 'payments' AND level = 'ERROR'",
            Map.of("logql", "{service=\"payments\"} |= \"ERROR\""),
            "412 ERROR lines on payments: HikariPool-1 - Connection is not available",
            List.of(
                "2026-11-20T10:12:03Z ERROR payments-7d9f HikariPool-1 - Connection is not available, request timed out after 30000ms",
                "2026-11-20T10:12:04Z ERROR payments-7d9f HikariPool-1 - Connection is not available, request timed out after 30000ms"),
            List.of("payments", "payments-7d9f", "HikariPool-1"),
            null,
            null);
    Evidence e3 =
        new Evidence(
            "E3",
            EvidenceKind.TRACE,
            "traces-expert",
            "SELECT trace_id, span_id, service, name, status FROM spans WHERE status = 'ERROR'",
            Map.of(),
            "errors originate in payments (POST /charge); checkout only propagates them",
            List.of(
                "trace 4bf92f35 span 00f067aa checkout POST /checkout ERROR 30012ms",
                "trace 4bf92f35 span 00f067ab payments POST /charge ERROR 30001ms"),
            List.of("checkout", "payments", "POST /charge"),
            null,
            null);
    Evidence e4 =
        new Evidence(
            "E4",
            EvidenceKind.CODE,
            "code-expert",
            "",
            Map.of(),
            "PaymentRepository.java:88 holds a connection across a remote call",
            List.of(
                "88: try (Connection c = pool.getConnection()) { fraudClient.check(order); ... }"),
            List.of("PaymentRepository.java"),
            new CodeRef("payments", "src/main/java/pay/PaymentRepository.java", 88, "a1b2c3d"),
            null);
    Evidence e5 =
        new Evidence(
            "E5",
            EvidenceKind.METRIC,
            "metrics-expert",
            "SELECT service, avg(value) FROM metrics WHERE name = 'cpu_usage' GROUP BY service",
            Map.of("promql", "avg by (service) (rate(cpu_usage_seconds_total[5m]))"),
            "cpu_usage on checkout and payments stayed within its baseline",
            List.of("checkout 0.31", "payments 0.28"),
            List.of("checkout", "payments"),
            null,
            null);
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put("total", 1840L);
    timings.put("queries", 920L);
    timings.put("experts", 610L);
    return new RcaReport(
        "inc-42",
        alert(),
        Verdict.ROOT_CAUSE_FOUND,
        "checkout returns errors because the payments database pool is exhausted (E1, E2); the errors originate in payments (E3).",
        new Impact(
            "checkout and payments fail on POST /charge (E3).",
            List.of("checkout", "payments"),
            List.of("POST /charge"),
            List.of("E3")),
        List.of(
            new RootCauseCandidate(
                1,
                "payments",
                "HikariPool-1",
                FaultClass.CONNECTION_POOL_EXHAUSTION,
                ONSET,
                0.87,
                List.of("E1", "E2", "E4")),
            new RootCauseCandidate(
                2, "checkout", "checkout", FaultClass.CODE_EXCEPTION, null, 0.08, List.of("E3"))),
        List.of(
            new Hypothesis(
                "H1",
                "application error in a dependency",
                HypothesisStatus.SUPPORTED,
                0.87,
                "errors originate in payments",
                List.of("E2", "E3")),
            new Hypothesis(
                "H2",
                "network or host problem",
                HypothesisStatus.PRUNED,
                0.05,
                "cpu_usage stayed within its baseline",
                List.of("E5"))),
        List.of(e1, e2, e3, e4, e5),
        List.of(
            new Remediation(
                Remediation.Phase.MITIGATE,
                "Restart payments-7d9f to release HikariPool-1 connections",
                List.of("E2")),
            new Remediation(
                Remediation.Phase.FIX,
                "Release the connection before the remote call in PaymentRepository.java:88",
                List.of("E4"))),
        "runbook http_errors \"Elevated HTTP 5xx\" {\n  conclude\n}\n",
        List.of("events"),
        timings,
        findings(e1, e2, e3, e4));
  }

  /** One detail of every kind, unknown numbers (NaN) and null strings included. */
  static List<FindingDetail> oneDetailOfEachKind() {
    return List.of(
        FindingDetail.none(),
        new FindingDetail.MetricShift(
            "cpu{pod=\"a\"}", null, null, FindingDetail.Direction.DOWN, 6.5, Double.NaN, -0.25),
        new FindingDetail.LatencyShift("cart", "GET /cart", "redis", 41.5, 2, 43.5, 0.8),
        new FindingDetail.ServiceLatencyShift(100, 900, 750, null, 0),
        new FindingDetail.ErrorOrigin(null, 12, 0.4, 1, List.of("NullPointerException")),
        new FindingDetail.EdgeFailure(
            "frontend", "cart", 30, 0, "dns", Map.of("ENOTFOUND", 30), 2, 2),
        new FindingDetail.EdgeDelay("frontend", "cart", 217.4, 3.7, true, 2, 2, true),
        new FindingDetail.CallPatternShift(
            "AdService/GetAds", "adservice", "AdService/getRandomAds", 0.19, 0.0, 407, 1),
        new FindingDetail.LogCategoryRise("timeout", "WARN", 20, 1.5, null),
        new FindingDetail.NamedCategory("checkout", "tls", "payments", 14),
        new FindingDetail.KubernetesReason("OOMKilled", "cart-7d9f", 3),
        new FindingDetail.MissingIndex(
            "orders",
            List.of("customer_id", "created_at"),
            "SELECT * FROM orders WHERE customer_id = ?",
            2.5e6,
            "CREATE INDEX orders_customer_id_created_at ON orders (customer_id, created_at)",
            false),
        new FindingDetail.FullScan("events", "SELECT count(*) FROM events", 9e6, true),
        new FindingDetail.SlowQuery("UPDATE stock SET n = n - ?", 5, 5, 2, 80, 0.7),
        new FindingDetail.LockWait(
            "4711", "idle in transaction", "UPDATE stock SET n = n - ?", 6, 31.5, List.of("stock")),
        new FindingDetail.StatementLogs("SELECT * FROM carts WHERE id = ?", 9),
        new FindingDetail.ChangeEvent("config_change", "config cart port=8081", null, 0.6, "same"),
        new FindingDetail.CodeFailure("src/Cart.java", 42, "Cart.total", "NullPointerException", 7),
        new FindingDetail.LogTemplateShift("connection refused to <*>", "ERROR", 0, 120));
  }

  /** One finding per kind of evidence of the pool-exhaustion sample, each with its typed detail. */
  private static List<Finding> findings(Evidence e1, Evidence e2, Evidence e3, Evidence e4) {
    return List.of(
        new Finding(
            "metric_anomaly",
            "payments",
            "payments",
            FaultClass.CONNECTION_POOL_EXHAUSTION,
            "db_pool_waiting{service=\"payments\",pool=\"main\"} rose from 5 to 49",
            0.9,
            ONSET,
            List.of(e1),
            new FindingDetail.MetricShift(
                "db_pool_waiting{pool=\"main\",service=\"payments\"}",
                "db_pool",
                "database",
                FindingDetail.Direction.UP,
                9.1,
                5,
                49)),
        new Finding(
            "error_localization",
            "payments",
            "payments",
            FaultClass.CONNECTION_POOL_EXHAUSTION,
            "payments: 412 ERROR log lines of category pool from 2026-11-20T10:12:03Z (expected 0)",
            0.8,
            ONSET.plusSeconds(3),
            List.of(e2),
            new FindingDetail.LogCategoryRise(
                "pool", "ERROR", 412, 0, "SQLTransientConnectionException")),
        new Finding(
            "error_localization",
            "payments",
            "checkout->payments",
            null,
            "checkout->payments: 57 calls failed that payments did not fail itself, mostly timeout",
            0.6,
            null,
            List.of(e3),
            new FindingDetail.EdgeFailure(
                "checkout",
                "payments",
                57,
                Double.NaN,
                "timeout",
                Map.of("504", 12, "SocketTimeoutException", 45),
                1,
                3)),
        new Finding(
            "code_analysis",
            "payments",
            "src/main/java/pay/PaymentRepository.java:88",
            FaultClass.CONNECTION_POOL_EXHAUSTION,
            "payments: 40 stack traces fail at PaymentRepository.java:88",
            0.7,
            null,
            List.of(e4)),
        new Finding(
            "change_correlation",
            "payments",
            "payments",
            FaultClass.BAD_DEPLOY,
            "change at 2026-11-20T09:58:00Z: deploy payments 2.4.1",
            0.3,
            ONSET.minusSeconds(840),
            List.of(),
            new FindingDetail.ChangeEvent(
                "deploy", "deploy payments 2.4.1", "2.4.1", 0.3, "14 min before the onset")));
  }

  /** A control episode: nothing is broken. */
  static RcaReport noFault() {
    Evidence e =
        Evidence.of(
            "E1",
            EvidenceKind.METRIC,
            "metrics-expert",
            "no series of checkout left its baseline",
            List.of());
    return new RcaReport(
        "inc-43",
        null,
        Verdict.NO_FAULT,
        "No fault found: no series left its baseline (E1).",
        null,
        List.of(),
        List.of(),
        List.of(e),
        List.of(),
        "",
        List.of(),
        Map.of("total", 300L));
  }

  /** Report text that tries to inject markup into every rendering. */
  static RcaReport hostile() {
    String evil = "<script>alert('x')</script> | `rm` *bold* [link](http://evil) & \"q\"";
    Evidence e =
        new Evidence(
            "E<1>",
            EvidenceKind.LOG,
            "logs \"expert\"",
            "SELECT '<b>' FROM logs -- ```",
            Map.of("logql", "{a=\"<i>\"}"),
            evil,
            List.of(evil, "```"),
            List.of(),
            null,
            null);
    return new RcaReport(
        "inc-<x>",
        null,
        Verdict.INCONCLUSIVE,
        evil,
        null,
        List.of(),
        List.of(new Hypothesis("H1", evil, HypothesisStatus.PRUNED, 0.1, evil, List.of("E<1>"))),
        List.of(e),
        List.of(new Remediation(Remediation.Phase.MITIGATE, evil, List.of())),
        "runbook x \"</pre><script>\" {}",
        List.of("<traces>"),
        Map.of());
  }
}
