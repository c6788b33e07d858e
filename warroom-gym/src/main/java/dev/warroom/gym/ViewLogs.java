package dev.warroom.gym;

import dev.warroom.gym.View.LogLayout;
import dev.warroom.model.LogRecord;
import dev.warroom.store.bundle.BundleWriter;
import dev.warroom.store.bundle.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a view's logs in one of the layouts real exports use, each one the bundle reader accepts
 * (docs/bundles.md): the gym's JSON lines; JSON lines with other field names; JSON lines without a
 * level; Filebeat-style lines whose {@code message} is the application's own JSON line, one file
 * per service; plain text with a line pattern declared in the manifest, one file per service.
 */
final class ViewLogs {
  private ViewLogs() {}

  /** The line pattern of {@link LogLayout#PLAIN_PATTERN} files, as declared in the manifest. */
  static final String PATTERN =
      "pattern:(?<ts>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) (?<level>[A-Z]+) +\\[(?<pod>[^\\]]*)\\] (?<message>.*)";

  private static final DateTimeFormatter PLAIN_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /**
   * Writes the logs; returns the manifest format declarations the files need (file → format), empty
   * when the layout's files are recognised by their extension.
   */
  static Map<String, String> write(List<LogRecord> logs, LogLayout layout, Path dir) {
    Map<String, String> formats = new TreeMap<>();
    if (logs.isEmpty()) {
      return formats;
    }
    try {
      Files.createDirectories(dir.resolve("logs"));
      switch (layout) {
        case GYM_JSON -> {
          try (Writer w = writer(dir.resolve("logs/logs.jsonl"))) {
            BundleWriter.writeLogs(logs, w);
          }
        }
        case OTHER_JSON_FIELDS, NO_LEVEL -> {
          try (Writer w = writer(dir.resolve("logs/app.ndjson"))) {
            StringBuilder sb = new StringBuilder();
            for (LogRecord r : logs) {
              line(sb, r, layout);
              flush(sb, w, false);
            }
            flush(sb, w, true);
          }
        }
        case JSON_IN_JSON -> perService(logs, dir, ".jsonl", ViewLogs::wrapped);
        case PLAIN_PATTERN -> {
          for (String svc : perService(logs, dir, ".log", ViewLogs::plain)) {
            formats.put("logs/" + svc + ".log", PATTERN);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing logs to " + dir + ": " + e.getMessage(), e);
    }
    return formats;
  }

  private interface LineFormat {
    void append(StringBuilder sb, LogRecord r);
  }

  /** One file per service, lines in time order; returns the services written. */
  private static java.util.Set<String> perService(
      List<LogRecord> logs, Path dir, String ext, LineFormat f) throws IOException {
    Map<String, StringBuilder> bySvc = new TreeMap<>();
    for (LogRecord r : logs) {
      f.append(bySvc.computeIfAbsent(r.service(), s -> new StringBuilder()), r);
    }
    for (var e : bySvc.entrySet()) {
      try (Writer w = writer(dir.resolve("logs/" + e.getKey() + ext))) {
        w.append(e.getValue());
      }
    }
    return bySvc.keySet();
  }

  private static void line(StringBuilder sb, LogRecord r, LogLayout layout) {
    if (layout == LogLayout.OTHER_JSON_FIELDS) {
      sb.append("{\"@timestamp\":");
      JsonText.quote(sb, r.timestamp().toString());
      sb.append(",\"service.name\":");
      JsonText.quote(sb, r.service());
      sb.append(",\"severity\":");
      JsonText.quote(sb, r.severity().name().toLowerCase(java.util.Locale.ROOT));
      sb.append(",\"msg\":");
      JsonText.quote(sb, r.body());
      new TreeMap<>(r.attributes())
          .forEach(
              (k, v) -> {
                sb.append(",\"k8s.").append(k).append("\":");
                JsonText.quote(sb, v);
              });
      if (r.traceId() != null) {
        sb.append(",\"traceId\":");
        JsonText.quote(sb, r.traceId());
      }
      if (r.spanId() != null) {
        sb.append(",\"spanId\":");
        JsonText.quote(sb, r.spanId());
      }
    } else {
      sb.append("{\"time\":").append(r.timestamp().toEpochMilli());
      sb.append(",\"service\":");
      JsonText.quote(sb, r.service());
      sb.append(",\"message\":");
      JsonText.quote(sb, r.body());
      if (r.traceId() != null) {
        sb.append(",\"trace_id\":");
        JsonText.quote(sb, r.traceId());
      }
    }
    sb.append("}\n");
  }

  /** Filebeat-style: the container line's {@code message} holds the application's JSON line. */
  private static void wrapped(StringBuilder sb, LogRecord r) {
    StringBuilder inner = new StringBuilder("{\"level\":");
    JsonText.quote(inner, r.severity().name().toLowerCase(java.util.Locale.ROOT));
    inner.append(",\"msg\":");
    JsonText.quote(inner, r.body());
    if (r.traceId() != null) {
      inner.append(",\"trace_id\":");
      JsonText.quote(inner, r.traceId());
    }
    inner.append('}');
    sb.append("{\"@timestamp\":");
    JsonText.quote(sb, r.timestamp().toString());
    sb.append(",\"stream\":\"stdout\",\"message\":");
    JsonText.quote(sb, inner.toString());
    String pod = r.attributes().get("pod");
    if (pod != null) {
      sb.append(",\"kubernetes.pod.name\":");
      JsonText.quote(sb, pod);
    }
    sb.append("}\n");
  }

  /**
   * {@code 2026-03-02 10:00:01.123 ERROR [cart-7d9f-x2x9q] message}; multi-line bodies continue.
   */
  private static void plain(StringBuilder sb, LogRecord r) {
    PLAIN_TS.formatTo(r.timestamp(), sb);
    sb.append(' ').append(r.severity().name()).append(" [");
    sb.append(r.attributes().getOrDefault("pod", "")).append("] ");
    sb.append(r.body()).append('\n');
  }

  private static Writer writer(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  private static void flush(StringBuilder sb, Writer w, boolean always) throws IOException {
    if (always || sb.length() > 1 << 16) {
      w.append(sb);
      sb.setLength(0);
    }
  }
}
