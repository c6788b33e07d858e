package dev.warroom.store.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one OTLP/JSON export request (traces, logs or metrics, told apart by its {@code
 * resourceSpans}/{@code resourceLogs}/{@code resourceMetrics} array) into a bundle without an
 * alert, ready for {@code DuckDbStore.ingest(IncidentBundle)}: what an OTLP/HTTP receiver needs.
 * Problems are reported like bundle files: {@code source#/json/pointer: what}.
 */
public final class OtlpJsonImport {
  private OtlpJsonImport() {}

  public static IncidentBundle parse(byte[] json, String sourceName) {
    JsonNode doc;
    try {
      doc = ModelJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new InvalidInputException(JsonProblems.at(sourceName, e));
    }
    if (doc == null || !doc.isObject()) {
      throw new InvalidInputException(sourceName + "#: expected an OTLP/JSON object");
    }
    Format format;
    if (doc.has("resourceSpans")) {
      format = Format.OTLP_TRACES;
    } else if (doc.has("resourceLogs")) {
      format = Format.OTLP_LOGS;
    } else if (doc.has("resourceMetrics")) {
      format = Format.OTLP_METRICS;
    } else {
      throw new InvalidInputException(
          sourceName + "#: expected resourceSpans, resourceLogs or resourceMetrics");
    }
    Problems problems = new Problems();
    List<MetricSeries> metrics = new ArrayList<>();
    List<LogRecord> logs = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    TelemetrySink sink =
        new TelemetrySink() {
          @Override
          public void manifest(dev.warroom.model.BundleManifest m) {}

          @Override
          public void alert(dev.warroom.model.Alert a) {}

          @Override
          public void series(MetricSeries s) {
            metrics.add(s);
          }

          @Override
          public void log(LogRecord r) {
            logs.add(r);
          }

          @Override
          public void span(Span s) {
            spans.add(s);
          }

          @Override
          public void event(dev.warroom.model.Event e) {}

          @Override
          public void topology(dev.warroom.model.Topology t) {}

          @Override
          public void code(dev.warroom.model.SourceFile f) {}
        };
    ReadContext ctx =
        new ReadContext(
            null,
            Timestamps.UTC,
            problems,
            sink,
            new ReadContext.Counter(ProgressListener.NONE, 0));
    ctx.startFile(sourceName);
    OtlpJson.read(sourceName, doc, format, ctx);
    ctx.metrics.emit(sink, ctx.gate.finish());
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems.list());
    }
    return new IncidentBundle(null, null, metrics, logs, spans, List.of(), null, List.of());
  }
}
