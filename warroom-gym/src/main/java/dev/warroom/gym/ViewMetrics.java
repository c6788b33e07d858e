package dev.warroom.gym;

import dev.warroom.gym.View.Identity;
import dev.warroom.gym.View.Naming;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of a view: resampled to the view's step over its time range, then renamed to its
 * naming convention and identity label. Renaming follows the public conventions' names: cAdvisor,
 * kube-state-metrics and node_exporter (Prometheus), the OpenTelemetry semantic conventions for
 * HTTP and Kubernetes, Micrometer's Spring Boot names, Datadog's Kubernetes and APM names, and
 * plain per-service columns. A gym metric with no counterpart in a convention keeps its meaning
 * under a name in that convention's style.
 */
final class ViewMetrics {
  private ViewMetrics() {}

  // gym name -> {prometheus, opentelemetry, micrometer, datadog, plain}; null = the style's default
  private static final Map<String, String[]> NAMES = new LinkedHashMap<>();

  static {
    name(
        "container_cpu_usage_seconds_total",
        "container_cpu_usage_seconds_total",
        "k8s.pod.cpu.time",
        "process_cpu_seconds_total",
        "kubernetes.cpu.usage.total",
        null);
    name(
        "container_cpu_utilization_ratio",
        "container_cpu_utilization_ratio",
        "k8s.pod.cpu.utilization",
        "process_cpu_usage",
        "kubernetes.cpu.usage.pct",
        "cpu");
    name(
        "container_memory_working_set_bytes",
        "container_memory_working_set_bytes",
        "k8s.pod.memory.working_set",
        "jvm_memory_used_bytes",
        "kubernetes.memory.working_set",
        "mem");
    name(
        "container_spec_memory_limit_bytes",
        "container_spec_memory_limit_bytes",
        "k8s.container.memory_limit",
        "jvm_memory_max_bytes",
        "kubernetes.memory.limits",
        null);
    name(
        "container_cpu_cfs_throttled_ratio",
        "container_cpu_cfs_throttled_ratio",
        "k8s.pod.cpu.throttled_ratio",
        null,
        "kubernetes.cpu.cfs.throttled.ratio",
        "throttle");
    name(
        "http_server_requests_seconds",
        "http_server_request_duration_seconds",
        "http.server.request.duration",
        "http_server_requests_seconds",
        "trace.http.request.duration",
        "latency");
    name(
        "http_server_requests_per_second",
        "http_requests_per_second",
        "http.server.request.rate",
        "http_server_requests_per_second",
        "trace.http.request.hits",
        "rps");
    name(
        "http_server_errors_per_second",
        "http_request_errors_per_second",
        "http.server.error.rate",
        "http_server_errors_per_second",
        "trace.http.request.errors",
        "errors");
    name("http_server_error_ratio", null, "http.server.error_ratio", null, null, "error_ratio");
    name(
        "http_client_requests_seconds",
        "http_client_request_duration_seconds",
        "http.client.request.duration",
        "http_client_requests_seconds",
        "trace.http.client.duration",
        null);
    name(
        "kube_pod_container_status_restarts_total",
        null,
        "k8s.container.restarts",
        null,
        "kubernetes.containers.restarts",
        "restarts");
    name("runtime_gc_pause_ratio", null, "jvm.gc.overhead", "jvm_gc_overhead", null, "gc");
    name("executor_active_threads", null, null, "executor_active_threads", null, "threads");
    name("pod_network_rtt_seconds", null, null, null, null, "rtt");
    name("pod_tcp_retransmits_per_second", null, null, null, null, "retransmits");
    name(
        "container_network_receive_packets_dropped_per_second",
        null,
        "k8s.pod.network.packets_dropped.rate",
        null,
        "kubernetes.network.rx_dropped",
        "rx_dropped");
    name(
        "node_cpu_utilization_ratio",
        null,
        "system.cpu.utilization",
        null,
        "system.cpu.pct",
        "cpu");
  }

  private static void name(String gym, String... byStyle) {
    NAMES.put(gym, byStyle);
  }

  /** The timeline and values of the view: one uniform grid shared by every series. */
  record Resampled(long[] times, List<SeriesKey> keys, List<double[]> values) {}

  /**
   * Resamples every series onto {@code from + k*step} up to {@code to}: the mean of the samples in
   * each step (the last one for counters), or a linear interpolation where a step holds none (the
   * gym's coarse history resampled to a finer step).
   */
  static Resampled resample(List<MetricSeries> series, long from, long to, long step) {
    long[] src = series.get(0).timestampsMillis();
    long first = Math.floorDiv(from + step - 1, step) * step;
    int n = (int) Math.max(0, (to - first) / step + 1);
    long[] grid = new long[n];
    int[] lo = new int[n];
    int[] hi = new int[n];
    int j = 0;
    for (int k = 0; k < n; k++) {
      grid[k] = first + k * step;
      while (j < src.length && src[j] <= grid[k] - step) {
        j++;
      }
      int e = j;
      while (e < src.length && src[e] <= grid[k]) {
        e++;
      }
      lo[k] = j;
      hi[k] = e; // samples [lo, hi) lie in (grid-step, grid]
    }
    List<SeriesKey> keys = new ArrayList<>();
    List<double[]> vals = new ArrayList<>();
    for (MetricSeries s : series) {
      if (!Arrays.equals(s.timestampsMillis(), src)) {
        throw new IllegalStateException("gym series do not share one timeline: " + s.key());
      }
      boolean counter = s.key().name().endsWith("_total");
      double[] v = s.values();
      double[] out = new double[n];
      for (int k = 0; k < n; k++) {
        out[k] =
            hi[k] > lo[k] ? bucket(v, lo[k], hi[k], counter) : interpolate(src, v, grid[k], lo[k]);
      }
      keys.add(s.key());
      vals.add(out);
    }
    return new Resampled(grid, keys, vals);
  }

  private static double bucket(double[] v, int lo, int hi, boolean counter) {
    if (counter) {
      return v[hi - 1];
    }
    double sum = 0;
    int c = 0;
    for (int i = lo; i < hi; i++) {
      if (!Double.isNaN(v[i])) {
        sum += v[i];
        c++;
      }
    }
    return c == 0 ? Double.NaN : sum / c;
  }

  /** Linear interpolation at {@code t}; {@code next} is the first sample after t. */
  private static double interpolate(long[] ts, double[] v, long t, int next) {
    if (next >= ts.length) {
      return v[ts.length - 1];
    }
    if (next == 0) {
      return v[0];
    }
    double f = (double) (t - ts[next - 1]) / (ts[next] - ts[next - 1]);
    return v[next - 1] + f * (v[next] - v[next - 1]);
  }

  /** The gym's own timeline, unchanged, cropped to {@code [from, to]}. */
  static Resampled crop(List<MetricSeries> series, long from, long to) {
    long[] src = series.get(0).timestampsMillis();
    int a = 0;
    while (a < src.length && src[a] < from) {
      a++;
    }
    int b = a;
    while (b < src.length && src[b] <= to) {
      b++;
    }
    List<SeriesKey> keys = new ArrayList<>();
    List<double[]> vals = new ArrayList<>();
    for (MetricSeries s : series) {
      keys.add(s.key());
      vals.add(Arrays.copyOfRange(s.values(), a, b));
    }
    return new Resampled(Arrays.copyOfRange(src, a, b), keys, vals);
  }

  /**
   * Renames the series to the view's convention and identity. Rates become cumulative counters in
   * the Prometheus-style conventions, as a scrape would export them; the plain-CSV convention keeps
   * one column per service and signal (pods averaged or summed). Series that cannot be named under
   * the identity (a service-level series when only pod names identify services) are dropped.
   */
  static Resampled rename(Resampled in, Naming naming, Identity identity, long step) {
    if (naming == Naming.PLAIN_CSV) {
      return plain(in);
    }
    Map<SeriesKey, double[]> out = new TreeMap<>();
    for (int i = 0; i < in.keys().size(); i++) {
      SeriesKey k = in.keys().get(i);
      double[] v = in.values().get(i);
      String name = metricName(k.name(), naming);
      TreeMap<String, String> labels = new TreeMap<>();
      String svc = k.labels().get("service");
      String pod = k.labels().get("pod");
      for (var e : k.labels().entrySet()) {
        switch (e.getKey()) {
          case "service" -> {}
          case "quantile" -> {
            if (naming == Naming.DATADOG) {
              name = name + ".p" + percentile(e.getValue());
            } else {
              labels.put("quantile", e.getValue());
            }
          }
          default -> labels.put(labelName(e.getKey(), naming), e.getValue());
        }
      }
      if (svc != null) {
        String idLabel = identityLabel(identity, naming);
        if (idLabel == null) {
          if (pod == null) {
            continue; // only pod names identify services: a service-level series has no owner
          }
        } else {
          labels.put(idLabel, svc);
        }
      }
      if ((naming == Naming.PROMETHEUS || naming == Naming.MICROMETER)
          && k.name().endsWith("_per_second")) {
        name = name.substring(0, name.length() - "_per_second".length()) + "_total";
        v = counter(v, step, k.hashCode());
      }
      if (naming == Naming.MICROMETER && k.name().startsWith("container_memory")) {
        labels.put("area", "heap");
      }
      out.put(new SeriesKey(name, labels), v);
    }
    return new Resampled(in.times(), List.copyOf(out.keySet()), List.copyOf(out.values()));
  }

  /** A rate in events/s integrated into a cumulative counter with a non-zero start. */
  private static double[] counter(double[] rate, long stepMillis, int salt) {
    double[] c = new double[rate.length];
    double acc = 1000 + Math.floorMod(salt, 100_000);
    for (int i = 0; i < rate.length; i++) {
      if (!Double.isNaN(rate[i])) {
        acc += rate[i] * stepMillis / 1000.0;
      }
      c[i] = Math.rint(acc);
    }
    return c;
  }

  private static String percentile(String q) {
    double p = Double.parseDouble(q) * 100;
    return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p).replace('.', '_');
  }

  static String metricName(String gym, Naming naming) {
    String[] row = NAMES.get(gym);
    int col =
        switch (naming) {
          case GYM -> -1;
          case PROMETHEUS -> 0;
          case OPENTELEMETRY -> 1;
          case MICROMETER -> 2;
          case DATADOG -> 3;
          case PLAIN_CSV -> 4;
        };
    if (col < 0) {
      return gym;
    }
    if (row != null && row[col] != null) {
      return row[col];
    }
    return switch (naming) {
      case OPENTELEMETRY, DATADOG -> gym.replace('_', '.');
      default -> gym;
    };
  }

  private static String labelName(String gym, Naming naming) {
    return switch (naming) {
      case GYM, PROMETHEUS, PLAIN_CSV -> gym;
      case OPENTELEMETRY ->
          switch (gym) {
            case "pod" -> "k8s.pod.name";
            case "node" -> "k8s.node.name";
            case "route" -> "http.route";
            case "peer" -> "server.address";
            default -> gym;
          };
      case MICROMETER ->
          switch (gym) {
            case "route" -> "uri";
            case "peer" -> "client_name";
            case "node" -> "instance";
            default -> gym;
          };
      case DATADOG ->
          switch (gym) {
            case "pod" -> "pod_name";
            case "node" -> "host";
            case "route" -> "resource_name";
            case "peer" -> "peer.service";
            default -> gym;
          };
    };
  }

  /** The label that names the service, or null when no label does (pod names only). */
  static String identityLabel(Identity identity, Naming naming) {
    return switch (identity) {
      case SERVICE -> naming == Naming.OPENTELEMETRY ? "service.name" : "service";
      case APP -> naming == Naming.MICROMETER ? "application" : "app";
      case JOB -> "job";
      case CONTAINER ->
          switch (naming) {
            case OPENTELEMETRY -> "k8s.container.name";
            case DATADOG -> "kube_container_name";
            default -> "container";
          };
      case K8S_NAME ->
          switch (naming) {
            case OPENTELEMETRY -> "k8s.deployment.name";
            case DATADOG -> "kube_deployment";
            default -> "label_app_kubernetes_io_name";
          };
      case POD_ONLY -> null;
    };
  }

  /**
   * One bare column per service (or node) and signal, {@code cart_cpu}: pods averaged (ratios,
   * latencies, memory) or summed (rates, counts); series split by route, peer or other labels are
   * left out, as a hand-made export would.
   */
  private static Resampled plain(Resampled in) {
    Map<String, double[]> sums = new TreeMap<>();
    Map<String, int[]> counts = new TreeMap<>();
    Map<String, Boolean> additive = new TreeMap<>();
    int n = in.times().length;
    for (int i = 0; i < in.keys().size(); i++) {
      SeriesKey k = in.keys().get(i);
      String[] row = NAMES.get(k.name());
      if (row == null || row[4] == null) {
        continue;
      }
      String owner = k.labels().get("service");
      if (owner == null) {
        owner = k.labels().get("node");
      }
      boolean other =
          k.labels().keySet().stream()
              .anyMatch(l -> !List.of("service", "pod", "node", "quantile").contains(l));
      if (owner == null || other) {
        continue;
      }
      String col = sanitize(owner) + "_" + row[4];
      String q = k.labels().get("quantile");
      if (q != null) {
        col = col + "_p" + percentile(q);
      }
      double[] v = in.values().get(i);
      double[] s = sums.computeIfAbsent(col, c -> new double[n]);
      int[] c = counts.computeIfAbsent(col, x -> new int[n]);
      for (int t = 0; t < n; t++) {
        if (!Double.isNaN(v[t])) {
          s[t] += v[t];
          c[t]++;
        }
      }
      additive.put(
          col,
          k.name().endsWith("_per_second")
              || k.name().endsWith("_total")
              || k.name().contains("threads"));
    }
    List<SeriesKey> keys = new ArrayList<>();
    List<double[]> vals = new ArrayList<>();
    for (var e : sums.entrySet()) {
      double[] s = e.getValue();
      int[] c = counts.get(e.getKey());
      double[] out = new double[n];
      for (int t = 0; t < n; t++) {
        out[t] = c[t] == 0 ? Double.NaN : additive.get(e.getKey()) ? s[t] : s[t] / c[t];
      }
      keys.add(SeriesKey.of(e.getKey(), Map.of()));
      vals.add(out);
    }
    return new Resampled(in.times(), keys, vals);
  }

  /** A name usable as a metric name: {@code redis-cart} becomes {@code redis_cart}. */
  static String sanitize(String s) {
    String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return Character.isDigit(out.charAt(0)) ? "_" + out : out;
  }
}
