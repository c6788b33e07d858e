package dev.warroom.engine.director;

import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Event;
import dev.warroom.model.Host;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.Instance;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.ObjectRef;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import dev.warroom.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small hand-built incident for engine tests, independent of the gym: frontend → checkout →
 * orders-db. In the faulty variant checkout's memory climbs from {@link #ONSET} until its pod is
 * OOMKilled; its requests fail and frontend's error rate fires the alert. The control variant has
 * the same system, noise and alert but no fault.
 */
final class SyntheticIncident {
  static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
  static final Instant ONSET = START.plus(Duration.ofMinutes(20));
  static final Instant ALERT = START.plus(Duration.ofMinutes(32));
  static final Instant END = START.plus(Duration.ofMinutes(45));

  private SyntheticIncident() {}

  static IncidentBundle build(boolean fault, long seed) {
    Random rnd = new Random(seed);
    Topology topo =
        new Topology(
            List.of(
                new ServiceNode("frontend", ComponentKind.SERVICE, "go"),
                new ServiceNode("checkout", ComponentKind.SERVICE, "java"),
                new ServiceNode("orders-db", ComponentKind.DATABASE, "")),
            List.of(
                new Instance("frontend-7d9f-1", "frontend", "node-a"),
                new Instance("checkout-5c4b-1", "checkout", "node-b"),
                new Instance("orders-db-0", "orders-db", "node-b")),
            List.of(new Host("node-a", Map.of()), new Host("node-b", Map.of())),
            List.of(
                new DependencyEdge("frontend", "checkout", "http", 600),
                new DependencyEdge("checkout", "orders-db", "sql", 600)));
    List<MetricSeries> metrics = new ArrayList<>();
    for (Instance i : topo.instances()) {
      metrics.add(
          series(
              SeriesKey.of(
                  "container_memory_working_set_bytes",
                  "service",
                  i.service(),
                  "pod",
                  i.name(),
                  "node",
                  i.host()),
              rnd,
              4e8,
              1e7,
              fault && i.service().equals("checkout") ? 1.5e9 : 0));
      metrics.add(
          series(
              SeriesKey.of(
                  "container_cpu_usage_seconds_total",
                  "service",
                  i.service(),
                  "pod",
                  i.name(),
                  "node",
                  i.host()),
              rnd,
              0.4,
              0.03,
              0));
    }
    metrics.add(
        series(
            SeriesKey.of("http_request_duration_seconds", "service", "frontend", "quantile", "0.9"),
            rnd,
            0.12,
            0.01,
            fault ? 0.5 : 0));
    List<Span> spans = new ArrayList<>();
    List<LogRecord> logs = new ArrayList<>();
    int traceNo = 0;
    for (Instant t = START; t.isBefore(END); t = t.plusMillis(500)) {
      boolean failing =
          fault && !t.isBefore(ONSET.plus(Duration.ofMinutes(5))) && rnd.nextDouble() < 0.3;
      String trace = String.format("%032x", ++traceNo);
      Span root =
          new Span(
              trace,
              String.format("%016x", traceNo * 3L),
              null,
              "frontend",
              "POST /checkout",
              SpanKind.SERVER,
              t,
              Duration.ofMillis(80 + rnd.nextInt(20)),
              failing ? SpanStatus.ERROR : SpanStatus.OK,
              Map.of(),
              List.of());
      Span mid =
          new Span(
              trace,
              String.format("%016x", traceNo * 3L + 1),
              root.spanId(),
              "checkout",
              "PlaceOrder",
              SpanKind.SERVER,
              t.plusMillis(5),
              Duration.ofMillis(60 + rnd.nextInt(10)),
              failing ? SpanStatus.ERROR : SpanStatus.OK,
              failing
                  ? Map.of("error.message", "java.lang.OutOfMemoryError: Java heap space")
                  : Map.of(),
              List.of());
      Span leaf =
          new Span(
              trace,
              String.format("%016x", traceNo * 3L + 2),
              mid.spanId(),
              "orders-db",
              "SELECT orders",
              SpanKind.SERVER,
              t.plusMillis(10),
              Duration.ofMillis(20 + rnd.nextInt(5)),
              SpanStatus.OK,
              Map.of(),
              List.of());
      spans.add(root);
      spans.add(mid);
      spans.add(leaf);
      logs.add(
          LogRecord.of(
              t,
              "frontend",
              Severity.INFO,
              "request POST /checkout status=" + (failing ? 503 : 200)));
      if (failing) {
        logs.add(
            LogRecord.of(
                t,
                "frontend",
                Severity.ERROR,
                "upstream checkout returned 503 Service Unavailable"));
        logs.add(
            LogRecord.of(
                t,
                "checkout",
                Severity.ERROR,
                "java.lang.OutOfMemoryError: Java heap space\n\tat com.shop.checkout.OrderCache.put(OrderCache.java:42)"));
      }
      if (rnd.nextDouble() < 0.01) {
        // A red herring present before and during the incident.
        logs.add(
            LogRecord.of(t, "frontend", Severity.WARN, "insufficient balance for account 1234"));
      }
    }
    List<Event> events = new ArrayList<>();
    if (fault) {
      events.add(
          new KubernetesEvent(
              "OOMKilled",
              "Warning",
              new ObjectRef("Pod", "checkout-5c4b-1", "shop"),
              3,
              ONSET.plus(Duration.ofMinutes(9)),
              ONSET.plus(Duration.ofMinutes(15)),
              "Container checkout was OOMKilled",
              "checkout",
              "node-b"));
    }
    Alert alert =
        new Alert(
            "fp-1",
            AlertSource.ALERTMANAGER,
            AlertStatus.FIRING,
            "HighErrorRate frontend",
            "error_rate",
            "frontend",
            "critical",
            Map.of("alertname", "HighErrorRate"),
            Map.of(),
            ALERT,
            null);
    return new IncidentBundle(
        new BundleManifest("synthetic", "", "UTC", null, Map.of()),
        alert,
        metrics,
        logs,
        spans,
        events,
        topo,
        List.of());
  }

  /**
   * Four days at 5-minute resolution, then the incident window at 15 s; a ramp of {@code rise}
   * after the onset.
   */
  private static MetricSeries series(
      SeriesKey key, Random rnd, double level, double noise, double rise) {
    List<Long> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    for (Instant t = START.minus(Duration.ofDays(4));
        t.isBefore(START);
        t = t.plus(Duration.ofMinutes(5))) {
      ts.add(t.toEpochMilli());
      vs.add(level + noise * rnd.nextGaussian());
    }
    for (Instant t = START; t.isBefore(END); t = t.plusSeconds(15)) {
      double extra =
          t.isBefore(ONSET)
              ? 0
              : rise * Math.min(1, Duration.between(ONSET, t).toSeconds() / 600.0);
      ts.add(t.toEpochMilli());
      vs.add(level + noise * rnd.nextGaussian() + extra);
    }
    return new MetricSeries(
        key,
        ts.stream().mapToLong(Long::longValue).toArray(),
        vs.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static Map<String, String> none() {
    return new HashMap<>();
  }
}
