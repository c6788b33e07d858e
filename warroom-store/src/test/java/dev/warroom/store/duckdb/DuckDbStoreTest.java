package dev.warroom.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.DependencyEdge;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.Topology;
import dev.warroom.store.LogQuery;
import dev.warroom.store.SampleBundles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of the embedded store beyond the SPI contract. */
class DuckDbStoreTest {
  @TempDir Path tmp;

  private static IncidentBundle withoutTopology() {
    IncidentBundle b = SampleBundles.incident();
    return new IncidentBundle(
        b.manifest(),
        b.alert(),
        b.metrics(),
        b.logs(),
        b.spans(),
        b.events(),
        Topology.empty(),
        b.code());
  }

  @Test
  void derivesTheServiceGraphFromSpansWhenNoTopologyWasLoaded() {
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(withoutTopology());
      Topology t = store.topology();
      assertThat(t.edges())
          .extracting(DependencyEdge::caller, DependencyEdge::callee)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("checkout", "cart"));
      // 40 calls over the 585.002 s between the first span start and the last (a child, +2 ms)
      assertThat(t.edges().get(0).callsPerMinute())
          .isCloseTo(40 / (585.002 / 60), org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void aFileStoreKeepsItsDataAcrossReopening() {
    Path file = tmp.resolve("w.duckdb");
    try (DuckDbStore store = DuckDbStore.open(file)) {
      store.ingest(SampleBundles.incident());
    }
    try (DuckDbStore store = DuckDbStore.open(file)) {
      assertThat(store.summary().logRecords()).isEqualTo(240);
      assertThat(store.logs(LogQuery.all(null).withLimit(1)).rows())
          .containsExactly(SampleBundles.incident().logs().get(0));
    }
  }

  @Test
  void quotesInFilterValuesCannotBreakOutOfTheirLiteral() {
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(SampleBundles.incident());
      var r = store.logs(LogQuery.all(null).withServices("cart' OR '1'='1"));
      assertThat(r.rows()).isEmpty();
      assertThat(r.nativeQuery()).contains("'cart'' OR ''1''=''1'");
    }
  }
}
