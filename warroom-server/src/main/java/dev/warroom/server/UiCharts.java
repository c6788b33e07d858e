package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The incident page's interactive charts: every metric chart of the report's JSON evidence, drawn
 * in the browser by {@code ui/charts.js} (hover read-out, drag-to-zoom, baseline band, anomalous
 * window; no library and no network, so the UI works offline), each with its evidence drill-down:
 * the query that ran, its renderings per dialect, and the rows it returned.
 */
final class UiCharts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCRIPT = resource("ui/charts.js");
  private static final String STYLE =
      "<style>.ichart{background:#fff;cursor:crosshair;user-select:none;max-width:100%}"
          + ".ichart .plot{fill:#fafafa;stroke:#ccc}.ichart .band{fill:#cfe3f7;stroke:none}"
          + ".ichart .anomaly{fill:#f9d0cc;opacity:.7}.ichart .series{fill:none;stroke:#1f5fa8;"
          + "stroke-width:1.5}.ichart .cursor{stroke:#555;stroke-dasharray:3 3}"
          + ".ichart .dot{fill:#c0392b}.ichart .selection{fill:#1f5fa8;opacity:.15}"
          + ".ichart .axis{font:11px system-ui,sans-serif;fill:#555}"
          + ".chart-bar{display:flex;gap:1em;align-items:center;font:12px monospace;"
          + "min-height:1.6em}.chart-fig{margin:1em 0 2em 0}"
          + ".drill pre{background:#f4f4f4;padding:6px;white-space:pre-wrap}</style>";

  private UiCharts() {}

  /** The charts section for a report's JSON, or an empty string when it has no chart. */
  static String section(String reportJson) {
    return section(reportJson == null ? null : parse(reportJson));
  }

  static JsonNode parse(String reportJson) {
    try {
      return JSON.readTree(reportJson);
    } catch (IOException e) {
      throw new UncheckedIOException("stored report is not JSON", e);
    }
  }

  /**
   * The relevance of a chart to the report's top candidate: 0 when it is the top candidate's own
   * evidence or its series names the top candidate's service, 1 when another candidate cites it, 2
   * otherwise. Charts are shown in this order (stable within a rank: the report's order).
   */
  static int relevance(JsonNode report, JsonNode evidence) {
    JsonNode candidates = report.path("candidates");
    String id = evidence.path("id").asText();
    for (int i = 0; i < candidates.size(); i++) {
      JsonNode c = candidates.get(i);
      boolean cites = false;
      for (JsonNode e : c.path("evidence")) {
        cites |= e.asText().equals(id);
      }
      if (i == 0) {
        String service = c.path("service").asText();
        JsonNode labels = evidence.path("chart").path("labels");
        boolean own = false;
        for (var label : labels.properties()) {
          own |= label.getValue().asText().equals(service);
        }
        if (cites || own) {
          return 0;
        }
      } else if (cites) {
        return 1;
      }
    }
    return 2;
  }

  /**
   * The unit of a metric from its name, by the Prometheus naming conventions (a base-unit suffix;
   * {@code _total} counters shown as rates), or "value" when the name says none.
   */
  static String unit(String metric) {
    String m = metric.toLowerCase(java.util.Locale.ROOT);
    if (m.endsWith("_total") || m.endsWith("_count")) {
      return "per second";
    }
    if (m.endsWith("_seconds") || m.contains("_seconds_")) {
      return "seconds";
    }
    if (m.endsWith("_ms") || m.endsWith("_milliseconds")) {
      return "milliseconds";
    }
    if (m.endsWith("_bytes") || m.contains("_bytes_")) {
      return "bytes";
    }
    if (m.endsWith("_ratio") || m.endsWith("_utilization") || m.endsWith("_usage")) {
      return "ratio (0..1)";
    }
    if (m.endsWith("_percent") || m.endsWith("_pct")) {
      return "percent";
    }
    if (m.endsWith("_per_second") || m.endsWith("_rate")) {
      return "per second";
    }
    return "value";
  }

  /** The charts section of a parsed report, charts ordered by {@link #relevance}. */
  static String section(JsonNode report) {
    if (report == null) {
      return "";
    }
    ArrayNode data = JSON.createArrayNode();
    StringBuilder figures = new StringBuilder();
    List<JsonNode> charts = new java.util.ArrayList<>();
    for (JsonNode e : report.path("evidence")) {
      if (e.path("chart").isObject()) {
        charts.add(e);
      }
    }
    charts.sort(java.util.Comparator.comparingInt(e -> relevance(report, e)));
    for (JsonNode e : charts) {
      String host = "chart-" + data.size();
      String unit = unit(e.path("chart").path("metric").asText(""));
      ObjectNode item = data.addObject();
      item.put("host", host);
      item.put("id", e.path("id").asText());
      ObjectNode chart = ((ObjectNode) e.get("chart")).deepCopy();
      chart.put("unit", unit);
      item.set("chart", chart);
      figures.append("<figure class=chart-fig data-relevance=").append(relevance(report, e));
      figures.append("><figcaption><b>");
      figures.append(UiPages.esc(e.path("id").asText())).append("</b> <code>");
      figures.append(UiPages.esc(e.path("chart").path("series").asText())).append("</code> ");
      figures.append("<span class=unit>[").append(UiPages.esc(unit)).append("]</span>: ");
      figures.append(UiPages.esc(e.path("summary").asText())).append("</figcaption>");
      figures.append("<div class=chart-host id=").append(host).append("></div>");
      drillDown(e, figures);
      figures.append("</figure>");
    }
    if (data.isEmpty()) {
      return "";
    }
    return STYLE
        + "<section id=charts><h2>Metric charts</h2>"
        + "<p>Most relevant to the top candidate first. Shaded blue: baseline band; red:"
        + " anomalous window. Hover for values, drag to zoom, double-click to reset.</p>"
        + figures
        + "</section><script type=application/json id=chart-data>"
        // "<" escaped so that no "</script>" inside a string can end the element
        + data.toString().replace("<", "\\u003c")
        + "</script><script>"
        + SCRIPT
        + "</script>";
  }

  private static void drillDown(JsonNode e, StringBuilder h) {
    h.append("<details class=drill><summary>Query and rows</summary>");
    String query = e.path("query").asText("");
    if (!query.isEmpty()) {
      h.append("<p>Query that ran:</p><pre class=query>")
          .append(UiPages.esc(query))
          .append("</pre>");
    }
    e.path("renderedQueries")
        .properties()
        .forEach(
            q ->
                h.append("<p>As ")
                    .append(UiPages.esc(q.getKey()))
                    .append(":</p><pre>")
                    .append(UiPages.esc(q.getValue().asText()))
                    .append("</pre>"));
    JsonNode rows = e.path("rows");
    h.append("<table class=rows><tr><th>#</th><th>row</th></tr>");
    for (int i = 0; i < rows.size(); i++) {
      h.append("<tr><td>")
          .append(i + 1)
          .append("</td><td><code>")
          .append(UiPages.esc(rows.get(i).asText()))
          .append("</code></td></tr>");
    }
    h.append("</table></details>");
  }

  private static String resource(String name) {
    try (InputStream in = UiCharts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
