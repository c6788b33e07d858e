package dev.warroom.experts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generators of metric tables (CSV long and wide, Prometheus text with timestamps, OTLP/JSON),
 * traces (Zipkin v2 JSON, OTLP/JSON) and Kubernetes event lists (JSON and the {@code kubectl get
 * events} table), in the shapes of the bundle formats of DESIGN.md.
 */
final class TelemetrySamples {
  private TelemetrySamples() {}

  static String sample(InputKind kind, Gen g) {
    return switch (kind) {
      case METRICS_CSV_LONG -> csvLong(g);
      case METRICS_CSV_WIDE -> csvWide(g);
      case METRICS_PROMETHEUS -> prometheus(g);
      case METRICS_OTLP_JSON -> otlpMetrics(g);
      case TRACE_ZIPKIN_JSON -> zipkin(g);
      case TRACE_OTLP_JSON -> otlpTraces(g);
      case K8S_EVENTS -> g.chance(0.6) ? k8sJson(g) : k8sTable(g);
      default -> throw new IllegalArgumentException("not a telemetry kind: " + kind);
    };
  }

  private static String metricName(Gen g) {
    return g.pick(
        "http_requests_total",
        "http_request_duration_seconds",
        "container_cpu_usage_seconds_total",
        "node_memory_MemAvailable_bytes",
        "process_resident_memory_bytes",
        "jvm_gc_pause_seconds",
        "db_connections_active",
        "kafka_consumergroup_lag",
        "cpu_utilization",
        "latency_p99_ms");
  }

  private static String selector(Gen g) {
    return metricName(g)
        + "{service=\""
        + g.service()
        + "\""
        + (g.chance(0.5) ? ",code=\"" + g.pick(200, 500, 503) + "\"" : "")
        + "}";
  }

  private static String value(Gen g) {
    return g.chance(0.3)
        ? Integer.toString(g.between(0, 100000))
        : String.format(Locale.ROOT, "%." + g.between(1, 10) + "f", g.r.nextDouble() * 1000);
  }

  private static String time(Gen g, long t) {
    return switch ((int) (Math.abs(t) % 3)) {
      case 0 -> g.iso(t);
      case 1 -> g.format(t, "yyyy-MM-dd HH:mm:ss");
      default -> Long.toString(t);
    };
  }

  private static String csvLong(Gen g) {
    StringBuilder sb =
        new StringBuilder(
            g.pick(
                "timestamp,series,value",
                "ts,metric,value",
                "time,series,value",
                "timestamp,name,value"));
    long t = g.epochSecond();
    int series = g.between(1, 4);
    List<String> names = new ArrayList<>();
    for (int s = 0; s < series; s++) {
      String sel = g.chance(0.6) ? selector(g) : metricName(g);
      names.add(sel.contains(",") ? "\"" + sel.replace("\"", "\"\"") + "\"" : sel);
    }
    for (int i = 0, n = g.between(2, 15); i < n; i++, t += 60) {
      for (String name : names) {
        sb.append('\n').append(time(g, t)).append(',').append(name).append(',').append(value(g));
      }
    }
    return sb.append('\n').toString();
  }

  private static String csvWide(Gen g) {
    int cols = g.chance(0.3) ? g.between(7, 60) : g.between(1, 6);
    StringBuilder sb = new StringBuilder(g.pick("timestamp", "time", "ts", "date"));
    // columns are bare names or, as bundles allow (docs/bundles.md), selectors quoted per RFC 4180
    boolean selectors = g.chance(0.35);
    for (int c = 0; c < cols; c++) {
      String column;
      if (selectors) {
        String sel = selector(g);
        column = sel.contains(",") ? "\"" + sel.replace("\"", "\"\"") + "\"" : sel;
      } else if (g.chance(0.4)) {
        column = "value" + (c == 0 ? "" : c);
      } else {
        column = g.service() + "_" + g.pick("cpu", "latency_ms", "rps", "errors", "mem_mb");
      }
      sb.append(',').append(column);
    }
    long t = g.epochSecond();
    for (int i = 0, n = g.between(2, 20); i < n; i++, t += 300) {
      sb.append('\n').append(time(g, t));
      for (int c = 0; c < cols; c++) {
        sb.append(',').append(g.chance(0.05) ? "" : value(g));
      }
    }
    return sb.append('\n').toString();
  }

  private static String prometheus(Gen g) {
    StringBuilder sb = new StringBuilder();
    for (int m = 0, n = g.between(1, 3); m < n; m++) {
      String name = metricName(g);
      if (g.chance(0.7)) {
        sb.append("# HELP ").append(name).append(" The ").append(g.word()).append(" count.\n");
        sb.append("# TYPE ")
            .append(name)
            .append(' ')
            .append(g.pick("counter", "gauge", "histogram"))
            .append('\n');
      }
      long ms = g.epochSecond() * 1000;
      for (int i = 0, k = g.between(1, 6); i < k; i++) {
        sb.append(name)
            .append("{service=\"")
            .append(g.service())
            .append("\",instance=\"")
            .append(g.ip())
            .append(":9090\"} ")
            .append(value(g));
        if (g.chance(0.8)) {
          sb.append(' ').append(ms + i * 15000L);
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String otlpMetrics(Gen g) {
    long ns = g.epochSecond() * 1_000_000_000L;
    return "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
        + "\"value\":{\"stringValue\":\""
        + g.service()
        + "\"}}]},\"scopeMetrics\":[{\"scope\":"
        + "{\"name\":\""
        + g.word()
        + "\"},\"metrics\":[{\"name\":\""
        + metricName(g)
        + "\","
        + "\"unit\":\""
        + g.pick("1", "s", "By", "ms")
        + "\",\""
        + g.pick("sum", "gauge")
        + "\":{\"dataPoints\":[{\"asDouble\":"
        + value(g)
        + ",\"timeUnixNano\":\""
        + ns
        + "\"}]}}]}]}]}";
  }

  private static String zipkin(Gen g) {
    String trace = g.hex(g.pick(16, 32));
    String parent = g.hex(16);
    long us = g.epochSecond() * 1_000_000L;
    StringBuilder sb = new StringBuilder("[");
    boolean pretty = g.chance(0.4);
    for (int i = 0, n = g.between(1, 5); i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String id = i == 0 ? parent : g.hex(16);
      sb.append(pretty ? "\n  " : "").append("{\"traceId\":\"").append(trace).append('"');
      if (i > 0) {
        sb.append(",\"parentId\":\"").append(parent).append('"');
      }
      sb.append(",\"id\":\"")
          .append(id)
          .append("\",\"kind\":\"")
          .append(g.pick("SERVER", "CLIENT"))
          .append("\",\"name\":\"")
          .append(g.pick("get", "post") + " /" + g.word())
          .append("\",\"timestamp\":")
          .append(us + i * 1000)
          .append(",\"duration\":")
          .append(g.between(50, 900000))
          .append(",\"localEndpoint\":{\"serviceName\":\"")
          .append(g.service())
          .append("\",\"ipv4\":\"")
          .append(g.ip())
          .append("\"}");
      if (g.chance(0.5)) {
        sb.append(",\"tags\":{\"http.status_code\":\"")
            .append(g.pick(200, 500))
            .append("\"")
            .append(g.chance(0.3) ? ",\"error\":\"true\"" : "")
            .append('}');
      }
      sb.append('}');
    }
    return sb.append(pretty ? "\n]" : "]").toString();
  }

  private static String otlpTraces(Gen g) {
    long ns = g.epochSecond() * 1_000_000_000L;
    StringBuilder spans = new StringBuilder();
    for (int i = 0, n = g.between(1, 4); i < n; i++) {
      if (i > 0) {
        spans.append(',');
      }
      spans
          .append("{\"traceId\":\"")
          .append(g.hex(32))
          .append("\",\"spanId\":\"")
          .append(g.hex(16))
          .append("\",")
          .append(i > 0 ? "\"parentSpanId\":\"" + g.hex(16) + "\"," : "")
          .append("\"name\":\"")
          .append(g.word())
          .append("\",\"kind\":")
          .append(g.between(1, 3))
          .append(",\"startTimeUnixNano\":\"")
          .append(ns)
          .append("\",\"endTimeUnixNano\":\"")
          .append(ns + g.between(1000, 99999999))
          .append("\",\"status\":{\"code\":")
          .append(g.between(0, 2))
          .append("}}");
    }
    return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
        + "\"value\":{\"stringValue\":\""
        + g.service()
        + "\"}}]},\"scopeSpans\":[{\"scope\":"
        + "{\"name\":\"io.opentelemetry."
        + g.word()
        + "\"},\"spans\":["
        + spans
        + "]}]}]}";
  }

  private static final String[][] REASONS = {
    {"Warning", "BackOff", "Back-off restarting failed container %s in pod %s"},
    {"Warning", "OOMKilling", "Memory cgroup out of memory: Killed process %d (%s)"},
    {"Warning", "FailedScheduling", "0/%d nodes are available: %d Insufficient cpu."},
    {"Normal", "Pulled", "Successfully pulled image \"%s:%d\""},
    {"Normal", "Scheduled", "Successfully assigned default/%s to %s"},
    {"Warning", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: %d"},
    {"Normal", "ScalingReplicaSet", "Scaled up replica set %s to %d"},
    {"Warning", "Failed", "Error: failed to start container \"%s\": exec format error"},
  };

  private static String reasonMessage(Gen g, String[] r) {
    String m = r[2];
    Object[] args = new Object[2];
    int a = 0;
    for (int i = 0; i + 1 < m.length() && a < 2; i++) {
      if (m.charAt(i) == '%') {
        args[a++] =
            m.charAt(i + 1) == 'd' ? (Object) g.between(1, 30) : g.service() + "-" + g.hex(5);
      }
    }
    return String.format(Locale.ROOT, m, args);
  }

  private static String k8sJson(Gen g) {
    StringBuilder items = new StringBuilder();
    long t = g.epochSecond();
    for (int i = 0, n = g.between(1, 4); i < n; i++) {
      String[] r = g.pick(REASONS);
      String pod = g.service() + "-" + g.hex(9) + "-" + g.hex(5);
      if (i > 0) {
        items.append(',');
      }
      items
          .append("{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"")
          .append(pod)
          .append('.')
          .append(g.hex(16))
          .append("\",\"namespace\":\"")
          .append(g.pick("default", "prod", "shop"))
          .append("\"},\"involvedObject\":{\"kind\":\"")
          .append(g.pick("Pod", "Deployment", "Node"))
          .append("\",\"name\":\"")
          .append(pod)
          .append("\"},\"reason\":\"")
          .append(r[1])
          .append("\",\"message\":\"")
          .append(reasonMessage(g, r).replace("\"", "\\\""))
          .append("\",\"type\":\"")
          .append(r[0])
          .append("\",\"count\":")
          .append(g.between(1, 40))
          .append(",\"lastTimestamp\":\"")
          .append(g.iso(t + i * 30))
          .append("\",\"source\":{\"component\":\"")
          .append(g.pick("kubelet", "default-scheduler", "deployment-controller"))
          .append("\"}}");
    }
    String sep = g.chance(0.5) ? "\n" : "";
    return "{"
        + sep
        + "\"apiVersion\":\"v1\",\"items\":["
        + sep
        + items
        + sep
        + "],\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"}"
        + sep
        + "}";
  }

  private static String k8sTable(Gen g) {
    StringBuilder sb =
        new StringBuilder(
            g.chance(0.5)
                ? "LAST SEEN   TYPE      REASON              OBJECT                          MESSAGE\n"
                : "NAMESPACE   LAST SEEN   TYPE      REASON      OBJECT     MESSAGE\n");
    boolean ns = sb.charAt(0) == 'N';
    for (int i = 0, n = g.between(1, 8); i < n; i++) {
      String[] r = g.pick(REASONS);
      sb.append(ns ? g.pick("default    ", "prod       ") + " " : "")
          .append(
              String.format(
                  "%-11s %-9s %-19s %-31s %s%n",
                  g.between(1, 59) + g.pick("s", "m", "h"),
                  r[0],
                  r[1],
                  "pod/" + g.service() + "-" + g.hex(5),
                  reasonMessage(g, r)));
    }
    return sb.toString();
  }
}
