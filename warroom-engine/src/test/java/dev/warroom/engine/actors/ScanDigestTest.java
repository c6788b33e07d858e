package dev.warroom.engine.actors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.experts.metrics.LevelShift;
import dev.warroom.model.Instance;
import dev.warroom.model.SeriesKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanDigestTest {
  private static MetricScan.Entry entry(String name, String service, String node, double z) {
    SeriesKey k =
        SeriesKey.of(name, service == null ? Map.of("node", node) : Map.of("service", service));
    return new MetricScan.Entry(
        k,
        service,
        node,
        Signals.ofMetric(name).orElseThrow(),
        new LevelShift(Instant.EPOCH, z, 1, 2));
  }

  @Test
  void keepsTheStrongestShiftPerFamilyAndDirection() {
    ScanDigest d =
        ScanDigest.of(
            List.of(
                entry("container_cpu_usage_seconds", "cart", null, 6),
                entry("process_cpu_usage", "cart", null, 40),
                entry("container_memory_working_set_bytes", "cart", null, -9),
                entry("http_server_requests_seconds", "cart", null, 2)),
            List.of());

    assertThat(d.of("cart"))
        .containsEntry("cpu:up", ScanDigest.strength(40))
        .containsEntry("memory:down", ScanDigest.strength(-9))
        .doesNotContainKey("latency:up");
  }

  @Test
  void attributesNodeSignalsToTheServicesPlacedOnTheNode() {
    ScanDigest d =
        ScanDigest.of(
            List.of(entry("node_cpu_steal_ratio", null, "node-a", 12)),
            List.of(
                new Instance("cart-1", "cart", "node-a"), new Instance("ad-1", "ad", "node-b")));

    assertThat(d.of("cart")).containsKey("node.cpu_steal:up");
    assertThat(d.of("ad")).isEmpty();
  }

  @Test
  void compressesDeviationsIntoABoundedStrength() {
    assertThat(ScanDigest.strength(2.5)).isZero();
    assertThat(ScanDigest.strength(-4)).isEqualTo(Math.log(2));
    assertThat(ScanDigest.strength(1e6)).isEqualTo(4.0);
  }
}
