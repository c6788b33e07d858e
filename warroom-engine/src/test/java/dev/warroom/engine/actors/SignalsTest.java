package dev.warroom.engine.actors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.FaultClass;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalsTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    // the gym's own names keep the rules' signals
    "container_cpu_usage_seconds_total, cpu",
    "container_memory_working_set_bytes, memory",
    "kube_pod_container_status_restarts_total, pod_health",
    "http_server_requests_seconds, latency",
    "http_server_requests_per_second, traffic",
    "http_server_error_ratio, errors",
    "pod_tcp_retransmits_per_second, packet_loss",
    "pod_network_rtt_seconds, network_latency",
    "node_disk_io_time_ratio, disk_io",
    "executor_active_threads, threads",
    "kafka_consumergroup_lag, queue_lag",
    // names the rules miss or give only a catch-all: read by MetricSemantics
    "success_rate_percent, errors",
    "PodSuccessRate(%), errors",
    "network_receive_bytes, network_io",
    "container_network_receive_bytes_total, network_io",
    "syscall_read_total, syscalls",
    "container_fs_reads_bytes_total, disk_io",
    "process.cpu.utilization, cpu",
  })
  void classifiesNamesOfEveryConvention(String name, String id) {
    assertThat(Signals.ofMetric(name)).get().extracting(Signals.MetricSignal::id).isEqualTo(id);
  }

  @Test
  void unknownNamesStayUnclassified() {
    assertThat(Signals.ofMetric("qwz_k7")).isEmpty();
  }

  @Test
  void aFallInAvailableMemoryPointsToExhaustion() {
    Signals.MetricSignal available = Signals.ofMetric("node_memory_MemAvailable_bytes").get();
    assertThat(available.faultWhenDown()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
    assertThat(available.faultWhenUp()).isNull();
    Signals.MetricSignal used = Signals.ofMetric("container_memory_working_set_bytes").get();
    assertThat(used.faultWhenUp()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
  }

  @Test
  void idleCpuFallingIsSaturation() {
    Signals.MetricSignal idle =
        Signals.ofMetric("node_cpu_seconds_total", Map.of("mode", "idle")).get();
    assertThat(idle.faultWhenDown()).isEqualTo(FaultClass.CPU_SATURATION);
    Signals.MetricSignal user =
        Signals.ofMetric("node_cpu_seconds_total", Map.of("mode", "user")).get();
    assertThat(user.faultWhenUp()).isEqualTo(FaultClass.CPU_SATURATION);
  }
}
