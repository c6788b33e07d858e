package dev.warroom.store;

import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.FeatureFlagChange;
import dev.warroom.model.Host;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.Instance;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.ObjectRef;
import dev.warroom.model.Restart;
import dev.warroom.model.Scaling;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Severity;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small, fully known incident used by the store and bundle tests: a checkout service calling a
 * cart service whose database starts timing out at T0 + 5 min after a deploy. Times are whole
 * microseconds so that they survive Zipkin's resolution.
 */
public final class SampleBundles {
  /** 2024-05-01T12:00:00Z. */
  public static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  private SampleBundles() {}

  public static TimeWindow window() {
    return new TimeWindow(T0, T0.plus(Duration.ofMinutes(10)));
  }

  public static IncidentBundle incident() {
    Alert alert =
        new Alert(
            "fp-1",
            AlertSource.ALERTMANAGER,
            AlertStatus.FIRING,
            "Checkout error rate above 5%",
            "error_rate",
            "checkout",
            "critical",
            Map.of("alertname", "error_rate", "service", "checkout", "severity", "critical"),
            Map.of("summary", "Checkout error rate above 5%"),
            T0.plus(Duration.ofMinutes(6)),
            null);
    List<MetricSeries> metrics = new ArrayList<>();
    for (String svc : List.of("checkout", "cart")) {
      for (String code : List.of("200", "500")) {
        long[] ts = new long[60];
        double[] vs = new double[60];
        double total = 0;
        for (int i = 0; i < 60; i++) {
          ts[i] = T0.toEpochMilli() + i * 10_000L;
          boolean failing = i >= 30 && code.equals("500");
          total += failing ? 50 : code.equals("500") ? 1 : 100;
          vs[i] = total;
        }
        metrics.add(
            new MetricSeries(
                SeriesKey.of("http_requests_total", "service", svc, "code", code), ts, vs));
      }
      long[] ts = new long[60];
      double[] vs = new double[60];
      for (int i = 0; i < 60; i++) {
        ts[i] = T0.toEpochMilli() + i * 10_000L;
        vs[i] = i >= 30 ? 0.9 : 0.2 + (i % 3) * 0.01;
      }
      metrics.add(new MetricSeries(SeriesKey.of("cpu_usage", "service", svc), ts, vs));
    }
    List<LogRecord> logs = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      Instant t = T0.plusSeconds(i * 5L);
      boolean failing = i >= 60;
      logs.add(
          new LogRecord(
              t,
              "cart",
              failing && i % 2 == 0 ? Severity.ERROR : Severity.INFO,
              failing && i % 2 == 0
                  ? "db timeout after 3000 ms on query id=" + i
                  : "served GET /cart/" + i + " in 12 ms",
              Map.of("pod", "cart-7d9f8b6c4-x2x9q", "thread", "http-" + (i % 4)),
              i % 10 == 0 ? traceId(i) : null,
              i % 10 == 0 ? spanId(i, 1) : null));
      logs.add(
          LogRecord.of(
              t.plusMillis(1), "checkout", Severity.INFO, "checkout ok \"quoted\" \\ ünïcode"));
    }
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Instant t = T0.plusSeconds(i * 15L).plusNanos(123_000);
      boolean failing = i >= 20;
      String trace = traceId(i);
      spans.add(
          new Span(
              trace,
              spanId(i, 0),
              null,
              "checkout",
              "POST /checkout",
              SpanKind.SERVER,
              t,
              Duration.ofMillis(failing ? 3100 : 40),
              failing ? SpanStatus.ERROR : SpanStatus.OK,
              Map.of("http.status_code", failing ? "500" : "200"),
              List.of()));
      spans.add(
          new Span(
              trace,
              spanId(i, 1),
              spanId(i, 0),
              "cart",
              "GET /cart",
              SpanKind.CLIENT,
              t.plusMillis(2),
              Duration.ofMillis(failing ? 3000 : 30),
              failing ? SpanStatus.ERROR : SpanStatus.UNSET,
              Map.of(),
              failing
                  ? List.of(
                      new SpanEvent(
                          t.plusMillis(3001),
                          "exception",
                          Map.of("exception.type", "java.sql.SQLTimeoutException")))
                  : List.of(new SpanEvent(t.plusMillis(3), "cache miss", Map.of()))));
    }
    List<Event> events =
        List.of(
            new Deploy(
                T0.plusSeconds(290),
                "cart",
                "v2.4.1",
                "registry/cart:2.4.1",
                "v2.4.0",
                "ci",
                Map.of("commit", "abc123")),
            new ConfigChange(
                T0.plusSeconds(100), "checkout", "timeout_ms", "1000", "3000", null, Map.of()),
            new FeatureFlagChange(
                T0.plusSeconds(120), "checkout", "new-pricing", true, "alice", Map.of()),
            new Scaling(T0.plusSeconds(400), "cart", 3, 5, "hpa", Map.of()),
            new Restart(
                T0.plusSeconds(450), "cart", "cart-7d9f8b6c4-x2x9q", "OOMKilled", null, Map.of()),
            new KubernetesEvent(
                "BackOff",
                "Warning",
                new ObjectRef("Pod", "cart-7d9f8b6c4-x2x9q", "shop"),
                4,
                T0.plusSeconds(460),
                T0.plusSeconds(520),
                "Back-off restarting failed container",
                "cart",
                "node-1"),
            new KubernetesEvent(
                "NodeNotReady",
                "Normal",
                new ObjectRef("Node", "node-2", ""),
                1,
                T0.plusSeconds(30),
                T0.plusSeconds(30),
                "Node node-2 status is now: NodeNotReady",
                null,
                null));
    Topology topology =
        new Topology(
            List.of(
                new ServiceNode("checkout", ComponentKind.SERVICE, "java"),
                new ServiceNode("cart", ComponentKind.SERVICE, "go"),
                new ServiceNode("cart-db", ComponentKind.DATABASE, "")),
            List.of(new Instance("cart-7d9f8b6c4-x2x9q", "cart", "node-1")),
            List.of(new Host("node-1", Map.of("zone", "eu-west-1a"))),
            List.of(
                new DependencyEdge("checkout", "cart", "http", 120),
                new DependencyEdge("cart", "cart-db", "sql", 0)));
    List<SourceFile> code =
        List.of(
            new SourceFile(
                "cart", "src/main/java/shop/CartRepository.java", "class CartRepository {}\n"));
    BundleManifest manifest =
        new BundleManifest("sample", "cart db timeouts", "UTC", window(), Map.of());
    return new IncidentBundle(manifest, alert, metrics, logs, spans, events, topology, code);
  }

  public static String traceId(int i) {
    return String.format("%032x", 0xabc000L + i);
  }

  public static String spanId(int i, int child) {
    return String.format("%016x", 0x5000L + i * 16L + child);
  }
}
