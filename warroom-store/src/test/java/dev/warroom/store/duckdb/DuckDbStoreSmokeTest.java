package dev.warroom.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.IncidentBundle;
import dev.warroom.store.SampleBundles;
import dev.warroom.store.StoreSummary;
import org.junit.jupiter.api.Test;

class DuckDbStoreSmokeTest {
  @Test
  void summaryCountsWhatWasIngested() {
    IncidentBundle b = SampleBundles.incident();
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(b);
      StoreSummary s = store.summary();
      assertThat(s.series()).isEqualTo(6);
      assertThat(s.points()).isEqualTo(360);
      assertThat(s.logRecords()).isEqualTo(240);
      assertThat(s.spans()).isEqualTo(80);
      assertThat(s.traces()).isEqualTo(40);
      assertThat(s.events()).isEqualTo(7);
      assertThat(store.alert()).contains(b.alert());
      assertThat(store.topology()).isEqualTo(b.topology());
    }
  }
}
