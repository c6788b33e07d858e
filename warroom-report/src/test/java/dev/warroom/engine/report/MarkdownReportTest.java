package dev.warroom.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  @Test
  void hostileTextCannotInjectHtmlOrBreakTables() {
    String md = MarkdownReport.render(SampleReports.hostile());
    // Fenced code is shown verbatim by Markdown renderers, so only text outside fences matters.
    String prose = md.replaceAll("(?s)(`{3,})[^\n]*\n.*?\n\\1\n", "");

    assertThat(prose).doesNotContain("<script>", "<traces>");
    assertThat(md).contains("```\n<script>alert('x')</script>");
    assertThat(md).contains("&lt;script&gt;");
    assertThat(md).contains("\\| \\`rm\\` \\*bold\\* \\[link\\]");
  }

  @Test
  void fencesOutgrowTheBackticksInside() {
    assertThat(MarkdownReport.fence("a ``` b", "")).startsWith("````\n").endsWith("\n````\n");
    assertThat(MarkdownReport.fence("plain", "wr")).isEqualTo("```wr\nplain\n```\n");
  }

  @Test
  void listsMitigationBeforeFixAndNamesPrunedBranches() {
    String md = MarkdownReport.render(SampleReports.poolExhaustion());

    assertThat(md.indexOf("### Mitigate now")).isLessThan(md.indexOf("### Then fix"));
    assertThat(md).contains("**pruned** network or host problem");
    assertThat(md).contains("pruned because cpu\\_usage stayed within its baseline");
    assertThat(md).contains("| 1 | payments | HikariPool-1 | connection pool exhaustion |");
  }
}
