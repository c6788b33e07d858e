package dev.warroom.experts.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.FaultClass;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.ObjectRef;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesReasonsTest {
  private static final Instant T = Instant.parse("2026-01-10T12:00:00Z");

  static KubernetesEvent event(String reason, String type, String message) {
    return new KubernetesEvent(
        reason,
        type,
        new ObjectRef("Pod", "cart-7d9f-abc", "shop"),
        3,
        T,
        T,
        message,
        "cart",
        "node-1");
  }

  // Messages as kubelet, scheduler and controllers write them.
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "OOMKilled|Warning|Container cart was OOMKilled|MEMORY_EXHAUSTION",
        "BackOff|Warning|Back-off restarting failed container cart in pod cart-7d9f-abc|CRASH_LOOP",
        "BackOff|Warning|Back-off pulling image \"shop/cart:v2\"|BAD_DEPLOY",
        "Failed|Warning|Failed to pull image \"shop/cart:v9\": rpc error: manifest unknown|BAD_DEPLOY",
        "ErrImagePull|Warning|rpc error: code = NotFound desc = failed to pull|BAD_DEPLOY",
        "BackOff|Warning|exec /app/cart: exec format error|WRONG_ARCHITECTURE",
        "FailedScheduling|Warning|0/3 nodes are available: 3 Insufficient cpu.|AUTOSCALER_LIMIT",
        "FailedScheduling|Warning|0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.|BAD_DEPLOY",
        "Evicted|Warning|The node was low on resource: ephemeral-storage.|DISK_FULL",
        "Evicted|Warning|The node was low on resource: memory. Container cart was using 812Mi|MEMORY_EXHAUSTION",
        "NodeNotReady|Normal|Node node-1 status is now: NodeNotReady|NODE_FAILURE",
        "FailedMount|Warning|MountVolume.SetUp failed for volume \"cfg\" : configmap \"cart-cfg\" not found|BAD_DEPLOY",
        "Unhealthy|Warning|Liveness probe failed: Get \"http://10.1.2.3:8080/health\": dial tcp 10.1.2.3:8080: connect: connection refused|MISCONFIGURED_PORT",
        "Failed|Warning|Failed to pull image: dial tcp: lookup registry.local: no such host|DNS_FAILURE",
        "Unhealthy|Warning|Readiness probe failed: x509: certificate has expired or is not yet valid|TLS_EXPIRED",
      })
  void mapsReasonAndMessageToFaultClass(String reason, String type, String msg, FaultClass want) {
    assertThat(KubernetesReasons.classify(event(reason, type, msg))).contains(want);
  }

  @Test
  void routineAndSymptomEventsNameNoFault() {
    assertThat(KubernetesReasons.classify(event("Pulled", "Normal", "Successfully pulled image")))
        .isEqualTo(Optional.empty());
    KubernetesDiagnosis probe =
        KubernetesReasons.diagnose(
            event(
                "Unhealthy",
                "Warning",
                "Readiness probe failed: HTTP probe failed with statuscode: 503"));
    assertThat(probe.isFault()).isFalse();
    assertThat(probe.weight()).isPositive();
  }
}
