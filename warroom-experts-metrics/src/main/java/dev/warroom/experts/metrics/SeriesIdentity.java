package dev.warroom.experts.metrics;

import dev.warroom.model.SeriesKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whose a metric series is — service, pod, node, container — and what it measures, read from
 * whatever labels an exporter wrote, since real exports follow no single naming. Any part is null
 * when nothing says it.
 *
 * <p>The service is the first of, in this order:
 *
 * <ol>
 *   <li>an explicit service label: {@code service}, {@code service.name} / {@code service_name}
 *       (OpenTelemetry), {@code app.kubernetes.io/name} (and its Prometheus-mangled {@code
 *       app_kubernetes_io_name}, {@code label_app_kubernetes_io_name}), {@code app}, {@code
 *       k8s.deployment.name}, {@code deployment}, Datadog's {@code kube_deployment}, {@code
 *       kube_service}, {@code kube_stateful_set};
 *   <li>the pod: the topology's service of that pod when given, else the pod name without its
 *       replica-set and pod hashes ({@code cart-5d8f7c9b6-x2kqz} → {@code cart}) or statefulset
 *       ordinal ({@code db-0} → {@code db});
 *   <li>the Prometheus {@code job} label (often the service, sometimes a scrape job name);
 *   <li>{@code container} / {@code container_name} / {@code k8s.container.name} (not the pause
 *       container {@code POD});
 *   <li>{@code cmdb_id} (read like a pod name);
 *   <li>the host part of {@code instance} when it is a name rather than an address;
 *   <li>a known service that prefixes the metric name ({@code carts_cpu}, {@code
 *       cartservice_CpuUsageRate(%)}, {@code frontend.latency.p99}): then the rest is the metric.
 * </ol>
 *
 * <p>When known services are given, a service derived from a pod, container, cmdb_id or instance
 * name that is not one of them is replaced by the longest known service the name starts with.
 *
 * @param metric what is measured: the series name, less a known-service prefix
 */
public record SeriesIdentity(
    String service, String pod, String node, String container, String metric) {

  private static final List<String> SERVICE_LABELS =
      List.of(
          "service",
          "service.name",
          "service_name",
          "app.kubernetes.io/name",
          "app_kubernetes_io_name",
          "label_app_kubernetes_io_name",
          "app",
          "k8s.deployment.name",
          "deployment",
          "kube_deployment",
          "kube_service",
          "kube_stateful_set");

  private static final List<String> POD_LABELS =
      List.of(
          "pod",
          "pod_name",
          "k8s.pod.name",
          "kubernetes.pod.name",
          "kubernetes_pod_name",
          "kube_pod");
  private static final List<String> NODE_LABELS =
      List.of(
          "node",
          "host",
          "host.name",
          "host_name",
          "k8s.node.name",
          "kubernetes_node",
          "kubernetes_io_hostname");
  private static final List<String> CONTAINER_LABELS =
      List.of("container", "container_name", "k8s.container.name", "kube_container_name");

  /** The Kubernetes safe alphabet for generated name suffixes (no vowels, no 0/1/3). */
  private static final String SAFE = "[bcdfghjklmnpqrstvwxz2456789]";

  /** Deployment pod: name, replica-set hash (template hash, 6–10 chars), pod suffix (5 chars). */
  private static final Pattern DEPLOYMENT_POD =
      Pattern.compile("^(.+?)-" + SAFE + "{6,10}-" + SAFE + "{5}$");

  /** StatefulSet pod ({@code db-0}) or DaemonSet/Job pod ({@code agent-x2kqz}). */
  private static final Pattern ORDINAL_OR_SUFFIX_POD =
      Pattern.compile("^(.+?)-(?:\\d+|" + SAFE + "{5})$");

  private static final Pattern ADDRESS =
      Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9a-fA-F:]+\\]?|localhost)$");

  /** Identity from labels alone (no topology, no known services). */
  public static SeriesIdentity of(SeriesKey key) {
    return of(key.name(), key.labels(), Set.of(), Map.of());
  }

  /** Identity of a series given the services known from other sources (traces, logs). */
  public static SeriesIdentity of(SeriesKey key, Set<String> knownServices) {
    return of(key.name(), key.labels(), knownServices, Map.of());
  }

  /** Identity of a series named {@code name} with {@code labels}, without a topology's nodes. */
  public static SeriesIdentity of(
      String name,
      Map<String, String> labels,
      Set<String> knownServices,
      Map<String, String> serviceOfPod) {
    return of(name, labels, knownServices, serviceOfPod, Map.of());
  }

  /**
   * Identity of a series named {@code name} with {@code labels}. The node is the first of the
   * labels {@code node}, {@code host}, {@code host.name}, {@code host_name}, {@code k8s.node.name},
   * {@code kubernetes_node}, {@code kubernetes_io_hostname}; then the topology's node of the pod;
   * then the host of {@code instance} (without port; not a URL, as blackbox probes write).
   *
   * @param knownServices services known from other sources; may be empty
   * @param serviceOfPod the topology's service of each pod name; may be empty
   * @param nodeOfPod the topology's node of each pod name; may be empty
   */
  public static SeriesIdentity of(
      String name,
      Map<String, String> labels,
      Set<String> knownServices,
      Map<String, String> serviceOfPod,
      Map<String, String> nodeOfPod) {
    String pod = first(labels, POD_LABELS);
    String node = first(labels, NODE_LABELS);
    if (node == null && pod != null) {
      node = nodeOfPod.get(pod);
    }
    if (node == null) {
      node = withoutPort(labels.get("instance"));
    }
    String container = first(labels, CONTAINER_LABELS);
    if ("POD".equals(container)) {
      container = null;
    }
    String service = first(labels, SERVICE_LABELS);
    if (service == null && pod != null) {
      service = serviceOfPod.get(pod);
      if (service == null) {
        service = known(workloadOf(pod), pod, knownServices);
      }
    }
    if (service == null) {
      service = labels.get("job");
    }
    if (service == null && container != null) {
      service = known(container, container, knownServices);
    }
    if (service == null && labels.get("cmdb_id") != null) {
      String cmdb = labels.get("cmdb_id");
      service = known(workloadOf(cmdb), cmdb, knownServices);
    }
    if (service == null && labels.get("instance") != null) {
      String host = hostPart(labels.get("instance"));
      if (host != null) {
        service = known(workloadOf(host), host, knownServices);
      }
    }
    String metric = name;
    String prefix = knownPrefix(name, knownServices);
    if (prefix != null && (service == null || service.equalsIgnoreCase(prefix))) {
      service = prefix;
      metric = name.substring(prefix.length() + 1);
    }
    return new SeriesIdentity(service, pod, node, container, metric);
  }

  /**
   * The workload a pod name belongs to: without the replica-set and pod hashes of a Deployment's
   * pod, or the ordinal of a StatefulSet's; the name itself when it has neither.
   */
  public static String workloadOf(String podName) {
    Matcher m = DEPLOYMENT_POD.matcher(podName);
    if (m.matches()) {
      return m.group(1);
    }
    m = ORDINAL_OR_SUFFIX_POD.matcher(podName);
    return m.matches() ? m.group(1) : podName;
  }

  /**
   * {@code candidate} when no services are known or it is one of them; else the longest known
   * service {@code raw} starts with (followed by a separator), or {@code candidate} if none.
   */
  private static String known(String candidate, String raw, Set<String> knownServices) {
    if (knownServices.isEmpty() || knownServices.contains(candidate)) {
      return candidate;
    }
    String p = knownPrefix(raw, knownServices);
    return p != null ? p : candidate;
  }

  /** The longest known service that prefixes {@code name} up to a separator (_ . - :), if any. */
  static String knownPrefix(String name, Set<String> knownServices) {
    String best = null;
    String lower = name.toLowerCase(Locale.ROOT);
    for (String s : knownServices) {
      int n = s.length();
      if (n < lower.length()
          && lower.startsWith(s.toLowerCase(Locale.ROOT))
          && "_.-:".indexOf(lower.charAt(n)) >= 0
          && (best == null || n > best.length())) {
        best = s;
      }
    }
    return best;
  }

  private static String first(Map<String, String> labels, List<String> names) {
    for (String l : names) {
      String v = labels.get(l);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** {@code host:port} → {@code host}. */
  private static String withoutPort(String instance) {
    if (instance == null || instance.contains("/")) {
      return null;
    }
    int colon = instance.lastIndexOf(':');
    if (colon > 0
        && instance.indexOf(':') == colon
        && instance.substring(colon + 1).matches("\\d+")) {
      return instance.substring(0, colon);
    }
    return instance;
  }

  /** The host of {@code host:port}; null for an address (IP, localhost), which names no service. */
  private static String hostPart(String instance) {
    String h = withoutPort(instance);
    return h == null || ADDRESS.matcher(h).matches() ? null : h;
  }
}
