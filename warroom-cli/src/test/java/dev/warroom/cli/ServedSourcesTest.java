package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.connectors.Connectors;
import dev.warroom.connectors.SourcesFile;
import dev.warroom.model.WarroomException;
import dev.warroom.store.MetricQuery;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ServedSourcesTest {
  @Test
  void eachServedInvestigationStartsWithAFreshQueryBudget() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String yaml =
        "sources:\n  - name: prom\n    type: prometheus\n    url: http://127.0.0.1:"
            + port
            + "\n    budget: 2\n    retries: 0\n    timeout: 2s\n";
    try (ServedSources served =
        new ServedSources(Connectors.open(SourcesFile.parse("s.yaml", yaml)))) {
      MetricQuery q =
          MetricQuery.of(
              "up",
              dev.warroom.model.TimeWindow.of(
                  java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Duration.ofHours(1)));
      // nothing listens: each read costs one request of the budget of 2
      assertThatThrownBy(() -> served.metrics(q)).hasMessageContaining("prom (prometheus) GET");
      assertThatThrownBy(() -> served.metrics(q)).hasMessageNotContaining("budget");
      assertThatThrownBy(() -> served.metrics(q))
          .isInstanceOf(WarroomException.class)
          .hasMessageContaining("the query budget of 2 requests is spent");
      // the server's next investigation reads the summary first: a new budget (the summary's
      // two requests, /metrics and /api/v1/series, spend it again)
      assertThatThrownBy(served::summary).hasMessageNotContaining("budget");
      assertThatThrownBy(() -> served.metrics(q)).hasMessageContaining("budget");
      assertThatThrownBy(served::summary).hasMessageNotContaining("budget");
    }
  }
}
