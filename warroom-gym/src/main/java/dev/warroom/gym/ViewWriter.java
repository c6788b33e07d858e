package dev.warroom.gym;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.gym.View.Modalities;
import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.Event;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.store.bundle.BundleWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes an episode under a {@link View}: crops every kind of data to the view's time range,
 * resamples and renames the metrics, samples whole traces, drops the modalities the view lacks,
 * writes logs in the view's layout, moves the alert, and writes {@code truth.json} (alert fields
 * updated) and {@code view.json}. Deterministic: the same episode and view give the same bytes.
 */
public final class ViewWriter {
  /** Data kept after onset at least, when a row cap shortens the export. */
  private static final Duration AFTER_ONSET = Duration.ofMinutes(8);

  private ViewWriter() {}

  /** Writes {@code ep} under {@code view} into {@code dir}; returns the truth written. */
  public static GroundTruth write(Episode ep, View view, Path dir) {
    IncidentBundle b = ep.bundle();
    GroundTruth truth = ep.truth();
    TimeWindow window = b.manifest().window();
    Instant onset = truth.onset() != null ? truth.onset() : b.alert().startsAt();
    long[] all =
        b.metrics().isEmpty()
            ? new long[] {window.start().toEpochMilli()}
            : b.metrics().get(0).timestampsMillis();
    long from = all[0];
    long to = window.end().toEpochMilli();
    if (view.history() != null) {
      from = Math.max(from, onset.toEpochMilli() - view.history().toMillis());
      long cap = view.maxRows() * view.step().toMillis();
      to = Math.min(to, Math.max(from + cap, onset.plus(AFTER_ONSET).toEpochMilli()));
    }
    Instant fromI = Instant.ofEpochMilli(from);
    Instant toI = Instant.ofEpochMilli(to);
    Modalities mod = view.modalities();
    boolean logs =
        mod == Modalities.ALL
            || mod == Modalities.NO_TRACES
            || mod == Modalities.NO_EVENTS
            || mod == Modalities.TELEMETRY_ONLY;
    boolean traces =
        mod == Modalities.ALL
            || mod == Modalities.NO_LOGS
            || mod == Modalities.NO_EVENTS
            || mod == Modalities.TELEMETRY_ONLY;
    boolean events =
        mod == Modalities.ALL || mod == Modalities.NO_LOGS || mod == Modalities.NO_TRACES;
    boolean extras = mod != Modalities.METRICS_ONLY && mod != Modalities.TELEMETRY_ONLY;

    List<Span> spans = traces ? sampleTraces(b.spans(), view, fromI, toI) : List.of();
    List<Event> evs =
        events ? b.events().stream().filter(e -> inside(e.time(), fromI, toI)).toList() : List.of();
    Alert alert = alert(b.alert(), view, onset, b.topology());
    TimeWindow win =
        new TimeWindow(
            window.start().isBefore(fromI) ? fromI : window.start(),
            window.end().isAfter(toI) ? toI : window.end());
    try {
      Files.createDirectories(dir);
      Map<String, String> formats = new TreeMap<>();
      if (logs) {
        List<LogRecord> kept =
            b.logs().stream().filter(r -> inside(r.timestamp(), fromI, toI)).toList();
        formats.putAll(ViewLogs.write(kept, view.logLayout(), dir));
      }
      writeMetrics(b.metrics(), view, from, to, win.start().toEpochMilli(), dir);
      BundleManifest manifest =
          new BundleManifest(
              b.manifest().name() + (view.isFull() ? "" : "~" + view.name()),
              b.manifest().description() + " — view " + view.name(),
              b.manifest().timeZone(),
              win,
              formats);
      BundleWriter.write(
          new IncidentBundle(
              manifest,
              alert,
              List.of(),
              List.of(),
              spans,
              evs,
              extras ? b.topology() : Topology.empty(),
              extras ? b.code() : List.of(),
              extras ? b.databases() : List.of()),
          dir);
      if (!spans.isEmpty() && view.traceFormat() == View.TraceFormat.ZIPKIN_NO_KIND) {
        stripKinds(dir.resolve("traces/traces.json"));
      }
      GroundTruth t = truth.withAlert(alert.service(), alert.startsAt());
      t.write(dir);
      Files.writeString(dir.resolve("view.json"), view.toJson(), StandardCharsets.UTF_8);
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "writing view " + view.name() + " to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean inside(Instant t, Instant from, Instant to) {
    return !t.isBefore(from) && !t.isAfter(to);
  }

  /**
   * Keeps whole traces: a trace is kept when a hash of its id and the view seed falls under the
   * sampling rate (as a head sampler with a trace-id ratio would) and its first span is inside the
   * time range.
   */
  static List<Span> sampleTraces(List<Span> spans, View view, Instant from, Instant to) {
    Map<String, Instant> firstStart = new TreeMap<>();
    for (Span s : spans) {
      firstStart.merge(s.traceId(), s.start(), (a, c) -> a.isBefore(c) ? a : c);
    }
    Set<String> keep = new HashSet<>();
    long threshold = (long) (view.traceSampling() * (1L << 53));
    for (var e : firstStart.entrySet()) {
      long h = mix(e.getKey().hashCode() * 0x9E3779B97F4A7C15L ^ view.seed()) >>> 11;
      if (h < threshold && inside(e.getValue(), from, to)) {
        keep.add(e.getKey());
      }
    }
    return spans.stream().filter(s -> keep.contains(s.traceId())).toList();
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The view's alert: started at onset + delay when the view sets a delay, and on the entry service
   * (the first application service behind the external traffic) when the view says so, in the
   * generic form a hand-made export would use.
   */
  static Alert alert(Alert a, View view, Instant onset, Topology topology) {
    Instant start =
        view.alertDelay() == null
            ? a.startsAt()
            : onset.plus(view.alertDelay()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String service = a.service();
    if (view.alertOnEntry()) {
      service = entryService(topology, service);
    }
    if (start.equals(a.startsAt()) && java.util.Objects.equals(service, a.service())) {
      return a;
    }
    String signal = a.signal().isBlank() ? "latency" : a.signal();
    Map<String, String> labels = new TreeMap<>();
    labels.put("severity", a.severity());
    if (service != null) {
      labels.put("service", service);
    }
    return new Alert(
        a.fingerprint(),
        AlertSource.GENERIC,
        AlertStatus.FIRING,
        (service == null ? "system" : service) + " " + signal + " SLO breach",
        signal,
        service,
        a.severity(),
        labels,
        Map.of(),
        start,
        null);
  }

  /**
   * The service that takes external traffic: the first application service a load balancer with no
   * callers calls, else the first service with no callers.
   */
  static String entryService(Topology t, String fallback) {
    List<String> roots = new ArrayList<>();
    for (ServiceNode s : t.services()) {
      if (t.callersOf(s.name()).isEmpty() && !t.calleesOf(s.name()).isEmpty()) {
        roots.add(s.name());
      }
    }
    for (String r : roots) {
      ServiceNode n = node(t, r);
      if (n.kind() == ComponentKind.LOAD_BALANCER) {
        for (String c : t.calleesOf(r)) {
          if (node(t, c).kind() == ComponentKind.SERVICE) {
            return c;
          }
        }
      }
    }
    return roots.isEmpty() ? fallback : roots.get(0);
  }

  private static ServiceNode node(Topology t, String name) {
    return t.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static void writeMetrics(
      List<MetricSeries> series, View view, long from, long to, long windowStart, Path dir)
      throws IOException {
    if (series.isEmpty()) {
      return;
    }
    ViewMetrics.Resampled r =
        view.step() == null
            ? ViewMetrics.crop(series, from, to)
            : ViewMetrics.resample(series, from, to, view.step().toMillis());
    long step = view.step() == null ? 15_000 : view.step().toMillis();
    r = ViewMetrics.rename(r, view.naming(), view.identity(), step);
    if (r.keys().isEmpty() || r.times().length == 0) {
      return;
    }
    Files.createDirectories(dir.resolve("metrics"));
    switch (view.naming()) {
      case GYM, DATADOG, PLAIN_CSV ->
          WideCsv.write(r.times(), r.keys(), r.values(), windowStart, dir);
      case PROMETHEUS -> {
        List<MetricSeries> ms = new ArrayList<>();
        for (int i = 0; i < r.keys().size(); i++) {
          ms.add(new MetricSeries(r.keys().get(i), r.times(), r.values().get(i)));
        }
        try (Writer w =
            Files.newBufferedWriter(dir.resolve("metrics/metrics.prom"), StandardCharsets.UTF_8)) {
          BundleWriter.writeMetrics(ms, w);
        }
      }
      case MICROMETER -> ViewFormats.longCsv(r, dir.resolve("metrics/actuator.csv"));
      case OPENTELEMETRY -> ViewFormats.otlp(r, view.identity(), dir.resolve("metrics/otlp.json"));
    }
  }

  /** Removes {@code kind} from every span of a Zipkin file (spans then read as internal). */
  private static void stripKinds(Path file) throws IOException {
    var m = new com.fasterxml.jackson.databind.ObjectMapper();
    var arr = (com.fasterxml.jackson.databind.node.ArrayNode) m.readTree(file.toFile());
    for (var n : arr) {
      ((ObjectNode) n).remove("kind");
    }
    Files.writeString(file, m.writeValueAsString(arr), StandardCharsets.UTF_8);
  }
}
