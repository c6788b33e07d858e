package dev.warroom.engine.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryRendererTest {
  private static final TimeWindow W =
      new TimeWindow(Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T11:00:00Z"));
  private static final QueryIntent.Logs ERRORS =
      new QueryIntent.Logs(List.of("cart"), Severity.ERROR, "timeout", W);

  @Test
  void rendersAMetricQueryAsPromqlWithItsRange() {
    String q =
        QueryRenderer.render(
            new QueryIntent.Metrics(
                "container_memory_working_set_bytes",
                Map.of("pod", "cart-1"),
                QueryIntent.Aggregation.MAX,
                Duration.ofMinutes(5),
                W),
            Dialect.PROMQL);
    assertThat(q)
        .startsWith("max_over_time(container_memory_working_set_bytes{pod=\"cart-1\"}[5m])")
        .contains("start=2026-03-02T10:00:00Z end=2026-03-02T11:00:00Z");
  }

  @Test
  void rendersTheSameLogSelectionInEveryLogDialect() {
    assertThat(QueryRenderer.render(ERRORS, Dialect.LOGQL))
        .startsWith("{service=\"cart\"} | json | level=~\"(?i)ERROR|FATAL\" |~ \"timeout\"");
    assertThat(QueryRenderer.render(ERRORS, Dialect.SPL))
        .contains(
            "service IN (\"cart\")",
            "level IN (ERROR, FATAL)",
            "earliest=1772445600",
            "regex _raw=\"timeout\"");
    assertThat(QueryRenderer.render(ERRORS, Dialect.CLOUDWATCH))
        .contains(
            "filter service in [\"cart\"] and level in [\"ERROR\", \"FATAL\"]",
            "@message like /timeout/");
    assertThat(QueryRenderer.render(ERRORS, Dialect.OPENSEARCH))
        .contains("\"terms\"", "\"cart\"", "\"regexp\"", "\"gte\" : \"2026-03-02T10:00:00Z\"");
    assertThat(QueryRenderer.render(ERRORS, Dialect.SQL))
        .contains(
            "service IN ('cart')",
            "severity IN ('ERROR', 'FATAL')",
            "regexp_matches(body, 'timeout')");
  }

  @Test
  void escapesQuotesInLiterals() {
    var q = new QueryIntent.Logs(List.of("o'brien\"svc"), null, null, W);
    assertThat(QueryRenderer.render(q, Dialect.SQL)).contains("'o''brien\"svc'");
    assertThat(QueryRenderer.render(q, Dialect.LOGQL)).contains("\"o'brien\\\"svc\"");
  }

  @Test
  void refusesDialectsThatCannotExpressTheQuery() {
    assertThatThrownBy(() -> QueryRenderer.render(ERRORS, Dialect.PROMQL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("promql");
    assertThatThrownBy(
            () -> QueryRenderer.render(new QueryIntent.Spans(List.of(), true, W), Dialect.LOGQL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Dialect.parse("kql")).hasMessageContaining("unknown dialect: 'kql'");
  }

  @Test
  void profileRendersInTheConfiguredDialectPerKindOfData() {
    Map<String, String> r = QueryRenderer.renderFor(ERRORS, DialectProfile.of(Dialect.SPL));
    assertThat(r).containsOnlyKeys("spl");
    assertThat(DialectProfile.of(Dialect.LOGQL).metrics()).isEqualTo(Dialect.PROMQL);
  }
}
