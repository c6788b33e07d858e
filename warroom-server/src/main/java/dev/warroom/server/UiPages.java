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

  static final String STYLE =
      "<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
          + "#incidents{font-size:.9em}"
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

  /** One row of the incident list: the incident, its report's headline and the alert's severity. */
  record Row(Incident incident, Headline headline, String severity) {}

  /**
   * The list's filters (query parameters, each optional): {@code q} searches title, services, fault
   * class and id; {@code verdict}, {@code severity} and {@code state} must match exactly.
   */
  record Filter(String q, String verdict, String severity, String state) {
    static final Filter NONE = new Filter(null, null, null, null);

    Filter {
      q = blankToNull(q);
      verdict = blankToNull(verdict);
      severity = blankToNull(severity);
      state = blankToNull(state);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }

    boolean matches(Row r) {
      Incident i = r.incident();
      if (verdict != null && !verdict.equals(i.verdict())) {
        return false;
      }
      if (severity != null && !severity.equalsIgnoreCase(String.valueOf(r.severity()))) {
        return false;
      }
      if (state != null && !state.equalsIgnoreCase(i.state().name())) {
        return false;
      }
      if (q == null) {
        return true;
      }
      String needle = q.toLowerCase(Locale.ROOT);
      for (String hay :
          new String[] {
            i.id(), i.title(), i.service(), r.headline().topService(), r.headline().faultClass()
          }) {
        if (hay != null && hay.toLowerCase(Locale.ROOT).contains(needle)) {
          return true;
        }
      }
      return false;
    }
  }

  static String list(List<Incident> incidents, String csrf) {
    return list(
        incidents.stream().map(i -> new Row(i, Headline.NONE, null)).toList(), Filter.NONE, csrf);
  }

  /** The incident list, verdict first: root cause, service, class, confidence and severity. */
  static String list(List<Row> rows, Filter f, String csrf) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html><head><meta charset=utf-8><title>warroom incidents</title>")
        .append(f.equals(Filter.NONE) ? "<meta http-equiv=refresh content=10>" : "")
        .append(STYLE)
        .append("</head><body>")
        .append(csrf == null ? "" : logout(csrf))
        .append("<h1>Incidents</h1>")
        .append("<form method=get action=/ui id=filter><input name=q id=q placeholder=\"search")
        .append(" title, service, root cause, class\" value=\"")
        .append(esc(f.q()))
        .append("\"> ");
    select(b, "verdict", f.verdict(), "root_cause_found", "inconclusive", "no_fault");
    select(b, "severity", f.severity(), "critical", "error", "warning", "info");
    select(b, "state", f.state(), "queued", "running", "done", "failed", "parked");
    b.append(" <button id=apply>Filter</button> <a href=/ui>clear</a></form>")
        .append("<table id=incidents><tr><th>Root cause</th><th>Class</th><th>Confidence</th>")
        .append("<th>Verdict</th><th>Alerted service</th><th>Severity</th><th>Title</th>")
        .append("<th>Alert</th><th>Investigation</th><th>Opened</th><th>Incident</th></tr>");
    int shown = 0;
    for (Row r : rows) {
      if (!f.matches(r)) {
        continue;
      }
      shown++;
      Incident i = r.incident();
      Headline h = r.headline();
      String state = i.state().name().toLowerCase(Locale.ROOT);
      String link = "<a href=\"/ui/incidents/" + esc(i.id()) + "\">";
      b.append("<tr class=incident><td class=root-cause>")
          .append(h.topService() == null ? "—" : link + "<b>" + esc(h.topService()) + "</b></a>")
          .append("</td><td>")
          .append(esc(h.faultClass()))
          .append("</td><td>")
          .append(h.confidence() == null ? "" : Math.round(h.confidence() * 100) + "%")
          .append("</td><td class=\"")
          .append(esc(i.verdict()))
          .append("\">")
          .append(esc(i.verdict() == null ? "" : i.verdict().replace('_', ' ')))
          .append("</td><td>")
          .append(esc(i.service()))
          .append("</td><td>")
          .append(esc(r.severity()))
          .append("</td><td>")
          .append(esc(i.title()))
          .append("</td><td>")
          .append(esc(i.alertStatus()))
          .append("</td><td class=")
          .append(state)
          .append(">")
          .append(state)
          .append("</td><td>")
          .append(i.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
          .append("</td><td>")
          .append(link)
          .append(esc(i.id()))
          .append("</a></td></tr>");
    }
    b.append("</table><p class=count id=count>").append(shown).append(" shown</p>");
    return b.append("</body></html>").toString();
  }

  private static void select(StringBuilder b, String name, String chosen, String... options) {
    b.append("<select name=")
        .append(name)
        .append(" id=")
        .append(name)
        .append("><option value=\"\">");
    b.append("any ").append(name).append("</option>");
    for (String o : options) {
      b.append("<option").append(o.equalsIgnoreCase(String.valueOf(chosen)) ? " selected" : "");
      b.append(">").append(o).append("</option>");
    }
    b.append("</select> ");
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
}
