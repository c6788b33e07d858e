package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 15: charts ordered by relevance to the top candidate, each with its unit. */
class UiChartsOrderTest {
  private static String chart(String id, String metric, String service) {
    return "{\"id\":\""
        + id
        + "\",\"summary\":\"s\",\"query\":\"\",\"renderedQueries\":{},\"rows\":[],\"chart\":"
        + "{\"series\":\""
        + metric
        + "{service=\\\""
        + service
        + "\\\"}\",\"metric\":\""
        + metric
        + "\",\"labels\":{\"service\":\""
        + service
        + "\"},\"timestamps\":[\"2026-01-01T00:00:00Z\",\"2026-01-01T00:01:00Z\"],"
        + "\"values\":[1,2],\"band\":null,\"highlight\":null}}";
  }

  @Test
  void chartsOfTheTopCandidateComeFirstThenOtherCandidatesThenTheRestWithUnits() {
    String report =
        "{\"candidates\":[{\"service\":\"cart\",\"evidence\":[\"E9\"]},"
            + "{\"service\":\"payment\",\"evidence\":[\"E1\"]}],\"evidence\":["
            + chart("E1", "http_requests_total", "payment")
            + ","
            + chart("E2", "queue_depth", "frontend")
            + ","
            + chart("E3", "request_duration_seconds", "cart")
            + ","
            + chart("E9", "memory_bytes", "redis")
            + "]}";
    String html = UiCharts.section(report);
    int e3 = html.indexOf("<b>E3</b>");
    int e9 = html.indexOf("<b>E9</b>");
    int e1 = html.indexOf("<b>E1</b>");
    int e2 = html.indexOf("<b>E2</b>");
    assertThat(e3).isPositive().isLessThan(e1); // the top candidate's own service
    assertThat(e9).isPositive().isLessThan(e1); // cited by the top candidate
    assertThat(e1).isLessThan(e2); // another candidate's, before the rest
    assertThat(html)
        .contains("[seconds]")
        .contains("[bytes]")
        .contains("[per second]")
        .contains("[value]")
        .contains("\"unit\":\"seconds\"");
    assertThat(UiCharts.unit("cpu_usage")).isEqualTo("ratio (0..1)");
  }
}
