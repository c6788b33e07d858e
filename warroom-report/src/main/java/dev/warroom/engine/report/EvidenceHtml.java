package dev.warroom.engine.report;

import static dev.warroom.engine.report.Html.escape;

import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.RcaReport;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The evidence parts of the HTML report: metric charts, supporting log lines and spans, and the
 * drill-down of every evidence item with its query, rendered queries, code reference and rows.
 */
final class EvidenceHtml {
  /** Log lines / spans shown per item in the supporting section (all are in the drill-down). */
  static final int SUPPORTING_ROWS = 12;

  private EvidenceHtml() {}

  static void charts(RcaReport r, StringBuilder h) {
    h.append("<section id=\"charts\">\n<h2>Supporting metric charts</h2>\n");
    List<Evidence> charts = r.evidence().stream().filter(e -> e.chart() != null).toList();
    if (charts.isEmpty()) {
      h.append("<p class=\"muted\">No metric chart in the evidence.</p>\n");
    }
    for (Evidence e : charts) {
      h.append("<figure>\n")
          .append(SvgChart.render(e.chart()))
          .append("\n<figcaption>")
          .append(Html.link(e.id()))
          .append(" <code>")
          .append(escape(e.chart().key().toString()))
          .append("</code>: ")
          .append(escape(e.summary()))
          .append("</figcaption>\n</figure>\n");
    }
    h.append("</section>\n");
  }

  static void supporting(RcaReport r, StringBuilder h) {
    h.append("<section id=\"supporting\">\n<h2>Supporting log lines and spans</h2>\n");
    Set<EvidenceKind> kinds = Set.of(EvidenceKind.LOG, EvidenceKind.TRACE);
    List<Evidence> items =
        r.evidence().stream().filter(e -> kinds.contains(e.kind()) && !e.rows().isEmpty()).toList();
    if (items.isEmpty()) {
      h.append("<p class=\"muted\">No log lines or spans in the evidence.</p>\n");
    }
    for (Evidence e : items) {
      h.append("<h3>")
          .append(Html.link(e.id()))
          .append(" ")
          .append(e.kind() == EvidenceKind.LOG ? "log lines" : "spans")
          .append(" — ")
          .append(escape(e.summary()))
          .append("</h3>\n<pre>")
          .append(
              escape(
                  String.join(
                      "\n", e.rows().subList(0, Math.min(SUPPORTING_ROWS, e.rows().size())))))
          .append("</pre>\n");
    }
    h.append("</section>\n");
  }

  static void drillDown(RcaReport r, StringBuilder h) {
    h.append("<section id=\"evidence\">\n<h2>Evidence</h2>\n");
    for (Evidence e : r.evidence()) {
      h.append("<details id=\"")
          .append(Html.anchor(e.id()))
          .append("\">\n<summary><b>")
          .append(escape(e.id()))
          .append("</b> · ")
          .append(Text.lower(e.kind()))
          .append(" · ")
          .append(escape(e.source()))
          .append(" — ")
          .append(escape(e.summary()))
          .append("</summary>\n");
      if (!e.query().isEmpty()) {
        h.append("<p>Query that ran:</p>\n<pre>").append(escape(e.query())).append("</pre>\n");
      }
      new TreeMap<>(e.renderedQueries())
          .forEach(
              (dialect, q) ->
                  h.append("<p>As ")
                      .append(escape(dialect))
                      .append(":</p>\n<pre>")
                      .append(escape(q))
                      .append("</pre>\n"));
      if (e.code() != null) {
        h.append("<p>Code: <code>").append(escape(e.code().toString())).append("</code>");
        if (!e.code().repository().isEmpty()) {
          h.append(" in ").append(escape(e.code().repository()));
        }
        if (e.code().commit() != null) {
          h.append(" at ").append(escape(e.code().commit()));
        }
        h.append("</p>\n");
      }
      if (!e.entities().isEmpty()) {
        Html.list(h, "Entities", e.entities());
      }
      if (!e.rows().isEmpty()) {
        h.append("<table>\n<tr><th>#</th><th>row</th></tr>\n");
        for (int i = 0; i < e.rows().size(); i++) {
          h.append("<tr><td>")
              .append(i + 1)
              .append("</td><td><code>")
              .append(escape(e.rows().get(i)))
              .append("</code></td></tr>\n");
        }
        h.append("</table>\n");
      }
      h.append("</details>\n");
    }
    h.append("</section>\n");
  }
}
