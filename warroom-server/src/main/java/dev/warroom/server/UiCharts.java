package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
    if (reportJson == null) {
      return "";
    }
    JsonNode report;
    try {
      report = JSON.readTree(reportJson);
    } catch (IOException e) {
      throw new UncheckedIOException("stored report is not JSON", e);
    }
    ArrayNode data = JSON.createArrayNode();
    StringBuilder figures = new StringBuilder();
    for (JsonNode e : report.path("evidence")) {
      if (!e.path("chart").isObject()) {
        continue;
      }
      String host = "chart-" + data.size();
      ObjectNode item = data.addObject();
      item.put("host", host);
      item.put("id", e.path("id").asText());
      item.set("chart", e.get("chart"));
      figures.append("<figure class=chart-fig><figcaption><b>");
      figures.append(UiPages.esc(e.path("id").asText())).append("</b> <code>");
      figures.append(UiPages.esc(e.path("chart").path("series").asText())).append("</code>: ");
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
        + "<p>Shaded blue: baseline band; red: anomalous window. Hover for values, drag to zoom,"
        + " double-click to reset.</p>"
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
