package dev.warroom.store.bundle;

import dev.warroom.model.Event;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link IncidentBundle} as a bundle folder in the canonical formats (docs/bundles.md):
 * {@code metrics/metrics.prom} (Prometheus text with millisecond timestamps), {@code
 * logs/logs.jsonl}, {@code traces/traces.json} (Zipkin v2), {@code events/kubernetes.json} (an
 * EventList) and {@code events/changes.jsonl}, {@code alert.json} (see {@link AlertParser#toJson}),
 * {@code topology.json}, {@code code/<service>/<path>}, {@code db/<component>/…} (database
 * statistics) and {@code manifest.json}. Text is built in large buffers and streamed; no object
 * trees per record, so millions of records take seconds.
 *
 * <p>Zipkin carries microseconds: span times are truncated to microseconds. Everything else reads
 * back equal.
 */
public final class BundleWriter {
  private static final int FLUSH_AT = 1 << 16;

  private BundleWriter() {}

  public static void write(IncidentBundle b, Path dir) {
    try {
      Files.createDirectories(dir);
      writeJson(
          dir.resolve("manifest.json"), ModelJson.manifestToJson(b.manifest()).toPrettyString());
      if (b.alert() != null) {
        writeJson(dir.resolve("alert.json"), AlertParser.toJson(b.alert()).toPrettyString());
      }
      if (!b.metrics().isEmpty()) {
        try (Writer w = open(dir.resolve("metrics/metrics.prom"))) {
          writeMetrics(b.metrics(), w);
        }
      }
      if (!b.logs().isEmpty()) {
        try (Writer w = open(dir.resolve("logs/logs.jsonl"))) {
          writeLogs(b.logs(), w);
        }
      }
      if (!b.spans().isEmpty()) {
        try (Writer w = open(dir.resolve("traces/traces.json"))) {
          writeSpans(b.spans(), w);
        }
      }
      writeEvents(b.events(), dir);
      if (!b.topology().isEmpty() || !b.topology().instances().isEmpty()) {
        writeJson(
            dir.resolve("topology.json"), ModelJson.topologyToJson(b.topology()).toPrettyString());
      }
      for (SourceFile f : b.code()) {
        Path p = dir.resolve("code").resolve(f.service()).resolve(f.path()).normalize();
        if (!p.startsWith(dir.resolve("code"))) {
          throw new IllegalArgumentException("code path escapes the bundle: " + f.path());
        }
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.content(), StandardCharsets.UTF_8);
      }
      DatabaseFiles.write(b.databases(), dir);
    } catch (IOException e) {
      throw new UncheckedIOException("writing bundle " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writeJson(Path p, String json) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, json + "\n", StandardCharsets.UTF_8);
  }

  static Writer open(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8), 1 << 16);
  }

  /** Prometheus text exposition lines {@code series value timestamp_ms}, series by series. */
  public static void writeMetrics(List<MetricSeries> metrics, Writer w) throws IOException {
    StringBuilder sb = new StringBuilder(FLUSH_AT + 1024);
    for (MetricSeries s : metrics) {
      String key = s.key().toString();
      for (int i = 0; i < s.size(); i++) {
        sb.append(key).append(' ');
        appendValue(sb, s.valueAt(i));
        sb.append(' ').append(s.timestampAt(i)).append('\n');
        if (sb.length() > FLUSH_AT) {
          w.append(sb);
          sb.setLength(0);
        }
      }
    }
    w.append(sb);
  }

  static void appendValue(StringBuilder sb, double v) {
    if (Double.isNaN(v)) {
      sb.append("NaN");
    } else if (Double.isInfinite(v)) {
      sb.append(v > 0 ? "+Inf" : "-Inf");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      sb.append((long) v);
    } else {
      sb.append(v);
    }
  }

  /** JSON lines {@code ts, service, level, message, attributes, trace_id, span_id}. */
  public static void writeLogs(Iterable<LogRecord> logs, Writer w) throws IOException {
    StringBuilder sb = new StringBuilder(FLUSH_AT + 4096);
    for (LogRecord r : logs) {
      sb.append("{\"ts\":\"");
      Rfc3339.format(sb, r.timestamp());
      sb.append("\",\"service\":");
      JsonText.quote(sb, r.service());
      sb.append(",\"level\":\"").append(r.severity().name()).append("\",\"message\":");
      JsonText.quote(sb, r.body());
      if (!r.attributes().isEmpty()) {
        sb.append(",\"attributes\":");
        appendMap(sb, r.attributes());
      }
      if (r.traceId() != null) {
        sb.append(",\"trace_id\":");
        JsonText.quote(sb, r.traceId());
      }
      if (r.spanId() != null) {
        sb.append(",\"span_id\":");
        JsonText.quote(sb, r.spanId());
      }
      sb.append("}\n");
      if (sb.length() > FLUSH_AT) {
        w.append(sb);
        sb.setLength(0);
      }
    }
    w.append(sb);
  }

  /**
   * A map's entries in key order: the order a map iterates in ({@code Map.of} differs per JVM run)
   * must not reach a file, or one gym seed gives different bytes in two processes.
   */
  static Iterable<Map.Entry<String, String>> byKey(Map<String, String> m) {
    if (m instanceof java.util.SortedMap<String, String> sorted && sorted.comparator() == null) {
      return sorted.entrySet();
    }
    List<Map.Entry<String, String>> l = new ArrayList<>(m.entrySet());
    l.sort(Map.Entry.comparingByKey());
    return l;
  }

  private static void appendMap(StringBuilder sb, Map<String, String> m) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : byKey(m)) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      JsonText.quote(sb, e.getKey());
      sb.append(':');
      JsonText.quote(sb, e.getValue());
    }
    sb.append('}');
  }

  /**
   * A Zipkin v2 span array. Status follows the OpenTelemetry Zipkin mapping: {@code
   * otel.status_code} tag, plus the {@code error} tag for errors; span events become annotations
   * whose value is {@code "name":{attributes}} when they have attributes.
   */
  public static void writeSpans(Iterable<Span> spans, Writer w) throws IOException {
    StringBuilder sb = new StringBuilder(FLUSH_AT + 4096);
    sb.append("[\n");
    boolean first = true;
    for (Span s : spans) {
      if (!first) {
        sb.append(",\n");
      }
      first = false;
      sb.append("{\"traceId\":\"").append(s.traceId()).append("\",\"id\":\"").append(s.spanId());
      sb.append('"');
      if (s.parentSpanId() != null) {
        sb.append(",\"parentId\":\"").append(s.parentSpanId()).append('"');
      }
      sb.append(",\"name\":");
      JsonText.quote(sb, s.operation());
      if (s.kind() != SpanKind.INTERNAL) {
        sb.append(",\"kind\":\"").append(s.kind().name()).append('"');
      }
      sb.append(",\"timestamp\":").append(micros(s.start()));
      sb.append(",\"duration\":").append(s.duration().toNanos() / 1000);
      sb.append(",\"localEndpoint\":{\"serviceName\":");
      JsonText.quote(sb, s.service());
      sb.append('}');
      if (!s.events().isEmpty()) {
        sb.append(",\"annotations\":[");
        for (int i = 0; i < s.events().size(); i++) {
          SpanEvent e = s.events().get(i);
          sb.append(i == 0 ? "" : ",").append("{\"timestamp\":").append(micros(e.timestamp()));
          sb.append(",\"value\":");
          if (e.attributes().isEmpty()) {
            JsonText.quote(sb, e.name());
          } else {
            StringBuilder v = new StringBuilder();
            JsonText.quote(v, e.name());
            v.append(':');
            appendMap(v, e.attributes());
            JsonText.quote(sb, v.toString());
          }
          sb.append('}');
        }
        sb.append(']');
      }
      List<Map.Entry<String, String>> tags = new ArrayList<>();
      byKey(s.attributes()).forEach(tags::add);
      if (s.status() != SpanStatus.UNSET) {
        tags.add(Map.entry("otel.status_code", s.status().name()));
      }
      if (s.status() == SpanStatus.ERROR && !s.attributes().containsKey("error")) {
        tags.add(Map.entry("error", ""));
      }
      if (!tags.isEmpty()) {
        sb.append(",\"tags\":{");
        for (int i = 0; i < tags.size(); i++) {
          sb.append(i == 0 ? "" : ",");
          JsonText.quote(sb, tags.get(i).getKey());
          sb.append(':');
          JsonText.quote(sb, tags.get(i).getValue());
        }
        sb.append('}');
      }
      sb.append('}');
      if (sb.length() > FLUSH_AT) {
        w.append(sb);
        sb.setLength(0);
      }
    }
    sb.append("\n]\n");
    w.append(sb);
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  private static void writeEvents(List<Event> events, Path dir) throws IOException {
    List<KubernetesEvent> k8s = new ArrayList<>();
    List<Event> changes = new ArrayList<>();
    for (Event e : events) {
      if (e instanceof KubernetesEvent k) {
        k8s.add(k);
      } else {
        changes.add(e);
      }
    }
    if (!k8s.isEmpty()) {
      writeJson(
          dir.resolve("events/kubernetes.json"),
          KubernetesEvents.toEventList(k8s).toPrettyString());
    }
    if (!changes.isEmpty()) {
      try (Writer w = open(dir.resolve("events/changes.jsonl"))) {
        for (Event e : changes) {
          w.write(EventJson.eventToJson(e).toString());
          w.write('\n');
        }
      }
    }
  }

  private static Iterable<Map.Entry<String, String>> sorted(Map<String, String> m) {
    if (m.size() < 2) {
      return m.entrySet();
    }
    return new java.util.TreeMap<>(m).entrySet();
  }
}
