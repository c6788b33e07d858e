package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.SeriesKey;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesIdentityTest {

  @ParameterizedTest(name = "{0}={1} → service {2}")
  @CsvSource({
    "service, cart, cart",
    "service.name, cart, cart",
    "service_name, cart, cart",
    "app.kubernetes.io/name, cart, cart",
    "app_kubernetes_io_name, cart, cart",
    "app, cart, cart",
    "k8s.deployment.name, cart, cart",
    "deployment, cart, cart",
    "kube_deployment, cart, cart",
    "job, cart, cart",
    "container, cart, cart",
    "container_name, cart, cart",
    "cmdb_id, cart-0, cart",
    "instance, cart-host:8080, cart-host",
  })
  void readsTheServiceFromEachLabel(String label, String value, String service) {
    SeriesIdentity id = SeriesIdentity.of("m", Map.of(label, value), Set.of(), Map.of());
    assertThat(id.service()).isEqualTo(service);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "cart-5d8f7c9b6-x2kqz, cart",
    "checkoutservice-578fcf4766-9csqn, checkoutservice",
    "adservice-5f6585d649-fnmft, adservice",
    "db-0, db",
    "redis-cart-0, redis-cart",
    "node-agent-x2kqz, node-agent",
    "redis-cart, redis-cart",
  })
  void podNameShapesMapToTheirWorkload(String pod, String workload) {
    assertThat(SeriesIdentity.workloadOf(pod)).isEqualTo(workload);
    assertThat(SeriesIdentity.of("m", Map.of("pod", pod), Set.of(), Map.of()).service())
        .isEqualTo(workload);
  }

  @Test
  void podLabelSpellingsAllGiveThePod() {
    for (String label : new String[] {"pod", "pod_name", "k8s.pod.name", "kubernetes.pod.name"}) {
      SeriesIdentity id = SeriesIdentity.of("m", Map.of(label, "db-0"), Set.of(), Map.of());
      assertThat(id.pod()).as(label).isEqualTo("db-0");
      assertThat(id.service()).as(label).isEqualTo("db");
    }
  }

  @Test
  void nodeFromEachLabelWithoutPort() {
    for (String label : new String[] {"node", "host", "host.name", "kubernetes_node"}) {
      assertThat(SeriesIdentity.of("m", Map.of(label, "n1"), Set.of(), Map.of()).node())
          .as(label)
          .isEqualTo("n1");
    }
    SeriesIdentity byInstance =
        SeriesIdentity.of("m", Map.of("instance", "10.0.0.7:9100"), Set.of(), Map.of());
    assertThat(byInstance.node()).isEqualTo("10.0.0.7");
    assertThat(byInstance.service()).as("an address names no service").isNull();
  }

  @Test
  void explicitServiceLabelWinsOverPodAndJob() {
    SeriesIdentity id =
        SeriesIdentity.of(
            "m",
            Map.of("service", "cart", "pod", "other-0", "job", "kubernetes-pods"),
            Set.of(),
            Map.of());
    assertThat(id.service()).isEqualTo("cart");
    assertThat(id.pod()).isEqualTo("other-0");
  }

  @Test
  void topologyServiceOfPodWinsOverTheNameShape() {
    SeriesIdentity id =
        SeriesIdentity.of(
            "m", Map.of("pod", "cart-0"), Set.of(), Map.of("cart-0", "shopping-cart"));
    assertThat(id.service()).isEqualTo("shopping-cart");
  }

  @Test
  void podServiceBeatsJobAndPauseContainerIsIgnored() {
    SeriesIdentity id =
        SeriesIdentity.of(
            "m",
            Map.of("pod", "cart-5d8f7c9b6-x2kqz", "job", "kubelet", "container", "POD"),
            Set.of(),
            Map.of());
    assertThat(id.service()).isEqualTo("cart");
    assertThat(id.container()).isNull();
  }

  @Test
  void knownServicePrefixOfABareNameSplitsServiceAndMetric() {
    Set<String> known = Set.of("carts", "cartservice", "frontend", "cart");
    assertThat(SeriesIdentity.of("carts_cpu", Map.of(), known, Map.of()))
        .isEqualTo(new SeriesIdentity("carts", null, null, null, "cpu"));
    assertThat(SeriesIdentity.of("cartservice_CpuUsageRate(%)", Map.of(), known, Map.of()))
        .isEqualTo(new SeriesIdentity("cartservice", null, null, null, "CpuUsageRate(%)"));
    assertThat(SeriesIdentity.of("frontend.latency.p99", Map.of(), known, Map.of()))
        .isEqualTo(new SeriesIdentity("frontend", null, null, null, "latency.p99"));
    assertThat(SeriesIdentity.of("cpu_usage", Map.of(), known, Map.of()).service()).isNull();
  }

  @Test
  void aPrefixNamingAnotherServiceThanTheLabelsIsLeftInTheMetric() {
    SeriesIdentity id =
        SeriesIdentity.of(
            "frontend_latency_p50_seconds",
            Map.of("service", "cart"),
            Set.of("frontend", "cart"),
            Map.of());
    assertThat(id.service()).isEqualTo("cart");
    assertThat(id.metric()).isEqualTo("frontend_latency_p50_seconds");
  }

  @Test
  void unknownPodShapeFallsBackToTheLongestKnownPrefix() {
    SeriesIdentity id =
        SeriesIdentity.of(
            "m", Map.of("pod", "cartservice-v2-abc"), Set.of("cart", "cartservice"), Map.of());
    assertThat(id.service()).isEqualTo("cartservice");
  }

  @Test
  void readsSeriesKeys() {
    SeriesIdentity id = SeriesIdentity.of(SeriesKey.of("x", "service_name", "pay", "host", "n2"));
    assertThat(id).isEqualTo(new SeriesIdentity("pay", null, "n2", null, "x"));
  }
}
