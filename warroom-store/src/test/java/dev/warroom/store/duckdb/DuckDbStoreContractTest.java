package dev.warroom.store.duckdb;

import dev.warroom.model.IncidentBundle;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.TelemetryStoreContract;

class DuckDbStoreContractTest extends TelemetryStoreContract {
  @Override
  protected TelemetryStore storeWith(IncidentBundle bundle) {
    DuckDbStore s = DuckDbStore.inMemory();
    s.ingest(bundle);
    return s;
  }
}
