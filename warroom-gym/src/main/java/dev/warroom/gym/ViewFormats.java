package dev.warroom.gym;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.warroom.gym.View.Identity;
import dev.warroom.model.SeriesKey;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Metric file formats of the views that the gym does not otherwise write (docs/bundles.md). */
final class ViewFormats {
  private ViewFormats() {}

  /** Long CSV {@code timestamp,series,value}, epoch-second timestamps, row by row in time. */
  static void longCsv(ViewMetrics.Resampled r, Path file) throws IOException {
    List<String> quoted = new ArrayList<>();
    for (SeriesKey k : r.keys()) {
      quoted.add("\"" + k.toString().replace("\"", "\"\"") + "\"");
    }
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
      StringBuilder sb = new StringBuilder(1 << 17);
      sb.append("timestamp,series,value\n");
      for (int t = 0; t < r.times().length; t++) {
        long ms = r.times()[t];
        String ts = ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
        for (int i = 0; i < quoted.size(); i++) {
          double v = r.values().get(i)[t];
          if (Double.isNaN(v)) {
            continue;
          }
          sb.append(ts).append(',').append(quoted.get(i)).append(',');
          WideCsv.number(sb, v);
          sb.append('\n');
        }
        if (sb.length() > 1 << 16) {
          w.write(sb.toString());
          sb.setLength(0);
        }
      }
      w.write(sb.toString());
    }
  }

  /**
   * OTLP/JSON metrics: one resource per service (its {@code service.name}) when the identity is the
   * service, else one resource without it and the identity as a data-point attribute; every series
   * a gauge, NaN samples left out.
   */
  static void otlp(ViewMetrics.Resampled r, Identity identity, Path file) throws IOException {
    // resource (service.name or "") -> metric name -> series indexes
    Map<String, Map<String, List<Integer>>> groups = new TreeMap<>();
    for (int i = 0; i < r.keys().size(); i++) {
      SeriesKey k = r.keys().get(i);
      String res = identity == Identity.SERVICE ? k.labels().getOrDefault("service.name", "") : "";
      groups
          .computeIfAbsent(res, x -> new TreeMap<>())
          .computeIfAbsent(k.name(), x -> new ArrayList<>())
          .add(i);
    }
    try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeArrayFieldStart("resourceMetrics");
      for (var res : groups.entrySet()) {
        g.writeStartObject();
        g.writeObjectFieldStart("resource");
        g.writeArrayFieldStart("attributes");
        if (!res.getKey().isEmpty()) {
          attribute(g, "service.name", res.getKey());
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("scopeMetrics");
        g.writeStartObject();
        g.writeObjectFieldStart("scope");
        g.writeStringField("name", "otrashi");
        g.writeEndObject();
        g.writeArrayFieldStart("metrics");
        for (var m : res.getValue().entrySet()) {
          g.writeStartObject();
          g.writeStringField("name", m.getKey());
          g.writeObjectFieldStart("gauge");
          g.writeArrayFieldStart("dataPoints");
          for (int i : m.getValue()) {
            SeriesKey k = r.keys().get(i);
            double[] v = r.values().get(i);
            for (int t = 0; t < v.length; t++) {
              if (Double.isNaN(v[t])) {
                continue;
              }
              g.writeStartObject();
              g.writeArrayFieldStart("attributes");
              for (var l : k.labels().entrySet()) {
                if (!(identity == Identity.SERVICE && l.getKey().equals("service.name"))) {
                  attribute(g, l.getKey(), l.getValue());
                }
              }
              g.writeEndArray();
              g.writeStringField("timeUnixNano", r.times()[t] + "000000");
              g.writeNumberField("asDouble", v[t]);
              g.writeEndObject();
            }
          }
          g.writeEndArray();
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void attribute(JsonGenerator g, String key, String value) throws IOException {
    g.writeStartObject();
    g.writeStringField("key", key);
    g.writeObjectFieldStart("value");
    g.writeStringField("stringValue", value);
    g.writeEndObject();
    g.writeEndObject();
  }
}
