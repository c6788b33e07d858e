package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.experts.metrics.MetricMeaning.Bad;
import dev.warroom.experts.metrics.MetricMeaning.Kind;
import dev.warroom.experts.metrics.MetricMeaning.Scope;
import dev.warroom.experts.metrics.MetricMeaning.Unit;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricSemanticsTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # cAdvisor
          container_cpu_usage_seconds_total          | cpu            | COUNTER | SECONDS      | POD     | UP
          container_memory_working_set_bytes         | memory         | GAUGE   | BYTES        | POD     | UP
          container_network_receive_bytes_total      | network_io     | COUNTER | BYTES        | POD     | EITHER
          container_cpu_cfs_throttled_periods_total  | cpu_throttling | COUNTER | COUNT        | POD     | UP
          container_fs_reads_bytes_total             | disk_io        | COUNTER | BYTES        | POD     | UP
          container_spec_memory_limit_bytes          | config         | GAUGE   | BYTES        | POD     | NONE
          # kube-state-metrics
          kube_pod_container_status_restarts_total   | pod_health     | COUNTER | COUNT        | POD     | UP
          kube_deployment_status_replicas_unavailable| pod_health     | UNKNOWN | UNKNOWN      | POD     | UP
          kube_pod_container_status_ready            | pod_health     | UNKNOWN | UNKNOWN      | POD     | DOWN
          # node_exporter
          node_cpu_seconds_total                     | cpu            | COUNTER | SECONDS      | NODE    | UP
          node_memory_MemAvailable_bytes             | memory         | GAUGE   | BYTES        | NODE    | DOWN
          node_disk_io_time_seconds_total            | disk_io        | COUNTER | SECONDS      | NODE    | UP
          node_network_receive_drop_total            | packet_loss    | COUNTER | COUNT        | NODE    | UP
          node_network_transmit_bytes_total          | network_io     | COUNTER | BYTES        | NODE    | EITHER
          node_filesystem_avail_bytes                | disk_free      | GAUGE   | BYTES        | NODE    | DOWN
          # OpenTelemetry semantic conventions
          http.server.request.duration               | latency        | GAUGE   | SECONDS      | SERVICE | UP
          http.server.duration                       | latency        | GAUGE   | MILLISECONDS | SERVICE | UP
          rpc.server.duration                        | latency        | GAUGE   | MILLISECONDS | SERVICE | UP
          process.cpu.utilization                    | cpu            | GAUGE   | RATIO        | POD     | UP
          system.cpu.utilization                     | cpu            | GAUGE   | RATIO        | NODE    | UP
          container.cpu.time                         | cpu            | COUNTER | SECONDS      | POD     | UP
          jvm.memory.used                            | memory         | GAUGE   | UNKNOWN      | POD     | UP
          # Micrometer / Spring
          http_server_requests_seconds_count         | traffic        | COUNTER | SECONDS      | SERVICE | EITHER
          http_server_requests_seconds_sum           | latency        | COUNTER | SECONDS      | SERVICE | UP
          http_server_requests_seconds_max           | latency        | GAUGE   | SECONDS      | SERVICE | UP
          jvm_memory_used_bytes                      | memory         | GAUGE   | BYTES        | POD     | UP
          jvm_threads_live_threads                   | threads        | UNKNOWN | UNKNOWN      | POD     | UP
          hikaricp_connections_pending               | connection_pool| UNKNOWN | UNKNOWN      | POD     | UP
          process_cpu_usage                          | cpu            | GAUGE   | RATIO        | POD     | UP
          system_cpu_usage                           | cpu            | GAUGE   | RATIO        | NODE    | UP
          jvm_gc_pause_seconds_sum                   | gc             | COUNTER | SECONDS      | POD     | UP
          # Datadog
          kubernetes.cpu.usage.total                 | cpu            | GAUGE   | NANOCORES    | POD     | UP
          trace.http.request.duration                | latency        | GAUGE   | UNKNOWN      | SERVICE | UP
          aws.rds.cpuutilization                     | cpu            | GAUGE   | PERCENT      | NODE    | UP
          # plain CSV columns
          cpu                                        | cpu            | UNKNOWN | UNKNOWN      | POD     | UP
          CpuUsageRate(%)                            | cpu            | GAUGE   | PERCENT      | POD     | UP
          MemoryUsageRate(%)                         | memory         | GAUGE   | PERCENT      | POD     | UP
          NetworkP90(ms)                             | network_latency| GAUGE   | MILLISECONDS | POD     | UP
          PodClientLatencyP90(s)                     | latency        | GAUGE   | SECONDS      | POD     | UP
          PodSuccessRate(%)                          | errors         | GAUGE   | PERCENT      | POD     | DOWN
          mem_usage                                  | memory         | GAUGE   | UNKNOWN      | POD     | UP
          latency-50                                 | latency        | GAUGE   | UNKNOWN      | SERVICE | UP
          rps                                        | traffic        | UNKNOWN | PER_SECOND   | SERVICE | EITHER
          latency                                    | latency        | GAUGE   | UNKNOWN      | SERVICE | UP
          requests                                   | traffic        | UNKNOWN | UNKNOWN      | SERVICE | EITHER
          availability                               | errors         | UNKNOWN | UNKNOWN      | SERVICE | DOWN
          # Nezha-style exports
          cpu_usage_percent                          | cpu            | GAUGE   | PERCENT      | POD     | UP
          cpu_usage_millicores                       | cpu            | GAUGE   | MILLICORES   | POD     | UP
          memory_usage_mebibytes                     | memory         | GAUGE   | MEBIBYTES    | POD     | UP
          server_latency_p90_seconds                 | latency        | GAUGE   | SECONDS      | SERVICE | UP
          client_latency_p90_seconds                 | latency        | GAUGE   | SECONDS      | SERVICE | UP
          success_rate_percent                       | errors         | GAUGE   | PERCENT      | SERVICE | DOWN
          requests_per_second                        | traffic        | UNKNOWN | PER_SECOND   | SERVICE | EITHER
          syscall_read_total                         | syscalls       | COUNTER | COUNT        | POD     | EITHER
          node_cpu_usage_percent                     | cpu            | GAUGE   | PERCENT      | NODE    | UP
          network_receive_bytes                      | network_io     | UNKNOWN  | BYTES        | POD     | EITHER
          """)
  void readsNamesAcrossConventions(
      String name, String signal, Kind kind, Unit unit, Scope scope, Bad bad) {
    assertThat(MetricSemantics.of(name))
        .isEqualTo(new MetricMeaning(signal, kind, unit, scope, bad));
  }

  @Test
  void idleCpuModeIsBadWhenItFalls() {
    assertThat(MetricSemantics.of("node_cpu_seconds_total", Map.of("mode", "idle")).bad())
        .isEqualTo(Bad.DOWN);
    assertThat(MetricSemantics.of("node_cpu_seconds_total", Map.of("mode", "user")).bad())
        .isEqualTo(Bad.UP);
  }

  @Test
  void terminationReasonOomKilledIsAnOomKill() {
    assertThat(
            MetricSemantics.of(
                    "kube_pod_container_status_last_terminated_reason",
                    Map.of("reason", "OOMKilled"))
                .signal())
        .isEqualTo("oom_kills");
    assertThat(
            MetricSemantics.of(
                    "kube_pod_container_status_last_terminated_reason", Map.of("reason", "Error"))
                .signal())
        .isEqualTo("pod_health");
  }

  @Test
  void unknownNameIsOther() {
    MetricMeaning m = MetricSemantics.of("foo_bar_baz");
    assertThat(m.known()).isFalse();
    assertThat(m.signal()).isEqualTo("other");
  }

  @Test
  void normalisesCamelCaseBracketsAndDots() {
    assertThat(MetricSemantics.normalise("CpuUsageRate(%)")).isEqualTo("cpu_usage_rate_percent");
    assertThat(MetricSemantics.normalise("node_memory_MemAvailable_bytes"))
        .isEqualTo("node_memory_mem_available_bytes");
    assertThat(MetricSemantics.normalise("http.server.request.duration"))
        .isEqualTo("http_server_request_duration");
  }

  private static MetricSeries series(String name, double... values) {
    long[] ts = new long[values.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = i * 15_000L;
    }
    return new MetricSeries(SeriesKey.of(name), ts, values);
  }

  @Test
  void counterBecomesPerSecondRateAndAResetCountsTheNewValue() {
    // +15 per 15 s step, then a reset to 6 (a restarted process), then +15 again
    MetricSeries s = series("requests_total", 0, 15, 30, 45, 6, 21, 36);
    assertThat(MetricSemantics.isCumulative(s)).isTrue();
    MetricSeries r = MetricSemantics.asLevel(s);
    assertThat(r.values()).containsExactly(1, 1, 1, 0.4, 1, 1);
    assertThat(r.timestampsMillis()[0]).isEqualTo(15_000L);
  }

  @Test
  void sparseEventCounterStaysCumulative() {
    MetricSeries restarts =
        series("kube_pod_container_status_restarts_total", 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4);
    assertThat(MetricSemantics.isCumulative(restarts)).isTrue();
    assertThat(MetricSemantics.asLevel(restarts)).isSameAs(restarts);
  }

  @Test
  void gaugeWithCounterLikeDataStaysAGauge() {
    MetricSeries s = series("cpu_usage_percent", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(MetricSemantics.isCumulative(s)).isFalse();
    assertThat(MetricSemantics.asLevel(s)).isSameAs(s);
  }

  @Test
  void counterSuffixOnAFallingSeriesIsNotACounter() {
    MetricSeries s = series("queue_total", 10, 5, 9, 3, 8, 2, 7, 1);
    assertThat(MetricSemantics.isCumulative(s)).isFalse();
  }

  @Test
  void aTotalThatFallsOftenIsAGaugeWhateverItsName() {
    // one export's syscall_read_total is a per-interval count, not a cumulative one
    MetricSeries s = series("syscall_read_total", 1048, 982, 1060, 658, 694, 670, 304, 212, 756);
    assertThat(MetricSemantics.isCumulative(s)).isFalse();
    assertThat(MetricSemantics.asLevel(s)).isSameAs(s);
  }

  @Test
  void unnamedMonotonicSeriesIsTakenForACounter() {
    MetricSeries s = series("xyz", 1, 3, 5, 8, 9, 12, 15, 15, 17, 20, 22, 25);
    assertThat(MetricSemantics.isCumulative(s)).isTrue();
    assertThat(MetricSemantics.isCumulative(series("xyz", 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8)))
        .isFalse();
  }

  @Test
  void rateSkipsTheStepAcrossAStitchedGap() {
    long day = 86_400_000L;
    MetricSeries s =
        new MetricSeries(
            SeriesKey.of("x_total"),
            new long[] {0, 15_000, 30_000, day, day + 15_000, day + 30_000},
            new double[] {0, 15, 30, 1000, 1015, 1030});
    MetricSeries r = MetricSemantics.rate(s);
    assertThat(r.values()).containsExactly(1, 1, 1, 1);
  }
}
