package dev.warroom.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static int count(String haystack, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void pageIsSelfContained() {
    String html = HtmlReport.render(SampleReports.poolExhaustion());

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>");
    assertThat(html).doesNotContain("<script", "<link", "src=", "@import", "url(", "href=\"http");
  }

  @Test
  void chartShowsSeriesBandLabelAndAnomalousWindow() {
    String svg = SvgChart.render(SampleReports.poolExhaustion().evidence().get(0).chart());

    // The band has a gap at point 5 and the series at point 20: two polygons, two lines.
    assertThat(count(svg, "<polygon class=\"band\"")).isEqualTo(2);
    assertThat(count(svg, "<polyline class=\"series\"")).isEqualTo(2);
    assertThat(svg).contains("baseline, calculated from the past 4 days");
    assertThat(svg).contains("<rect class=\"anomaly\"").contains("anomalous window");
    assertThat(svg).contains("2026-11-20 10:00 UTC").contains("2026-11-20 10:23 UTC");
  }

  @Test
  void anomalyRectangleSpansTheHighlightedWindow() {
    String svg = SvgChart.render(SampleReports.poolExhaustion().evidence().get(0).chart());

    // 24 points over 23 minutes across a 640px plot starting at x=64: 10:12 is at 64+12/23*640.
    Matcher m =
        Pattern.compile("<rect class=\"anomaly\" x=\"([0-9.]+)\" y=\"28\" width=\"([0-9.]+)\"")
            .matcher(svg);
    assertThat(m.find()).isTrue();
    assertThat(Double.parseDouble(m.group(1)))
        .isCloseTo(64 + 12.0 / 23 * 640, org.assertj.core.data.Offset.offset(0.1));
    assertThat(Double.parseDouble(m.group(2)))
        .isCloseTo(11.0 / 23 * 640, org.assertj.core.data.Offset.offset(0.1));
  }

  @Test
  void escapesEveryPieceOfReportText() {
    String html = HtmlReport.render(SampleReports.hostile());

    assertThat(html).doesNotContain("<script>", "'<b>'", "\"<i>\"", "</pre><script>");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(html).contains("id=\"ev-E_1_\"").contains("href=\"#ev-E_1_\"");
  }

  @Test
  void drillDownHasQueryRenderedQueriesAndAllRows() {
    String html = HtmlReport.render(SampleReports.poolExhaustion());

    assertThat(html).contains("<details id=\"ev-E2\">");
    assertThat(html)
        .contains("As logql:</p>\n<pre>{service=&quot;payments&quot;} |= &quot;ERROR&quot;</pre>");
    assertThat(html).contains("Mitigate now").contains("Then fix");
    assertThat(html).contains("pruned because cpu_usage stayed within its baseline");
    assertThat(html).contains("<li>events</li>");
  }

  @Test
  void chartsAreWellFormedSvg() throws Exception {
    var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    for (var e : SampleReports.poolExhaustion().evidence()) {
      if (e.chart() != null) {
        var doc =
            factory
                .newDocumentBuilder()
                .parse(
                    new java.io.ByteArrayInputStream(
                        SvgChart.render(e.chart())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("polyline").getLength()).isPositive();
      }
    }
  }
}
