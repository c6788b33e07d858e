package dev.warroom.engine.report;

import dev.warroom.model.DataQuality;
import dev.warroom.model.Evidence;
import dev.warroom.model.FileQuality;
import dev.warroom.model.Hypothesis;
import dev.warroom.model.HypothesisStatus;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Remediation;
import dev.warroom.model.RootCauseCandidate;
import dev.warroom.model.SeriesChart;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an {@link RcaReport} as GitHub-flavoured Markdown for tickets and chat: summary, impact,
 * ranked candidates, hypotheses explored and pruned, remediation (mitigate now, then fix), missing
 * data, every evidence item with its query and rows, the runbook and timings. Free text is escaped
 * so that log lines cannot inject HTML or break tables; code blocks use a fence longer than any
 * backtick run inside them.
 */
public final class MarkdownReport {
  /** Rows shown per evidence item; the JSON and HTML renderings carry all of them. */
  static final int MAX_ROWS = 20;

  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private MarkdownReport() {}

  public static String render(RcaReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(text(Text.title(r))).append("\n\n");
    md.append("**").append(text(Text.headline(r))).append("**\n\n");
    if (!r.summary().isEmpty()) {
      md.append(text(r.summary())).append("\n\n");
    }
    if (r.alert() != null) {
      md.append("_").append(text(Text.alertLine(r))).append("_\n\n");
    }
    impact(r, md);
    candidates(r, md);
    hypotheses(r, md);
    remediation(r, md);
    if (!r.missingData().isEmpty()) {
      md.append("## Missing data\n\n");
      r.missingData().forEach(m -> md.append("- ").append(text(m)).append('\n'));
      md.append('\n');
    }
    dataQuality(r, md);
    evidence(r, md);
    if (!r.runbook().isEmpty()) {
      md.append("## Runbook\n\n").append(fence(r.runbook(), "wr")).append('\n');
    }
    if (!r.timingsMillis().isEmpty()) {
      md.append("## Timings\n\n| phase | ms |\n|---|---:|\n");
      new TreeMap<>(r.timingsMillis())
          .forEach(
              (k, v) -> md.append("| ").append(cell(k)).append(" | ").append(v).append(" |\n"));
      md.append('\n');
    }
    return md.toString().stripTrailing() + "\n";
  }

  private static void dataQuality(RcaReport r, StringBuilder md) {
    DataQuality q = r.dataQuality();
    if (!DataQualityText.present(q)) {
      return;
    }
    md.append("## Data quality\n\n").append(text(DataQualityText.headline(q))).append("\n\n");
    md.append("| file | records loaded | skipped | noted (kept) |\n|---|---:|---|---|\n");
    for (FileQuality f : q.files()) {
      md.append("| ")
          .append(cell(f.path()))
          .append(" | ")
          .append(DataQualityText.records(f))
          .append(" | ")
          .append(cell(DataQualityText.counts(f.skipped())))
          .append(" | ")
          .append(cell(DataQualityText.counts(f.noted())))
          .append(" |\n");
    }
    md.append('\n');
    List<String> examples = q.files().stream().flatMap(f -> f.examples().stream()).toList();
    if (!examples.isEmpty()) {
      md.append("What was skipped or noted (the first of each file):\n\n");
      examples.forEach(e -> md.append("- ").append(codes(List.of(e))).append('\n'));
      md.append('\n');
    }
    q.notes().forEach(n -> md.append("Note: ").append(text(n)).append("\n\n"));
  }

  private static void impact(RcaReport r, StringBuilder md) {
    var i = r.impact();
    if (i.summary().isEmpty() && i.affectedServices().isEmpty() && i.affectedRoutes().isEmpty()) {
      return;
    }
    md.append("## Impact\n\n");
    if (!i.summary().isEmpty()) {
      md.append(text(i.summary())).append(refs(i.evidenceIds())).append("\n\n");
    }
    if (!i.affectedServices().isEmpty()) {
      md.append("- Affected services: ").append(codes(i.affectedServices())).append('\n');
    }
    if (!i.affectedRoutes().isEmpty()) {
      md.append("- Affected routes: ").append(codes(i.affectedRoutes())).append('\n');
    }
    md.append('\n');
  }

  private static void candidates(RcaReport r, StringBuilder md) {
    if (r.candidates().isEmpty()) {
      return;
    }
    md.append("## Root-cause candidates\n\n");
    md.append("| rank | service | component | fault class | onset | confidence | evidence |\n");
    md.append("|---:|---|---|---|---|---:|---|\n");
    for (RootCauseCandidate c : r.candidates()) {
      md.append("| ")
          .append(c.rank())
          .append(" | ")
          .append(cell(c.service()))
          .append(" | ")
          .append(cell(c.component()))
          .append(" | ")
          .append(Text.faultClass(c.faultClass()))
          .append(" | ")
          .append(Text.instant(c.onset()))
          .append(" | ")
          .append(Text.percent(c.confidence()))
          .append(" | ")
          .append(links(c.evidenceIds()))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void hypotheses(RcaReport r, StringBuilder md) {
    if (r.hypotheses().isEmpty()) {
      return;
    }
    md.append("## Hypotheses\n\n");
    for (Hypothesis h : r.hypotheses()) {
      md.append("- **")
          .append(Text.lower(h.status()))
          .append("** ")
          .append(text(h.statement()))
          .append(" (score ")
          .append(Text.number(h.score()))
          .append(")");
      if (!h.reason().isEmpty()) {
        md.append(h.status() == HypothesisStatus.PRUNED ? " — pruned because " : " — ")
            .append(text(h.reason()));
      }
      md.append(refs(h.evidenceIds())).append('\n');
    }
    md.append('\n');
  }

  private static void remediation(RcaReport r, StringBuilder md) {
    if (r.remediation().isEmpty()) {
      return;
    }
    md.append("## Remediation\n\n");
    phase(r.remediation(), Remediation.Phase.MITIGATE, "### Mitigate now\n\n", md);
    phase(r.remediation(), Remediation.Phase.FIX, "### Then fix\n\n", md);
  }

  private static void phase(
      List<Remediation> all, Remediation.Phase phase, String heading, StringBuilder md) {
    List<Remediation> items = all.stream().filter(m -> m.phase() == phase).toList();
    if (items.isEmpty()) {
      return;
    }
    md.append(heading);
    int n = 1;
    for (Remediation m : items) {
      md.append(n++)
          .append(". ")
          .append(text(m.action()))
          .append(refs(m.evidenceIds()))
          .append('\n');
    }
    md.append('\n');
  }

  private static void evidence(RcaReport r, StringBuilder md) {
    if (r.evidence().isEmpty()) {
      return;
    }
    md.append("## Evidence\n\n");
    for (Evidence e : r.evidence()) {
      md.append("### ")
          .append(text(e.id()))
          .append(" — ")
          .append(Text.lower(e.kind()))
          .append(" from ")
          .append(text(e.source()))
          .append("\n\n");
      md.append(text(e.summary())).append("\n\n");
      if (!e.query().isEmpty()) {
        md.append("Query that ran:\n\n").append(fence(e.query(), "")).append('\n');
      }
      new TreeMap<>(e.renderedQueries())
          .forEach(
              (dialect, q) ->
                  md.append("As ")
                      .append(text(dialect))
                      .append(":\n\n")
                      .append(fence(q, ""))
                      .append('\n'));
      if (e.code() != null) {
        md.append("Code: `").append(e.code().toString().replace("`", "'")).append("`");
        if (e.code().commit() != null) {
          md.append(" at ").append(text(e.code().commit()));
        }
        md.append("\n\n");
      }
      if (e.chart() != null) {
        md.append(chart(e.chart())).append("\n\n");
      }
      if (!e.rows().isEmpty()) {
        List<String> shown = e.rows().subList(0, Math.min(MAX_ROWS, e.rows().size()));
        md.append(fence(String.join("\n", shown), ""));
        if (e.rows().size() > shown.size()) {
          md.append("\n(")
              .append(e.rows().size() - shown.size())
              .append(" more rows in the JSON report)\n");
        }
        md.append('\n');
      }
    }
  }

  /** A one-line description of a chart, since Markdown cannot draw it. */
  private static String chart(SeriesChart c) {
    double[] v = c.values();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      if (Double.isFinite(x)) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    StringBuilder s =
        new StringBuilder("Series `").append(c.key().toString().replace("`", "'")).append("`: ");
    s.append(v.length).append(" points");
    if (min <= max) {
      s.append(", from ").append(Text.number(min)).append(" to ").append(Text.number(max));
    }
    if (c.bandLower() != null) {
      s.append("; baseline band ")
          .append(c.bandLabel().isEmpty() ? "" : "(" + text(c.bandLabel()) + ")");
    }
    if (c.highlight() != null) {
      s.append("; anomalous window ")
          .append(c.highlight().start())
          .append(" – ")
          .append(c.highlight().end());
    }
    return s.toString().strip();
  }

  private static String refs(List<String> ids) {
    return ids.isEmpty() ? "" : " (evidence: " + links(ids) + ")";
  }

  private static String links(List<String> ids) {
    return ids.isEmpty() ? "—" : String.join(", ", ids.stream().map(MarkdownReport::text).toList());
  }

  private static String codes(List<String> values) {
    return String.join(", ", values.stream().map(v -> "`" + v.replace("`", "'") + "`").toList());
  }

  /** Markdown-escapes free text: HTML and the inline markup characters. */
  static String text(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\\', '`', '*', '_', '[', ']', '|', '#' -> out.append('\\').append(c);
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String cell(String s) {
    return text(s);
  }

  /** A fenced block whose fence is longer than any run of backticks in {@code body}. */
  static String fence(String body, String info) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(body);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    String f = "`".repeat(Math.max(3, longest + 1));
    return f + info + "\n" + body.stripTrailing() + "\n" + f + "\n";
  }
}
