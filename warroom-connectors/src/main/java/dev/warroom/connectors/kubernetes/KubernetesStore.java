package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.connectors.HttpReader;
import dev.warroom.connectors.LiveStore;
import dev.warroom.connectors.OptionReader;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.Event;
import dev.warroom.model.Host;
import dev.warroom.model.Instance;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.model.WarroomException;
import dev.warroom.store.EventQuery;
import dev.warroom.store.LogCount;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.MetricAggregationQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.SpanAggregate;
import dev.warroom.store.SpanAggregateQuery;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.UnsupportedQueryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kubernetes API server as a read-only source of events: core/v1 Events (or events.k8s.io/v1),
 * Deployment rollouts (ReplicaSet revisions: image changes become {@link dev.warroom.model.Deploy}s
 * with the old and new image), the last termination of every container (OOMKilled, Error, exit
 * codes) and adverse node conditions (NotReady, MemoryPressure, DiskPressure, PIDPressure), plus a
 * topology of workloads, pods and nodes. Plain HTTP GETs through {@link HttpReader} (the source's
 * bearer token and CA; never a write verb); the native query of a result is the list of API paths
 * requested, selectors and continue tokens included.
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

  static final String DIALECT = "kubernetes-api";
  private static final Set<String> CHANGE_TYPES = Set.of("deploy", "config", "restart");
  private static final Set<String> OPTIONS =
      Set.of("namespaces", "inCluster", "eventsApi", "rollouts", "pods", "nodes");

  private final SourceConfig source;
  private final HttpReader http;
  private final KubernetesApi api;
  private final List<String> namespaces;
  private final boolean newEventsApi;
  private final boolean rollouts;
  private final boolean pods;
  private final boolean nodes;
  private final List<String> serviceLabels;
  private final boolean serviceLabelMapped;

  private KubernetesStore(SourceConfig source) {
    OptionReader o = new OptionReader(source, OPTIONS);
    if (source.type() != SourceConfig.Type.KUBERNETES) {
      throw new InvalidInputException(
          "source " + source.name() + ": type " + source.type().id() + " is not kubernetes");
    }
    this.source = o.bool("inCluster", false) ? inCluster(source) : source;
    this.namespaces = o.names("namespaces");
    String eventsApi = o.string("eventsApi", "core");
    if (!eventsApi.equals("core") && !eventsApi.equals("events.k8s.io")) {
      throw new InvalidInputException(
          "source " + source.name() + ": options.eventsApi: expected core or events.k8s.io");
    }
    this.newEventsApi = eventsApi.equals("events.k8s.io");
    this.rollouts = o.bool("rollouts", true);
    this.pods = o.bool("pods", true);
    this.nodes = o.bool("nodes", true);
    String mapped = source.label("service");
    this.serviceLabelMapped = !mapped.equals("service");
    this.serviceLabels =
        List.copyOf(
            new LinkedHashSet<>(List.of(mapped, "app.kubernetes.io/name", "app", "k8s-app")));
    this.http = new HttpReader(this.source);
    this.api = new KubernetesApi(http);
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
    List<String> requested = new ArrayList<>();
    boolean changes =
        rollouts
            && q.objectKind() == null
            && (q.reasons().isEmpty() || q.reasons().stream().anyMatch(CHANGE_TYPES::contains));
    boolean kubeEvents =
        q.reasons().isEmpty() || q.reasons().stream().anyMatch(r -> !CHANGE_TYPES.contains(r));
    boolean nodeConditions =
        nodes
            && kubeEvents
            && q.services().isEmpty()
            && (q.objectKind() == null || q.objectKind().equals("Node"))
            && (q.reasons().isEmpty()
                || q.reasons().stream().anyMatch(WorkloadStatus.NODE_EVENT_REASONS::contains));
    boolean podStatus =
        pods && kubeEvents && (q.objectKind() == null || q.objectKind().equals("Pod"));
    String labelSelector = labelSelector(q.services());

    List<JsonNode> podList =
        pods && kubeEvents
            ? listNamespaced("/api/v1", "pods", labelSelector, null, "pods", requested)
            : List.of();
    List<JsonNode> deployments =
        changes
            ? listNamespaced(
                "/apis/apps/v1", "deployments", labelSelector, null, "deployments.apps", requested)
            : List.of();
    List<JsonNode> replicaSets =
        changes
            ? listNamespaced(
                "/apis/apps/v1", "replicasets", labelSelector, null, "replicasets.apps", requested)
            : List.of();
    ServiceResolver services =
        new ServiceResolver(serviceLabels, podList, replicaSets, deployments);

    List<Event> all = new ArrayList<>();
    if (kubeEvents) {
      EventMapper mapper = new EventMapper(services);
      for (JsonNode e : listEvents(q, requested)) {
        KubernetesEvent k = mapper.map(e);
        if (k != null) {
          all.add(k);
        }
      }
    }
    if (podStatus) {
      for (JsonNode p : podList) {
        all.addAll(WorkloadStatus.terminations(p, services.ofPod(p)));
      }
    }
    if (nodeConditions) {
      for (JsonNode n :
          api.list("/api/v1/nodes", Map.of(), "nodes (cluster-wide)", "nodes", requested)) {
        all.addAll(WorkloadStatus.conditions(n, q.window()));
      }
    }
    if (changes) {
      all.addAll(RolloutHistory.changes(deployments, replicaSets, services));
    }
    List<Event> rows = new ArrayList<>();
    for (Event e : all) {
      if (matches(e, q)) {
        rows.add(e);
      }
    }
    rows.sort(Comparator.comparing(Event::time).thenComparing(Event::describe));
    boolean truncated = rows.size() > q.limit();
    return new QueryResult<>(
        truncated ? rows.subList(0, q.limit()) : rows, DIALECT, nativeQuery(requested), truncated);
  }

  private static boolean matches(Event e, EventQuery q) {
    if (q.window() != null && !q.window().contains(e.time())) {
      return false;
    }
    if (!q.services().isEmpty() && (e.service() == null || !q.services().contains(e.service()))) {
      return false;
    }
    String type =
        switch (e) {
          case KubernetesEvent k -> {
            boolean object =
                (q.objectKind() == null || q.objectKind().equals(k.object().kind()))
                    && (q.objectName() == null || q.objectName().equals(k.object().name()));
            yield object ? k.reason() : null;
          }
          case dev.warroom.model.Deploy d -> "deploy";
          case dev.warroom.model.ConfigChange c -> "config";
          case dev.warroom.model.Restart r -> "restart";
          case dev.warroom.model.Scaling s -> "scaling";
          case dev.warroom.model.FeatureFlagChange f -> "feature_flag";
        };
    if (type == null
        || !(e instanceof KubernetesEvent) && (q.objectKind() != null || q.objectName() != null)) {
      return false;
    }
    return q.reasons().isEmpty() || q.reasons().contains(type);
  }

  /** Core or events.k8s.io events, with the object and a single reason pushed into the selector. */
  private List<JsonNode> listEvents(EventQuery q, List<String> requested) {
    String prefix = newEventsApi ? "regarding." : "involvedObject.";
    List<String> fields = new ArrayList<>();
    if (q.objectKind() != null) {
      fields.add(prefix + "kind=" + q.objectKind());
    }
    if (q.objectName() != null) {
      fields.add(prefix + "name=" + q.objectName());
    }
    if (q.reasons().size() == 1) {
      fields.add("reason=" + q.reasons().iterator().next());
    }
    String group = newEventsApi ? "/apis/events.k8s.io/v1" : "/api/v1";
    return listNamespaced(
        group,
        "events",
        null,
        fields.isEmpty() ? null : String.join(",", fields),
        newEventsApi ? "events.events.k8s.io" : "events",
        requested);
  }

  /** A resource in each mapped namespace, or cluster-wide when none are mapped. */
  private List<JsonNode> listNamespaced(
      String group,
      String resource,
      String labelSelector,
      String fieldSelector,
      String rbac,
      List<String> requested) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("labelSelector", labelSelector);
    params.put("fieldSelector", fieldSelector);
    if (namespaces.isEmpty()) {
      return api.list(
          group + "/" + resource, params, resource + " (all namespaces)", rbac, requested);
    }
    List<JsonNode> out = new ArrayList<>();
    for (String ns : namespaces) {
      out.addAll(
          api.list(
              group + "/namespaces/" + ns + "/" + resource,
              params,
              resource + " in namespace " + ns,
              rbac,
              requested));
    }
    return out;
  }

  /** {@code <label> in (a,b)} when the source maps the service label and services are asked. */
  private String labelSelector(Set<String> services) {
    if (!serviceLabelMapped || services.isEmpty()) {
      return null;
    }
    return source.label("service")
        + " in ("
        + String.join(",", new java.util.TreeSet<>(services))
        + ")";
  }

  private static String nativeQuery(List<String> requested) {
    StringBuilder b = new StringBuilder();
    for (String p : requested) {
      b.append("GET ").append(p).append('\n');
    }
    return b.toString().strip();
  }

  @Override
  public Topology topology() {
    List<String> requested = new ArrayList<>();
    List<JsonNode> workloads = new ArrayList<>();
    workloads.addAll(
        listNamespaced("/apis/apps/v1", "deployments", null, null, "deployments.apps", requested));
    workloads.addAll(
        listNamespaced(
            "/apis/apps/v1", "statefulsets", null, null, "statefulsets.apps", requested));
    List<JsonNode> podList = listNamespaced("/api/v1", "pods", null, null, "pods", requested);
    ServiceResolver services = new ServiceResolver(serviceLabels, podList, List.of(), workloads);
    Map<String, ServiceNode> nodesByName = new TreeMap<>();
    for (JsonNode w : workloads) {
      String s = services.ofWorkload(w);
      nodesByName.putIfAbsent(s, new ServiceNode(s, ComponentKind.SERVICE, ""));
    }
    List<Instance> instances = new ArrayList<>();
    for (JsonNode p : podList) {
      String s = services.ofPod(p);
      if (s != null) {
        nodesByName.putIfAbsent(s, new ServiceNode(s, ComponentKind.SERVICE, ""));
        instances.add(new Instance(KubeJson.name(p), s, KubeJson.text(p, "spec", "nodeName")));
      }
    }
    List<Host> hosts = new ArrayList<>();
    if (nodes) {
      for (JsonNode n :
          api.list("/api/v1/nodes", Map.of(), "nodes (cluster-wide)", "nodes", requested)) {
        Map<String, String> attrs = new LinkedHashMap<>();
        Map<String, String> labels = KubeJson.strings(n.path("metadata").path("labels"));
        put(attrs, "zone", labels.get("topology.kubernetes.io/zone"));
        put(attrs, "instanceType", labels.get("node.kubernetes.io/instance-type"));
        put(attrs, "arch", labels.get("kubernetes.io/arch"));
        put(attrs, "cpu", KubeJson.text(n, "status", "capacity", "cpu"));
        put(attrs, "memory", KubeJson.text(n, "status", "capacity", "memory"));
        hosts.add(new Host(KubeJson.name(n), attrs));
      }
    }
    return new Topology(List.copyOf(nodesByName.values()), instances, hosts, List.of());
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
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

  private UnsupportedQueryException unsupported(String what) {
    return new UnsupportedQueryException(
        "source "
            + source.name()
            + " (kubernetes) has no "
            + what
            + ": the Kubernetes API answers events, rollouts, pod terminations, node conditions"
            + " and topology");
  }

  @Override
  public QueryResult<MetricSeries> metrics(MetricQuery query) {
    throw unsupported("metrics");
  }

  @Override
  public QueryResult<MetricSeries> aggregate(MetricAggregationQuery query) {
    throw unsupported("metrics");
  }

  @Override
  public List<String> metricNames() {
    throw unsupported("metrics");
  }

  @Override
  public QueryResult<LogRecord> logs(LogQuery query) {
    throw unsupported("logs");
  }

  @Override
  public QueryResult<LogCount> logCounts(LogCountQuery query) {
    throw unsupported("logs");
  }

  @Override
  public QueryResult<Span> trace(String traceId) {
    throw unsupported("traces");
  }

  @Override
  public QueryResult<Span> spans(SpanQuery query) {
    throw unsupported("traces");
  }

  @Override
  public QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery query) {
    throw unsupported("traces");
  }

  @Override
  public List<SourceFile> code(String service) {
    throw unsupported("source code");
  }

  @Override
  public QueryResult<DatabaseStats> databases(String component) {
    throw unsupported("database statistics");
  }

  @Override
  public Optional<Alert> alert() {
    return Optional.empty();
  }

  @Override
  public BundleManifest manifest() {
    return BundleManifest.empty();
  }

  @Override
  public void close() {}
}
