package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.connectors.HttpReader;
import dev.warroom.connectors.LiveStore;
import dev.warroom.connectors.OptionReader;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.Event;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.model.WarroomException;
import dev.warroom.store.EventQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.UnsupportedQueryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kubernetes API server as a read-only source of events: core/v1 Events (or events.k8s.io/v1),
 * rollouts (Deployment ReplicaSets and StatefulSet/DaemonSet ControllerRevisions: image changes
 * become {@link dev.warroom.model.Deploy}s with the old and new image), the last termination of
 * every container (OOMKilled, Error, exit codes) and adverse node conditions (NotReady,
 * MemoryPressure, DiskPressure, PIDPressure), plus a topology of workloads, pods and nodes. Plain
 * HTTP GETs through {@link HttpReader} (the source's bearer token and CA; never a write verb); the
 * native query of a result is the list of API paths requested, selectors and continue tokens
 * included.
 *
 * <p>Options: {@code namespaces} (list; default all), {@code inCluster} (true: the service
 * account's token {@value #SA_TOKEN} and CA {@value #SA_CA} where auth and tls are not given),
 * {@code eventsApi} ({@code core}, the default, or {@code events.k8s.io}: both serve the same
 * stored events), {@code rollouts}, {@code pods}, {@code nodes} (each true by default; false skips
 * that resource, e.g. nodes for a namespaced Role). Other kinds of query answer {@link
 * UnsupportedQueryException}.
 */
public final class KubernetesStore implements LiveStore {
  /** The service account token mounted in every pod (rotated by the kubelet; read per request). */
  public static final String SA_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

  /** The cluster CA mounted in every pod. */
  public static final String SA_CA = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";

  private static final Set<String> OPTIONS =
      Set.of("namespaces", "inCluster", "eventsApi", "rollouts", "pods", "nodes");

  private final SourceConfig source;
  private final HttpReader http;
  private final KubernetesApi api;
  private final Cluster cluster;
  private final boolean rollouts;
  private final boolean pods;
  private final boolean nodes;

  private KubernetesStore(SourceConfig source) {
    OptionReader o = new OptionReader(source, OPTIONS);
    if (source.type() != SourceConfig.Type.KUBERNETES) {
      throw new InvalidInputException(
          "source " + source.name() + ": type " + source.type().id() + " is not kubernetes");
    }
    this.source = o.bool("inCluster", false) ? inCluster(source) : source;
    List<String> namespaces = o.names("namespaces");
    String eventsApi = o.string("eventsApi", "core");
    if (!eventsApi.equals("core") && !eventsApi.equals("events.k8s.io")) {
      throw new InvalidInputException(
          "source " + source.name() + ": options.eventsApi: expected core or events.k8s.io");
    }
    this.rollouts = o.bool("rollouts", true);
    this.pods = o.bool("pods", true);
    this.nodes = o.bool("nodes", true);
    this.http = new HttpReader(this.source);
    this.api = new KubernetesApi(http);
    this.cluster =
        new Cluster(api, namespaces, eventsApi.equals("events.k8s.io"), source.label("service"));
  }

  /**
   * A store reading the API server of {@code source} (type kubernetes). No I/O happens here.
   *
   * @throws InvalidInputException for an unknown or malformed option
   */
  public static LiveStore open(SourceConfig source) {
    return new KubernetesStore(source);
  }

  /** The service account's token and CA, where the source does not name its own. */
  private static SourceConfig inCluster(SourceConfig s) {
    SourceConfig.Auth auth =
        s.auth() instanceof SourceConfig.Auth.None
            ? new SourceConfig.Auth.Bearer(new SourceConfig.Secret(null, Path.of(SA_TOKEN)))
            : s.auth();
    SourceConfig.Tls tls =
        s.tls() == null && Files.isReadable(Path.of(SA_CA))
            ? new SourceConfig.Tls(Path.of(SA_CA), null, null, false)
            : s.tls();
    return new SourceConfig(
        s.name(),
        s.type(),
        s.url(),
        auth,
        tls,
        s.timeout(),
        s.ratePerSecond(),
        s.queryBudget(),
        s.retries(),
        s.labels(),
        s.options());
  }

  @Override
  public SourceConfig source() {
    return source;
  }

  @Override
  public void startInvestigation() {
    http.resetBudget();
  }

  /** The requests sent so far (for tests and bundle capture). */
  public List<HttpReader.Sent> sent() {
    return http.sent();
  }

  @Override
  public void check() {
    JsonNode v = api.get("/version", "the server version", new ArrayList<>());
    if (KubeJson.text(v, "gitVersion") == null) {
      throw new WarroomException.NonRetriable(
          source.name() + " (kubernetes) GET /version: no gitVersion: not a Kubernetes API server",
          null);
    }
  }

  @Override
  public QueryResult<Event> events(EventQuery q) {
    return ClusterEvents.read(cluster, q, rollouts, pods, nodes);
  }

  @Override
  public Topology topology() {
    return ClusterTopology.read(cluster, nodes);
  }

  /**
   * What the cluster holds now: the events it retains (Kubernetes keeps them for an hour by
   * default) and the rollouts, terminations and node conditions it still records, per service.
   */
  @Override
  public StoreSummary summary() {
    List<Event> all = events(EventQuery.all(null)).rows();
    Map<String, Long> perService = new TreeMap<>();
    Instant min = null;
    Instant max = null;
    for (Event e : all) {
      perService.merge(e.service() == null ? "(none)" : e.service(), 1L, Long::sum);
      Instant from = e instanceof KubernetesEvent k ? k.firstSeen() : e.time();
      min = min == null || from.isBefore(min) ? from : min;
      max = max == null || e.time().isAfter(max) ? e.time() : max;
    }
    List<StoreSummary.ServiceSummary> services = new ArrayList<>();
    perService.forEach(
        (s, n) -> services.add(new StoreSummary.ServiceSummary(s, 0, 0, 0, 0, 0, n)));
    return new StoreSummary(
        0,
        0,
        0,
        0,
        0,
        all.size(),
        services,
        min == null ? null : new TimeWindow(min, max.plusMillis(1)));
  }

  @Override
  public UnsupportedQueryException unsupported(String what) {
    return new UnsupportedQueryException(
        "source "
            + source.name()
            + " (kubernetes) has no "
            + what
            + ": the Kubernetes API answers events, rollouts, pod terminations, node conditions"
            + " and topology");
  }

  @Override
  public void close() {}
}
