package dev.warroom.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.connectors.prometheus.PrometheusStore;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.WarroomException;
import dev.warroom.store.LogQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.SampleBundles;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.UnsupportedQueryException;
import dev.warroom.store.duckdb.DuckDbStore;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeStoreTest {
  /** A Prometheus source at a port nobody listens on: its non-metric reads need no I/O. */
  private static PrometheusStore deadPrometheus() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return new PrometheusStore(
        new SourceConfig(
            "metrics-down",
            SourceConfig.Type.PROMETHEUS,
            URI.create("http://127.0.0.1:" + port),
            null,
            null,
            java.time.Duration.ofSeconds(2),
            100,
            50,
            0,
            null,
            null));
  }

  private static DuckDbStore duck(IncidentBundle b) {
    DuckDbStore d = DuckDbStore.inMemory();
    d.ingest(b);
    return d;
  }

  @Test
  void readsGoToTheStoresThatAnswerThemAndAreMerged() throws Exception {
    IncidentBundle b = SampleBundles.incident();
    try (CompositeStore c =
        new CompositeStore(List.of(deadPrometheus(), duck(b)), List.of("metrics-down", "dev"))) {
      // logs: Prometheus cannot answer (skipped), DuckDB can
      var logs = c.logs(LogQuery.all(null).withServices("cart"));
      assertThat(logs.rows()).hasSize(120);
      assertThat(logs.dialect()).isEqualTo("duckdb-sql");
      // metrics: both would answer; the one that is down fails the read, naming the source
      assertThatThrownBy(() -> c.metrics(MetricQuery.of("cpu_usage", null)))
          .isInstanceOf(WarroomException.class)
          .hasMessageContaining("metrics-down (prometheus)");
    }
  }

  @Test
  void twoAnsweringStoresAreMergedInOrderWithEachNativeQuery() {
    IncidentBundle b = SampleBundles.incident();
    try (CompositeStore c = new CompositeStore(List.of(duck(b), duck(b)), List.of("a", "b"))) {
      var spans = c.spans(SpanQuery.all(null).withLimit(50));
      assertThat(spans.rows()).hasSize(50);
      assertThat(spans.truncated()).isTrue();
      assertThat(spans.rows())
          .isSortedAccordingTo(java.util.Comparator.comparing(dev.warroom.model.Span::start));
      assertThat(spans.nativeQuery())
          .contains("# source a (duckdb-sql)", "# source b (duckdb-sql)");
      assertThat(c.summary().series()).isEqualTo(12);
      assertThat(c.metricNames()).containsExactly("cpu_usage", "http_requests_total");
    }
  }

  @Test
  void aReadNoStoreAnswersIsUnsupportedWithEachReason() throws Exception {
    try (CompositeStore c =
        new CompositeStore(List.of(deadPrometheus()), List.of("metrics-down"))) {
      assertThatThrownBy(() -> c.trace("abc"))
          .isInstanceOf(UnsupportedQueryException.class)
          .hasMessageContaining("no configured source answers traces")
          .hasMessageContaining("holds metrics only");
    }
  }

  @Test
  void connectorsOfOtherBranchesAreNamedAsMissingFromThisBuild() {
    SourceConfig os =
        new SourceConfig(
            "traces",
            SourceConfig.Type.JAEGER,
            URI.create("http://localhost:16686"),
            null,
            null,
            null,
            10,
            10,
            0,
            null,
            null);
    assertThatThrownBy(() -> Connectors.open(List.of(os)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("source traces: the jaeger connector is not available in this build");
  }
}
