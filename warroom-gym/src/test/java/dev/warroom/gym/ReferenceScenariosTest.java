package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReferenceScenariosTest {
  static Episode run(String name) {
    return new Gym()
        .reset(
            1,
            References.get(name)
                .withWindow(Duration.ofMinutes(40), Duration.ofDays(1))
                .withTracesPerMinute(40));
  }

  @Test
  void memoryExhaustionDrivesTheSymptomP90AboveSeconds() {
    Episode ep = run("ref1-memory-p90");
    assertThat(ep.truth().rootCauseService()).isEqualTo("balancereader");
    assertThat(ep.truth().alertService()).isNotEqualTo("balancereader");
    MetricSeries p90 = p90(ep, ep.truth().alertService());
    assertThat(
            TruthConsistencyTest.maxBetween(
                p90, ep.truth().onset(), ep.bundle().manifest().window().end()))
        .isGreaterThan(5);
  }

  @Test
  void noisyNeighbourStealsCpuOnOneNodeWhileTheNeighbourRunsHot() {
    Episode ep = run("ref2-noisy-neighbour");
    String node = ep.truth().parameters().get("node");
    MetricSeries steal =
        ep.bundle().metrics().stream()
            .filter(
                m ->
                    m.key().name().equals("node_cpu_steal_ratio")
                        && node.equals(m.key().label("node")))
            .findFirst()
            .orElseThrow();
    assertThat(
            TruthConsistencyTest.maxBetween(
                steal, ep.truth().onset(), ep.bundle().manifest().window().end()))
        .isGreaterThan(0.1);
    MetricSeries hot =
        TruthConsistencyTest.series(ep, "container_cpu_utilization_ratio", ep.truth().component());
    assertThat(
            TruthConsistencyTest.maxBetween(
                hot, ep.truth().onset(), ep.bundle().manifest().window().end()))
        .isGreaterThan(0.95);
  }

  @Test
  void bankNetworkTroubleFailsDepositAndPaymentBesideInsufficientBalanceNoise() {
    Episode ep = run("ref3-bank-network");
    assertThat(ep.truth().component()).isEqualTo("frontend->ledgerwriter");
    assertThat(ep.bundle().logs())
        .anyMatch(
            r -> r.service().equals("ledgerwriter") && r.body().contains("insufficient balance"));
    assertThat(ep.bundle().logs())
        .anyMatch(r -> r.service().equals("frontend") && r.body().contains("Connection refused"));
    assertThat(ep.bundle().spans())
        .anyMatch(
            s ->
                s.isError()
                    && s.service().equals("frontend")
                    && s.operation().equals("POST /deposit"));
    assertThat(ep.bundle().spans())
        .anyMatch(
            s ->
                s.isError()
                    && s.service().equals("frontend")
                    && s.operation().equals("POST /payment"));
  }

  @Test
  void unindexedQueryReadsManyRowsWhileABatchStatementCompetes() {
    Episode ep = run("ref4-unindexed-query");
    assertThat(ep.truth().component()).isEqualTo("query:select_history");
    assertThat(ep.truth().redHerrings()).anyMatch(h -> h.kind().equals("batch_job"));
    MetricSeries rows =
        ep.bundle().metrics().stream()
            .filter(
                m ->
                    m.key().name().equals("db_rows_read_per_second")
                        && "ledger-db".equals(m.key().label("service"))
                        && "select_history".equals(m.key().label("query")))
            .findFirst()
            .orElseThrow();
    double before =
        TruthConsistencyTest.maxBetween(
            rows, ep.truth().onset().minusSeconds(900), ep.truth().onset());
    double after =
        TruthConsistencyTest.maxBetween(
            rows, ep.truth().onset(), ep.bundle().manifest().window().end());
    assertThat(after).isGreaterThan(50 * before);
  }

  @Test
  void execFormatErrorAfterDeployGives502sAtTheLoadBalancer() {
    Episode ep = run("ref5-exec-format");
    assertThat(ep.bundle().logs())
        .anyMatch(r -> r.service().equals("frontend") && r.body().contains("exec format error"));
    assertThat(ep.bundle().events())
        .anyMatch(e -> e instanceof KubernetesEvent k && k.reason().equals("BackOff"));
    assertThat(
            ep.bundle().logs().stream()
                .filter(r -> r.service().equals("frontend-external"))
                .map(LogRecord::body))
        .anyMatch(b -> b.contains("\" 502 "));
  }

  static MetricSeries p90(Episode ep, String svc) {
    return ep.bundle().metrics().stream()
        .filter(
            m ->
                m.key().name().equals("http_server_requests_seconds")
                    && svc.equals(m.key().label("service"))
                    && "0.9".equals(m.key().label("quantile"))
                    && m.key().labels().size() == 2)
        .findFirst()
        .orElseThrow();
  }
}
