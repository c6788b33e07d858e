package dev.warroom.connectors;

import dev.warroom.store.TelemetryStore;

/**
 * A {@link TelemetryStore} that reads one configured backend over the network. It knows its source
 * (for reports and {@code warroom sources check}) and holds a per-investigation query budget that
 * {@link #startInvestigation} renews.
 */
public interface LiveStore extends TelemetryStore {
  /** The source entry this store reads. */
  SourceConfig source();

  /** Starts a new investigation: the source's query budget is renewed. */
  void startInvestigation();
}
