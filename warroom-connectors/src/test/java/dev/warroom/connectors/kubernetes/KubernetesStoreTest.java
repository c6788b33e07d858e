package dev.warroom.connectors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.ObjectRef;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.model.WarroomException;
import dev.warroom.store.EventQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.UnsupportedQueryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KubernetesStore} against a MOCK Kubernetes API server ({@link MockKubernetesApiServer}):
 * no real API server can be started on this machine (no kind, k3s or Docker), so recorded API
 * objects are served over real HTTP with the API's paging, selectors, authentication and RBAC
 * refusals.
 */
class KubernetesStoreTest {
  private static final Instant T = Instant.parse("2026-03-10T10:00:00Z");
  private static final TimeWindow WINDOW = new TimeWindow(T, T.plus(Duration.ofHours(1)));
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.mock-service-account-token";

  @TempDir Path dir;
  private MockKubernetesApiServer api;
  private Path tokenFile;

  @BeforeEach
  void start() throws Exception {
    api = new MockKubernetesApiServer("/kubernetes/cluster.json", TOKEN);
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private TelemetryStore store(Map<String, Object> options) {
    return store(options, null);
  }

  private TelemetryStore store(Map<String, Object> options, Map<String, String> labels) {
    return KubernetesStore.open(
        new SourceConfig(
            "k8s",
            SourceConfig.Type.KUBERNETES,
            api.url(),
            new SourceConfig.Auth.Bearer(new SourceConfig.Secret(null, tokenFile)),
            null,
            Duration.ofSeconds(5),
            1000,
            500,
            0,
            labels,
            options));
  }

  @Test
  void mapsCoreEventsInTheWindowWithTheirServiceHostAndCounts() {
    try (TelemetryStore k8s = store(Map.of("rollouts", false, "nodes", false, "pods", false))) {
      QueryResult<Event> r = k8s.events(EventQuery.all(WINDOW));
      assertThat(r.rows()).allSatisfy(e -> assertThat(e).isInstanceOf(KubernetesEvent.class));
      assertThat(r.rows())
          .extracting(e -> ((KubernetesEvent) e).reason())
          .containsExactly(
              "ScalingReplicaSet",
              "Unhealthy",
              "Killing",
              "BackOff",
              "NodeNotReady",
              "FailedScheduling");
      KubernetesEvent backOff = find(r, "BackOff");
      assertThat(backOff.object()).isEqualTo(new ObjectRef("Pod", "cart-7c9d8e6f1-x2x9q", "shop"));
      assertThat(backOff.count()).isEqualTo(5);
      assertThat(backOff.firstSeen()).isEqualTo(Instant.parse("2026-03-10T10:31:10Z"));
      assertThat(backOff.lastSeen()).isEqualTo(Instant.parse("2026-03-10T10:40:00Z"));
      assertThat(backOff.isWarning()).isTrue();
      assertThat(backOff.host()).isEqualTo("node-a");
      // without the pod list the service comes from the pod name
      assertThat(backOff.service()).isEqualTo("cart");
      // an event of the new style: eventTime and a series, no first/lastTimestamp
      KubernetesEvent killing = find(r, "Killing");
      assertThat(killing.count()).isEqualTo(2);
      assertThat(killing.firstSeen()).isEqualTo(Instant.parse("2026-03-10T10:33:00.250Z"));
      assertThat(killing.lastSeen()).isEqualTo(Instant.parse("2026-03-10T10:35:00.500Z"));
      assertThat(find(r, "NodeNotReady").service()).isNull();
      assertThat(find(r, "ScalingReplicaSet").service()).isEqualTo("cart");
      assertThat(r.nativeQuery()).isEqualTo("GET /api/v1/events?limit=500");
      assertThat(api.requests).containsExactly("GET /api/v1/events?limit=500");
    }
  }

  @Test
  void eventsOfTheEventsK8sIoApiMapTheSame() {
    try (TelemetryStore k8s =
        store(
            Map.of(
                "eventsApi", "events.k8s.io", "rollouts", false, "nodes", false, "pods", false))) {
      QueryResult<Event> r = k8s.events(EventQuery.all(WINDOW));
      KubernetesEvent backOff = find(r, "BackOff");
      assertThat(backOff.count()).isEqualTo(5);
      assertThat(backOff.host()).isEqualTo("node-a");
      assertThat(backOff.message()).startsWith("Back-off restarting failed container cart");
      assertThat(find(r, "Killing").lastSeen())
          .isEqualTo(Instant.parse("2026-03-10T10:35:00.500Z"));
      assertThat(r.nativeQuery()).isEqualTo("GET /apis/events.k8s.io/v1/events?limit=500");
    }
  }

  @Test
  void aRolloutWithANewImageIsADeployWithOldAndNewImage() {
    try (TelemetryStore k8s = store(Map.of("namespaces", java.util.List.of("shop")))) {
      QueryResult<Event> r =
          k8s.events(EventQuery.all(WINDOW).withReasons("deploy").withServices("cart"));
      assertThat(r.rows())
          .singleElement()
          .isInstanceOfSatisfying(
              Deploy.class,
              d -> {
                assertThat(d.service()).isEqualTo("cart");
                assertThat(d.time()).isEqualTo(Instant.parse("2026-03-10T10:02:00Z"));
                assertThat(d.version()).isEqualTo("1.5.0");
                assertThat(d.previousVersion()).isEqualTo("1.4.2");
                assertThat(d.image()).isEqualTo("registry.example.com/shop/cart:1.5.0");
                assertThat(d.attributes())
                    .containsEntry("previousImage", "registry.example.com/shop/cart:1.4.2")
                    .containsEntry("revision", "2")
                    .containsEntry("previousRevision", "1")
                    .containsEntry("replicaSet", "cart-6b7c8d9f5")
                    .containsEntry(
                        "changeCause",
                        "kubectl set image deployment/cart cart=registry.example.com/shop/cart:1.5.0");
              });
      // the next revision only lowered the memory limit: a config change, not a deploy
      var config = k8s.events(EventQuery.all(WINDOW).withReasons("config"));
      assertThat(config.rows())
          .singleElement()
          .isInstanceOfSatisfying(
              ConfigChange.class,
              c -> {
                assertThat(c.key()).isEqualTo("cart.resources.limits.memory");
                assertThat(c.oldValue()).isEqualTo("512Mi");
                assertThat(c.newValue()).isEqualTo("256Mi");
                assertThat(c.time()).isEqualTo(Instant.parse("2026-03-10T10:20:00Z"));
              });
      // revision 1 of checkout was rolled out before the window
      assertThat(k8s.events(EventQuery.all(null).withReasons("deploy")).rows())
          .extracting(Event::service)
          .containsExactlyInAnyOrder("cart", "cart", "checkout", "payment", "payment");
      // a StatefulSet's revisions are ControllerRevisions
      assertThat(k8s.events(EventQuery.all(WINDOW).withServices("payment")).rows())
          .filteredOn(e -> e instanceof Deploy)
          .singleElement()
          .isInstanceOfSatisfying(
              Deploy.class,
              d -> {
                assertThat(d.time()).isEqualTo(Instant.parse("2026-03-10T10:15:00Z"));
                assertThat(d.version()).isEqualTo("3.2");
                assertThat(d.previousVersion()).isEqualTo("3.1");
                assertThat(d.attributes())
                    .containsEntry("statefulSet", "payment")
                    .containsEntry("controllerRevision", "payment-6d7e8f9a0b")
                    .containsEntry("previousControllerRevision", "payment-5c6d7e8f9a");
              });
      assertThat(r.nativeQuery())
          .contains("GET /apis/apps/v1/namespaces/shop/replicasets?limit=500")
          .contains("GET /apis/apps/v1/namespaces/shop/deployments?limit=500")
          .contains("GET /apis/apps/v1/namespaces/shop/controllerrevisions?limit=500")
          .doesNotContain("/events");
    }
  }

  @Test
  void anOomKilledRestartIsAnEventWithTheReasonAndExitCode() {
    try (TelemetryStore k8s = store(Map.of())) {
      QueryResult<Event> pod =
          k8s.events(EventQuery.all(WINDOW).withObject("Pod", "cart-7c9d8e6f1-x2x9q"));
      KubernetesEvent oom = find(pod, "OOMKilled");
      assertThat(oom.time()).isEqualTo(Instant.parse("2026-03-10T10:31:00Z"));
      assertThat(oom.isWarning()).isTrue();
      assertThat(oom.service()).isEqualTo("cart");
      assertThat(oom.host()).isEqualTo("node-a");
      assertThat(oom.message())
          .contains("container cart terminated: OOMKilled, exit code 137")
          .contains("restarted 3 times")
          .contains("now waiting: CrashLoopBackOff");
      assertThat(pod.rows())
          .extracting(e -> ((KubernetesEvent) e).reason())
          .containsExactly("OOMKilled", "BackOff");
      assertThat(pod.nativeQuery())
          .contains(
              "GET /api/v1/events?fieldSelector="
                  + "involvedObject.kind%3DPod%2CinvolvedObject.name%3Dcart-7c9d8e6f1-x2x9q&limit=500");
      KubernetesEvent crash =
          find(k8s.events(EventQuery.all(WINDOW).withServices("checkout")), "Error");
      assertThat(crash.message())
          .contains("exit code 2")
          .contains("panic: runtime error: invalid memory address");
      assertThat(crash.object().name()).isEqualTo("checkout-6f8d9c7b5-abcde");
    }
  }

  @Test
  void aNotReadyNodeIsANodeNotReadyEventOnThatHost() {
    try (TelemetryStore k8s = store(Map.of())) {
      QueryResult<Event> r = k8s.events(EventQuery.all(WINDOW).withObject("Node", "node-b"));
      assertThat(r.rows())
          .extracting(e -> ((KubernetesEvent) e).reason())
          .containsExactly("NodeNotReady", "NodeHasDiskPressure", "NodeNotReady");
      KubernetesEvent notReady =
          r.rows().stream()
              .map(KubernetesEvent.class::cast)
              .filter(e -> e.reason().equals("NodeNotReady") && e.isWarning())
              .findFirst()
              .orElseThrow();
      assertThat(notReady.host()).isEqualTo("node-b");
      assertThat(notReady.firstSeen()).isEqualTo(Instant.parse("2026-03-10T10:40:05Z"));
      // still not ready when listed: taken to hold through the end of the window
      assertThat(notReady.lastSeen()).isEqualTo(WINDOW.end().minusMillis(1));
      assertThat(notReady.message())
          .isEqualTo("Ready=Unknown (NodeStatusUnknown): Kubelet stopped posting node status.");
      // a window that ended before the node went down sees no condition
      var before =
          k8s.events(
              EventQuery.all(new TimeWindow(T, T.plus(Duration.ofMinutes(30))))
                  .withObject("Node", "node-b"));
      assertThat(before.rows()).isEmpty();
      assertThat(k8s.events(EventQuery.all(WINDOW).withObject("Node", "node-a")).rows()).isEmpty();
    }
  }

  @Test
  void anRbacRefusalIsAnErrorNamingTheSourceAndTheResource() {
    api.forbidden.add("nodes");
    try (TelemetryStore k8s = store(Map.of())) {
      assertThatThrownBy(() -> k8s.events(EventQuery.all(WINDOW)))
          .isInstanceOf(WarroomException.NonRetriable.class)
          .hasMessageContaining("cannot read nodes (cluster-wide)")
          .hasMessageContaining("k8s (kubernetes) GET /api/v1/nodes: HTTP 403")
          .hasMessageContaining("cannot list resource \\\"nodes\\\"")
          .hasMessageContaining("get/list/watch on nodes");
    }
    // a namespaced Role without node access: turn node conditions off and read the rest
    try (TelemetryStore k8s = store(Map.of("nodes", false))) {
      assertThat(k8s.events(EventQuery.all(WINDOW)).rows()).isNotEmpty();
    }
    api.forbidden.add("events");
    try (TelemetryStore k8s = store(Map.of("namespaces", "shop"))) {
      assertThatThrownBy(() -> k8s.events(EventQuery.all(WINDOW)))
          .isInstanceOf(WarroomException.class)
          .hasMessageContaining("cannot read events in namespace shop")
          .hasMessageContaining("GET /api/v1/namespaces/shop/events: HTTP 403");
    }
  }

  @Test
  void followsContinueTokensUntilTheLastPage() {
    api.maxPage = 2;
    try (TelemetryStore k8s = store(Map.of("rollouts", false, "nodes", false, "pods", false))) {
      QueryResult<Event> r = k8s.events(EventQuery.all(null));
      assertThat(r.rows()).hasSize(7);
      assertThat(api.requests)
          .containsExactly(
              "GET /api/v1/events?limit=500",
              "GET /api/v1/events?limit=500&continue=page-2",
              "GET /api/v1/events?limit=500&continue=page-4",
              "GET /api/v1/events?limit=500&continue=page-6");
      assertThat(r.nativeQuery().lines()).hasSize(4);
    }
  }

  @Test
  void anExpiredContinueTokenRestartsTheListOnce() {
    api.maxPage = 3;
    api.expireTokens.set(1);
    try (TelemetryStore k8s = store(Map.of("rollouts", false, "nodes", false, "pods", false))) {
      assertThat(k8s.events(EventQuery.all(null)).rows()).hasSize(7);
      assertThat(api.requests)
          .containsExactly(
              "GET /api/v1/events?limit=500",
              "GET /api/v1/events?limit=500&continue=page-3",
              "GET /api/v1/events?limit=500",
              "GET /api/v1/events?limit=500&continue=page-3",
              "GET /api/v1/events?limit=500&continue=page-6");
      api.expireTokens.set(2);
      assertThatThrownBy(() -> k8s.events(EventQuery.all(null)))
          .isInstanceOf(WarroomException.class)
          .hasMessageContaining("HTTP 410")
          .hasMessageContaining("try again");
    }
  }

  @Test
  void aMappedServiceLabelIsPushedDownAsALabelSelector() {
    try (TelemetryStore k8s =
        store(Map.of("nodes", false), Map.of("service", "app.kubernetes.io/name"))) {
      QueryResult<Event> r = k8s.events(EventQuery.all(WINDOW).withServices("cart"));
      assertThat(r.rows()).isNotEmpty().allSatisfy(e -> assertThat(e.service()).isEqualTo("cart"));
      assertThat(r.nativeQuery())
          .contains(
              "GET /api/v1/pods?labelSelector=app.kubernetes.io%2Fname+in+%28cart%29&limit=500");
    }
  }

  @Test
  void topologyHasWorkloadsPodsAndNodes() {
    try (TelemetryStore k8s = store(Map.of())) {
      Topology t = k8s.topology();
      assertThat(t.services())
          .extracting(s -> s.name())
          .containsExactly("cart", "checkout", "payment");
      assertThat(t.instancesOf("cart"))
          .singleElement()
          .satisfies(i -> assertThat(i.host()).isEqualTo("node-a"));
      assertThat(t.hosts()).extracting(h -> h.name()).containsExactly("node-a", "node-b");
      assertThat(t.hosts().get(0).attributes()).containsEntry("zone", "eu-west-1a");
    }
  }

  @Test
  void checkReadsTheVersionAndAWrongTokenIsNamed() throws Exception {
    try (TelemetryStore k8s = store(Map.of())) {
      k8s.check();
      assertThat(api.requests).containsExactly("GET /version");
    }
    Files.writeString(tokenFile, "expired");
    try (TelemetryStore k8s = store(Map.of())) {
      assertThatThrownBy(k8s::check)
          .isInstanceOf(WarroomException.class)
          .hasMessageContaining("k8s (kubernetes) GET /version: HTTP 401")
          .hasMessageContaining("token was refused");
    }
    assertThat(api.requests).allMatch(r -> r.startsWith("GET "));
    try (TelemetryStore k8s =
        KubernetesStore.open(
            new SourceConfig(
                "k8s",
                SourceConfig.Type.KUBERNETES,
                api.url(),
                new SourceConfig.Auth.Bearer(
                    new SourceConfig.Secret(null, dir.resolve("no-such-token"))),
                null,
                Duration.ofSeconds(5),
                1000,
                500,
                0,
                null,
                Map.of()))) {
      assertThatThrownBy(k8s::check)
          .hasMessageStartingWith("source k8s (kubernetes): cannot read the server version")
          .hasMessageContaining("cannot read the credential file");
    }
  }

  @Test
  void otherKindsOfQueryAreUnsupportedAndBadOptionsAreNamed() {
    try (TelemetryStore k8s = store(Map.of())) {
      assertThatThrownBy(() -> k8s.metrics(MetricQuery.of("up", WINDOW)))
          .isInstanceOf(UnsupportedQueryException.class)
          .hasMessageContaining("source k8s (kubernetes) has no metrics");
      assertThatThrownBy(() -> k8s.code("cart")).isInstanceOf(UnsupportedQueryException.class);
    }
    assertThat(api.requests).isEmpty();
    assertThatThrownBy(() -> store(Map.of("namespace", "shop")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("source k8s: options.namespace: unknown option");
  }

  private static KubernetesEvent find(QueryResult<Event> r, String reason) {
    return r.rows().stream()
        .filter(e -> e instanceof KubernetesEvent k && k.reason().equals(reason))
        .map(KubernetesEvent.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + reason + " in " + r.rows()));
  }
}
