package dev.warroom.gym;

import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prometheus-style alerting rules evaluated over the simulated series in the incident window: p90
 * latency and 5xx ratio above thresholds learned from the baseline, for 2 minutes, per service;
 * Kafka consumer lag. The alert that opens the incident is the first to fire on a user-facing
 * service (a load balancer or what it calls), else the first to fire anywhere, as an SLO-based
 * alerting setup would page. Control episodes get an over-sensitive rule that fires on noise.
 */
final class AlertRules {
  /** A rule that fired: at which step, on which service, with what expression. */
  record Firing(
      int step,
      int service,
      String alertname,
      String signal,
      String expr,
      double value,
      double threshold) {}

  private static final int FOR_STEPS = 4; // for: 1m at 15 s steps
  private static final int SMOOTH_STEPS = 20; // [5m]

  private final Simulator sim;
  private final MetricRecorder rec;

  AlertRules(Simulator sim, MetricRecorder rec) {
    this.sim = sim;
    this.rec = rec;
  }

  List<Firing> evaluate(long notBefore) {
    List<Firing> out = new ArrayList<>();
    Timeline tl = sim.timeline;
    int from = Math.max(tl.firstWindowStep, tl.firstWindowStep + tl.windowStepAt(notBefore));
    for (int s = 0; s < sim.system.services().size(); s++) {
      SystemSpec.Service svc = sim.system.services().get(s);
      if (svc.kind() != ComponentKind.SERVICE && svc.kind() != ComponentKind.LOAD_BALANCER) {
        if (svc.kind() == ComponentKind.QUEUE) {
          lagRules(s, from, out);
        }
        continue;
      }
      double[] p90 =
          rec.values(
              SeriesKey.of(
                  "http_server_requests_seconds", "service", svc.name(), "quantile", "0.9"));
      double[] err = rec.values(SeriesKey.of("http_server_error_ratio", "service", svc.name()));
      double latThreshold = niceThreshold(Math.max(0.25, 3 * baselineMax(p90)));
      double errThreshold = niceThreshold(Math.max(0.05, 3 * baselineMax(err)));
      add(
          out,
          s,
          "HighLatencyP90",
          "latency",
          p90,
          latThreshold,
          from,
          "histogram_quantile(0.9, sum by (le) (rate(http_server_requests_seconds_bucket{service=\""
              + svc.name()
              + "\"}[5m]))) > "
              + latThreshold);
      add(
          out,
          s,
          "HighErrorRate",
          "error_rate",
          err,
          errThreshold,
          from,
          "sum(rate(http_server_requests_seconds_count{service=\""
              + svc.name()
              + "\",status=~\"5..\"}[5m])) / sum(rate(http_server_requests_seconds_count{service=\""
              + svc.name()
              + "\"}[5m])) > "
              + errThreshold);
    }
    out.sort(Comparator.comparingInt(Firing::step).thenComparingInt(Firing::service));
    return out;
  }

  private void lagRules(int s, int from, List<Firing> out) {
    for (int ep : sim.graph.endpointsOfService[s]) {
      for (Graph.CallRef c : sim.graph.calls.get(ep)) {
        String group = sim.system.services().get(sim.graph.endpointService[c.callee()]).name();
        double[] lag =
            rec.values(
                SeriesKey.of(
                    "kafka_consumergroup_lag",
                    "service",
                    sim.system.services().get(s).name(),
                    "topic",
                    sim.graph.endpointName[ep],
                    "consumergroup",
                    group));
        double threshold = niceThreshold(Math.max(1000, 5 * baselineMax(lag)));
        add(
            out,
            s,
            "KafkaConsumerLagHigh",
            "consumer_lag",
            lag,
            threshold,
            from,
            "kafka_consumergroup_lag{consumergroup=\"" + group + "\"} > " + threshold);
      }
    }
  }

  private void add(
      List<Firing> out,
      int s,
      String name,
      String signal,
      double[] v,
      double threshold,
      int from,
      String expr) {
    if (v == null) {
      return;
    }
    // rules look at 5-minute rates (histogram_quantile over rate(...[5m])): average the window
    int run = 0;
    double sum = 0;
    int first = sim.timeline.firstWindowStep;
    for (int i = first; i < from; i++) {
      sum += v[i];
      if (i - SMOOTH_STEPS >= first) {
        sum -= v[i - SMOOTH_STEPS];
      }
    }
    for (int i = from; i < v.length; i++) {
      sum += v[i];
      if (i - SMOOTH_STEPS >= first) {
        sum -= v[i - SMOOTH_STEPS];
      }
      double avg = sum / Math.min(SMOOTH_STEPS, i - first + 1);
      run = avg > threshold ? run + 1 : 0;
      if (run >= FOR_STEPS) {
        out.add(new Firing(i, s, name, signal, expr, v[i], threshold));
        return;
      }
    }
  }

  /**
   * The 99.5th percentile of the baseline: a threshold learned from history, robust to one spike.
   */
  private double baselineMax(double[] v) {
    int n =
        sim.timeline.firstWindowStep > 0 ? sim.timeline.firstWindowStep : Math.min(v.length, 40);
    double[] b = java.util.Arrays.copyOf(v, n);
    java.util.Arrays.sort(b);
    return b[Math.min(n - 1, (int) Math.floor(n * 0.995))];
  }

  private static double niceThreshold(double x) {
    double mag = Math.pow(10, Math.floor(Math.log10(x)));
    double m = x / mag;
    double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
    return nice * mag;
  }

  /** Picks the incident's alert: first on a user-facing service, else the first anywhere. */
  static Firing choose(List<Firing> firings, Set<Integer> userFacing) {
    for (Firing f : firings) {
      if (userFacing.contains(f.service())) {
        return f;
      }
    }
    return firings.isEmpty() ? null : firings.get(0);
  }

  /**
   * An over-sensitive p99 rule on one service, with the threshold just under that service's largest
   * noise spike after {@code notBefore}: the alert of a control episode.
   */
  Firing noiseFiring(int s, long notBefore) {
    String svc = sim.system.services().get(s).name();
    double[] p99 =
        rec.values(
            SeriesKey.of("http_server_requests_seconds", "service", svc, "quantile", "0.99"));
    Timeline tl = sim.timeline;
    int from = tl.firstWindowStep + tl.windowStepAt(notBefore);
    int best = from;
    for (int i = from; i < p99.length - 1; i++) {
      if (Math.min(p99[i], p99[i + 1]) > Math.min(p99[best], p99[best + 1])) {
        best = i;
      }
    }
    double threshold = Math.floor(Math.min(p99[best], p99[best + 1]) * 0.98 * 1000) / 1000;
    return new Firing(
        best + 1,
        s,
        "LatencyP99Elevated",
        "latency",
        "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{service=\""
            + svc
            + "\"}[30s]))) > "
            + threshold,
        p99[best + 1],
        threshold);
  }

  /** The model alert for a firing. */
  Alert toAlert(Firing f, String namespace) {
    String svc = sim.system.services().get(f.service()).name();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", f.alertname());
    labels.put("service", svc);
    labels.put("namespace", namespace);
    labels.put(
        "severity",
        f.signal().equals("latency") && f.alertname().startsWith("LatencyP99")
            ? "warning"
            : "critical");
    labels.put("prometheus", "monitoring/k8s");
    labels.put("signal", f.signal());
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put("summary", summary(f, svc));
    ann.put(
        "description",
        "Expression " + f.expr() + " has been true for 1m; current value " + fmt(f.value()) + ".");
    ann.put("runbook_url", "https://runbooks.example.com/" + f.alertname().toLowerCase());
    Instant at = Instant.ofEpochMilli(sim.timeline.times[f.step()]);
    String fp =
        HexFormat.of()
            .formatHex(
                java.nio.ByteBuffer.allocate(8)
                    .putLong((f.alertname() + svc).hashCode() * 0x9E3779B97F4A7C15L)
                    .array());
    return new Alert(
        fp,
        AlertSource.ALERTMANAGER,
        AlertStatus.FIRING,
        ann.get("summary"),
        f.signal(),
        svc,
        labels.get("severity"),
        labels,
        ann,
        at,
        null);
  }

  private static String summary(Firing f, String svc) {
    return switch (f.alertname()) {
      case "HighLatencyP90" ->
          "p90 latency of "
              + svc
              + " is "
              + fmt(f.value())
              + "s (threshold "
              + fmt(f.threshold())
              + "s)";
      case "HighErrorRate" ->
          "5xx ratio of "
              + svc
              + " is "
              + fmt(f.value() * 100)
              + "% (threshold "
              + fmt(f.threshold() * 100)
              + "%)";
      case "KafkaConsumerLagHigh" ->
          "consumer lag on " + svc + " is " + fmt(f.value()) + " messages";
      default ->
          "p99 latency of "
              + svc
              + " is "
              + fmt(f.value())
              + "s (threshold "
              + fmt(f.threshold())
              + "s)";
    };
  }

  static String fmt(double v) {
    return v >= 100 ? String.valueOf(Math.round(v)) : String.valueOf(Math.round(v * 100) / 100.0);
  }
}
