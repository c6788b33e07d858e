package dev.warroom.server;

import java.util.List;
import java.util.Locale;

/**
 * The web UI, rendered on the server: the incident list with states, and an incident page with
 * feedback buttons, the interactive metric charts with their evidence drill-down ({@link
 * UiCharts}), and the report module's HTML (candidates, hypotheses, runbook, all evidence). Scripts
 * are inline: the feedback post (with the session cookie) and the charts.
 */
final class UiPages {
  private UiPages() {}

  private static final String STYLE =
      "<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
          + "td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}"
          + ".done{color:#060}.failed{color:#a00}.queued,.running{color:#a60}</style>";

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  static String login(String error, String csrf) {
    return "<!doctype html><html><head><title>warroom login</title>"
        + STYLE
        + "</head><body><h1>warroom</h1>"
        + (error == null ? "" : "<p class=failed>" + esc(error) + "</p>")
        + "<form method=post action=/ui/login><input type=hidden name=csrf value=\""
        + esc(csrf)
        + "\"><label>API token <input type=password"
        + " name=token id=token></label> <button id=login>Sign in</button></form></body></html>";
  }

  /** The sign-out form (a POST carrying the session's CSRF token). */
  static String logout(String csrf) {
    return "<form method=post action=/ui/logout class=logout><input type=hidden name=csrf"
        + " value=\""
        + esc(csrf == null ? "" : csrf)
        + "\"><button id=logout>Sign out</button></form>";
  }

  static String list(List<Incident> incidents, String csrf) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html><head><title>warroom incidents</title>")
        .append("<meta http-equiv=refresh content=5>")
        .append(STYLE)
        .append("</head><body>")
        .append(csrf == null ? "" : logout(csrf))
        .append("<h1>Incidents</h1><table id=incidents><tr><th>Incident</th>")
        .append("<th>Title</th><th>Service</th><th>Alert</th><th>Investigation</th>")
        .append("<th>Verdict</th><th>Opened</th></tr>");
    for (Incident i : incidents) {
      String state = i.state().name().toLowerCase(Locale.ROOT);
      b.append("<tr><td><a href=\"/ui/incidents/")
          .append(esc(i.id()))
          .append("\">")
          .append(esc(i.id()))
          .append("</a></td><td>")
          .append(esc(i.title()))
          .append("</td><td>")
          .append(esc(i.service()))
          .append("</td><td>")
          .append(esc(i.alertStatus()))
          .append("</td><td class=")
          .append(state)
          .append(">")
          .append(state)
          .append("</td><td>")
          .append(esc(i.verdict()))
          .append("</td><td>")
          .append(i.createdAt())
          .append("</td></tr>");
    }
    return b.append("</table></body></html>").toString();
  }

  /**
   * The feedback given so far, each with who gave it, and the buttons to give more when the
   * viewer's role may ({@code mayGive}: responders and admins).
   */
  static String feedbackSection(Incident i, List<Feedback> feedback, boolean mayGive) {
    StringBuilder b = new StringBuilder("<section id=feedback><h2>Was this right?</h2>");
    b.append("<ul id=feedback-list>");
    for (Feedback f : feedback) {
      b.append("<li class=feedback-item>")
          .append(f.correct() ? "right" : "wrong")
          .append(
              f.trueRootCause() == null ? "" : " (true root cause: " + esc(f.trueRootCause()) + ")")
          .append(f.comment() == null ? "" : " “" + esc(f.comment()) + "”")
          .append(" — by <span class=given-by>")
          .append(esc(f.givenBy() == null ? "unknown" : f.givenBy()))
          .append("</span> at ")
          .append(f.at())
          .append("</li>");
    }
    b.append("</ul>");
    if (!mayGive) {
      return b.append("<p class=note>Your role may not give feedback (responders and admins may).")
          .append("</p></section>")
          .toString();
    }
    b.append("<button id=right>Right</button> <input id=truth placeholder=\"true root cause\">")
        .append(" <button id=wrong>Wrong</button> <span id=saved>")
        .append(feedback.isEmpty() ? "" : "feedback saved (" + feedback.size() + ")")
        .append("</span></section>")
        .append("<script>function fb(c){fetch('/api/v1/incidents/")
        .append(esc(i.id()))
        .append("/feedback',{method:'POST',credentials:'same-origin',")
        .append("headers:{'Content-Type':'application/json','X-CSRF-Token':")
        .append("(document.cookie.match(/warroom_csrf=([^;]+)/)||[])[1]||''},")
        .append("body:JSON.stringify({correct:c,")
        .append("trueRootCause:document.getElementById('truth').value||null})})")
        .append(".then(r=>r.json().then(j=>{document.getElementById('saved').textContent=")
        .append("r.ok?'feedback saved':j.detail}))}")
        .append("document.getElementById('right').onclick=()=>fb(true);")
        .append("document.getElementById('wrong').onclick=()=>fb(false);</script>");
    return b.toString();
  }

  static String incident(
      Incident i, String reportHtml, String reportJson, List<Feedback> feedback) {
    return incident(i, reportHtml, reportJson, feedback, true);
  }

  static String incident(
      Incident i,
      String reportHtml,
      String reportJson,
      List<Feedback> feedback,
      boolean mayGiveFeedback) {
    String state = i.state().name().toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html><head><title>")
        .append(esc(i.title()))
        .append("</title>")
        .append(STYLE)
        .append("</head><body><p><a href=/ui>all incidents</a></p><h1>")
        .append(esc(i.title()))
        .append("</h1><p>Investigation: <span id=state class=")
        .append(state)
        .append(">")
        .append(state)
        .append("</span>")
        .append(i.error() == null ? "" : " — " + esc(i.error()))
        .append("</p>");
    b.append(feedbackSection(i, feedback, mayGiveFeedback));
    b.append(UiCharts.section(reportJson));
    if (reportHtml != null) {
      // The report page is a whole document; an iframe keeps its styles apart from ours.
      b.append("<iframe id=report title=report style=\"width:100%;height:80vh;border:0\" srcdoc=\"")
          .append(esc(reportHtml))
          .append("\"></iframe>");
    } else {
      b.append("<p>No report yet.</p><meta http-equiv=refresh content=3>");
    }
    return b.append("</body></html>").toString();
  }
}
