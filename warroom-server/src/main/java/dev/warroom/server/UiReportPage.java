package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.Alert;
import java.util.List;
import java.util.Locale;

/**
 * The incident page, verdict first: the verdict and the top root-cause candidate open the page
 * (inside the first screen), with the alert's links (its {@code generatorURL}, {@code runbook_url}
 * and the configured dashboards) and, for roles that may, re-run and feedback; then the other
 * candidates, the metric charts ordered by relevance to the top candidate, and the evidence. The
 * page is rendered from the report's JSON (no iframe); the full HTML and Markdown reports are
 * linked.
 */
final class UiReportPage {
  private UiReportPage() {}

  static final String STYLE =
      "<style>#verdict{border:2px solid #888;border-radius:6px;padding:.6em 1em;margin:.5em 0}"
          + "#verdict.root_cause_found{border-color:#b03a2e;background:#fdf2f1}"
          + "#verdict.inconclusive{border-color:#b9770e;background:#fef9e7}"
          + "#verdict.no_fault{border-color:#1e8449;background:#eafaf1}"
          + ".verdict-word{font-size:1.4em;font-weight:bold;text-transform:uppercase}"
          + "#top-candidate{font-size:1.25em}.links a{margin-right:1em}"
          + ".muted{color:#666}h1{margin:.2em 0;font-size:1.4em}</style>";

  /** What the page shows besides the incident. */
  record Context(
      Alert alert,
      JsonNode report,
      List<Feedback> feedback,
      boolean responder,
      String csrf,
      List<ServerConfig.Dashboard> dashboards,
      List<IncidentRepository.RelatedAlert> related,
      JsonNode similar,
      JsonNode answer) {
    /** The page without similar incidents or an answer to a question. */
    Context(
        Alert alert,
        JsonNode report,
        List<Feedback> feedback,
        boolean responder,
        String csrf,
        List<ServerConfig.Dashboard> dashboards,
        List<IncidentRepository.RelatedAlert> related) {
      this(alert, report, feedback, responder, csrf, dashboards, related, null, null);
    }
  }

  static String render(Incident i, Context c) {
    String state = i.state().name().toLowerCase(Locale.ROOT);
    JsonNode report = c.report();
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html><head><meta charset=utf-8><title>")
        .append(UiPages.esc(i.title()))
        .append("</title>")
        .append(UiPages.STYLE)
        .append(STYLE)
        .append("</head><body><p><a href=/ui>all incidents</a></p><h1>")
        .append(UiPages.esc(i.title()))
        .append("</h1>");
    verdict(b, i, state, report);
    links(b, i, c);
    if (c.responder()) {
      b.append("<form method=post action=\"/ui/incidents/")
          .append(UiPages.esc(i.id()))
          .append("/rerun\" class=rerun><input type=hidden name=csrf value=\"")
          .append(UiPages.esc(c.csrf() == null ? "" : c.csrf()))
          .append("\"><button id=rerun>Re-run investigation</button></form>");
    }
    if (!c.related().isEmpty()) {
      b.append("<section id=related><h2>Related alerts grouped here</h2><ul>");
      for (IncidentRepository.RelatedAlert r : c.related()) {
        b.append("<li>")
            .append(UiPages.esc(r.title()))
            .append(" <span class=muted>")
            .append(UiPages.esc(r.service()))
            .append(" · ")
            .append(r.at())
            .append("</span></li>");
      }
      b.append("</ul></section>");
    }
    if (report != null) {
      candidates(b, report);
    }
    b.append(UiPages.feedbackSection(i, c.feedback(), c.responder()));
    similar(b, c.similar());
    if (report != null) {
      ask(b, i, c);
    }
    if (report != null) {
      b.append(UiCharts.section(report));
      evidence(b, report);
      b.append("<p class=muted>Full report: <a href=\"/api/v1/incidents/")
          .append(UiPages.esc(i.id()))
          .append("/report?format=html\">HTML</a> · <a href=\"/api/v1/incidents/")
          .append(UiPages.esc(i.id()))
          .append("/report?format=md\">Markdown</a> · <a href=\"/api/v1/incidents/")
          .append(UiPages.esc(i.id()))
          .append("/report\">JSON</a></p>");
    } else {
      b.append("<p>No report yet.</p><meta http-equiv=refresh content=3>");
    }
    return b.append("</body></html>").toString();
  }

  /**
   * The past incidents most like this one ({@link SimilarIncidentsApi}), each linked, with its
   * verdict, top cause, similarity and the feedback people gave it.
   */
  private static void similar(StringBuilder b, JsonNode similar) {
    if (similar == null || !similar.isArray() || similar.isEmpty()) {
      return;
    }
    b.append("<section id=similar><h2>Similar past incidents</h2><ul>");
    for (JsonNode n : similar) {
      String id = n.path("incidentId").asText();
      b.append("<li><a href=\"/ui/incidents/")
          .append(UiPages.esc(id))
          .append("\">")
          .append(UiPages.esc(n.path("title").asText(id)))
          .append("</a> <span class=muted>")
          .append(Math.round(n.path("similarity").asDouble() * 100))
          .append("% alike · ")
          .append(UiPages.esc(n.path("verdict").asText("").replace('_', ' ')));
      if (!n.path("topCause").asText("").isEmpty()) {
        b.append(" · ").append(UiPages.esc(n.path("topCause").asText()));
      }
      b.append("</span>");
      for (JsonNode f : n.path("feedback")) {
        b.append("<br><span class=muted>feedback: ")
            .append(UiPages.esc(f.asText()))
            .append("</span>");
      }
      b.append("</li>");
    }
    b.append("</ul></section>");
  }

  /**
   * A follow-up question about this incident, answered by the configured LLM from its report only
   * (docs/assist.md); the answer of the last question asked, with the sentences the evidence check
   * dropped.
   */
  private static void ask(StringBuilder b, Incident i, Context c) {
    b.append("<section id=ask><h2>Ask about this incident</h2>");
    JsonNode a = c.answer();
    if (a != null) {
      b.append("<p class=muted>Q: ")
          .append(UiPages.esc(a.path("question").asText()))
          .append("</p>");
      if (!a.path("error").asText("").isEmpty()) {
        b.append("<p id=answer-error>")
            .append(UiPages.esc(a.path("error").asText()))
            .append("</p>");
      } else {
        b.append("<p id=answer>").append(UiPages.esc(a.path("answer").asText())).append("</p>");
        for (JsonNode d : a.path("dropped")) {
          b.append("<p class=muted>dropped (not supported by the evidence): ")
              .append(UiPages.esc(d.path("sentence").asText()))
              .append("</p>");
        }
      }
    }
    b.append("<form method=post action=\"/ui/incidents/")
        .append(UiPages.esc(i.id()))
        .append("/ask\"><input type=hidden name=csrf value=\"")
        .append(UiPages.esc(c.csrf() == null ? "" : c.csrf()))
        .append("\"><input name=question size=60 maxlength=")
        .append(AskEndpoint.MAX_QUESTION_CHARS)
        .append(" placeholder=\"why not the database?\"> <button id=ask-button>Ask</button></form>")
        .append("<p class=muted>Answered by the configured LLM from this report only; sentences")
        .append(" the evidence does not hold are dropped.</p></section>");
  }

  private static void verdict(StringBuilder b, Incident i, String state, JsonNode report) {
    String verdict = report == null ? null : report.path("verdict").asText(null);
    b.append("<section id=verdict class=\"")
        .append(UiPages.esc(verdict == null ? state : verdict))
        .append("\"><div><span class=verdict-word id=verdict-word>")
        .append(UiPages.esc(verdict == null ? state : verdict.replace('_', ' ')))
        .append("</span> <span class=muted>investigation <span id=state class=")
        .append(state)
        .append(">")
        .append(state)
        .append("</span></span></div>");
    JsonNode top = report == null ? null : report.path("candidates").path(0);
    if (top != null && !top.isMissingNode()) {
      b.append("<div id=top-candidate>Top candidate: <b>")
          .append(UiPages.esc(top.path("service").asText()))
          .append("</b>")
          .append(
              top.path("component").asText("").isEmpty()
                      || top.path("component").asText().equals(top.path("service").asText())
                  ? ""
                  : " (" + UiPages.esc(top.path("component").asText()) + ")")
          .append(" — ")
          .append(UiPages.esc(top.path("faultClass").asText()))
          .append(", confidence <b>")
          .append(Math.round(top.path("confidence").asDouble() * 100))
          .append("%</b></div>");
    } else if (report != null) {
      b.append("<div id=top-candidate>Top candidate: none named</div>");
    }
    if (report != null) {
      b.append("<p id=summary>")
          .append(UiPages.esc(report.path("summary").asText()))
          .append("</p>");
    }
    if (i.error() != null) {
      b.append("<p class=failed>").append(UiPages.esc(i.error())).append("</p>");
    }
    b.append("</section>");
  }

  private static void links(StringBuilder b, Incident i, Context c) {
    Alert a = c.alert();
    b.append("<p class=links id=links><span class=muted>")
        .append(UiPages.esc(a == null ? i.service() : a.service()))
        .append(a == null ? "" : " · severity " + UiPages.esc(a.severity()))
        .append(" · alert ")
        .append(UiPages.esc(i.alertStatus()))
        .append(a == null ? "" : " since " + a.startsAt())
        .append("</span> ");
    if (a != null) {
      link(b, "generator", "alert source", a.annotations().get("generatorURL"));
      String runbook = a.annotations().get("runbook_url");
      link(b, "runbook", "runbook", runbook == null ? a.labels().get("runbook_url") : runbook);
    }
    JsonNode top = c.report() == null ? null : c.report().path("candidates").path(0);
    String service =
        top != null && top.hasNonNull("service")
            ? top.get("service").asText()
            : a == null ? i.service() : a.service();
    for (ServerConfig.Dashboard d : c.dashboards()) {
      link(
          b,
          "dashboard",
          d.name(),
          d.url()
              .replace(
                  "{service}",
                  java.net.URLEncoder.encode(
                      service == null ? "" : service, java.nio.charset.StandardCharsets.UTF_8)));
    }
    b.append("</p>");
  }

  /** A link to an http(s) URL only (an alert's annotations are user input: no javascript:). */
  private static void link(StringBuilder b, String cls, String label, String url) {
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      return;
    }
    b.append("<a class=")
        .append(cls)
        .append(" rel=noopener target=_blank href=\"")
        .append(UiPages.esc(url))
        .append("\">")
        .append(UiPages.esc(label))
        .append("</a>");
  }

  private static void candidates(StringBuilder b, JsonNode report) {
    JsonNode cs = report.path("candidates");
    if (cs.isEmpty()) {
      return;
    }
    b.append("<section id=candidates><h2>Root-cause candidates</h2><table><tr><th>#</th>")
        .append("<th>Service</th><th>Class</th><th>Confidence</th><th>Evidence</th></tr>");
    for (JsonNode c : cs) {
      List<String> ids = new java.util.ArrayList<>();
      c.path("evidence").forEach(e -> ids.add(e.asText()));
      b.append(
              c.path("rank").asInt() == 1
                  ? "<tr class=\"candidate top\"><td>"
                  : "<tr class=candidate><td>")
          .append(c.path("rank").asInt())
          .append("</td><td>")
          .append(UiPages.esc(c.path("service").asText()))
          .append("</td><td>")
          .append(UiPages.esc(c.path("faultClass").asText()))
          .append("</td><td>")
          .append(Math.round(c.path("confidence").asDouble() * 100))
          .append("%</td><td>")
          .append(UiPages.esc(String.join(", ", ids)))
          .append("</td></tr>");
    }
    b.append("</table></section>");
  }

  private static void evidence(StringBuilder b, JsonNode report) {
    JsonNode ev = report.path("evidence");
    if (ev.isEmpty()) {
      return;
    }
    b.append("<section id=evidence><h2>Evidence</h2><ul>");
    for (JsonNode e : ev) {
      b.append("<li><b>")
          .append(UiPages.esc(e.path("id").asText()))
          .append("</b> <span class=muted>")
          .append(UiPages.esc(e.path("source").asText()))
          .append("</span> ")
          .append(UiPages.esc(e.path("summary").asText()));
      String q = e.path("query").asText("");
      if (!q.isEmpty()) {
        b.append("<details><summary>query</summary><pre>")
            .append(UiPages.esc(q))
            .append("</pre></details>");
      }
      b.append("</li>");
    }
    b.append("</ul></section>");
  }
}
