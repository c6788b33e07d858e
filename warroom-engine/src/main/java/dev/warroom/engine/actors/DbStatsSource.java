package dev.warroom.engine.actors;

import dev.warroom.model.DatabaseStats;
import dev.warroom.store.QueryResult;

/**
 * A telemetry source that can also answer the database statistics of a bundle's {@code db/} folders
 * (statement counters, plans, lock waits), with the native query that read them — what {@code
 * database_analysis} hands the database expert. {@link DbStatsTelemetrySource} adds it to any
 * source over a {@link dev.warroom.store.TelemetryStore}.
 */
public interface DbStatsSource {
  /** The statistics of {@code component}, or of every database when it is null. */
  QueryResult<DatabaseStats> databases(String component);
}
