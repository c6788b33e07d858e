package dev.warroom.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.connectors.opensearch.OpenSearchStore;
import dev.warroom.connectors.zipkin.ZipkinStore;
import dev.warroom.model.WarroomException;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.SampleBundles;
import dev.warroom.store.SpanQuery;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A backend that goes away in the middle of an investigation: the store that answered a moment ago
 * now fails with a {@link WarroomException} naming the source and the request (which the engine
 * lists under "Missing data"), not a hang or a stack trace from the HTTP client.
 */
class StoppedBackendTest {

  @Test
  void openSearchStoppedBetweenQueriesFailsNamingTheSource() {
    OpenSearchStore store;
    try (LiveBackends.OpenSearch os = LiveBackends.openSearch()) {
      os.loadLogs("logs-a", SampleBundles.incident().logs());
      store = new OpenSearchStore(os.source("app-logs", "logs-a"));
      assertThat(store.logs(LogQuery.all(null).withServices("cart")).rows()).hasSize(120);
    }
    assertThatThrownBy(
            () ->
                store.logCounts(
                    new LogCountQuery(
                        LogQuery.all(null), Set.of(LogCountQuery.GroupBy.SERVICE), null)))
        .isInstanceOf(WarroomException.class)
        .hasMessageContaining("app-logs (opensearch) POST /logs-a/_search");
  }

  @Test
  void zipkinStoppedBetweenQueriesFailsNamingTheSource() {
    ZipkinStore store;
    InstantSource clock = InstantSource.fixed(SampleBundles.T0.plus(Duration.ofDays(1)));
    try (LiveBackends.Zipkin z = LiveBackends.zipkin()) {
      z.loadSpans(SampleBundles.incident().spans());
      store = new ZipkinStore(z.source("traces"), clock);
      assertThat(store.spans(SpanQuery.all(null)).rows()).hasSize(80);
    }
    assertThatThrownBy(() -> store.trace(SampleBundles.traceId(3)))
        .isInstanceOf(WarroomException.class)
        .hasMessageContaining("traces (zipkin) GET /api/v2/trace/");
  }
}
