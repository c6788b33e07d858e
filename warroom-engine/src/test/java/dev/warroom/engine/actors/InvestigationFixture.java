package dev.warroom.engine.actors;

import dev.warroom.engine.agents.Budget;
import dev.warroom.engine.agents.DialectProfile;
import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.agents.TelemetryAgent;
import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.Incident;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * The set-up the actor tests share: a 30-minute incident window from {@link #START}, a firing alert
 * 12 minutes into it, the embedded store holding a test's bundle, and an investigation context that
 * reads the store through a telemetry agent (budget: 100 queries, one minute).
 */
final class InvestigationFixture {
  static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
  static final TimeWindow WINDOW = new TimeWindow(START, START.plus(Duration.ofMinutes(30)));

  private InvestigationFixture() {}

  /** A critical latency alert from Alertmanager, firing 12 minutes into the window. */
  static Alert alert(String title, String service) {
    return new Alert(
        "fp",
        AlertSource.ALERTMANAGER,
        AlertStatus.FIRING,
        title,
        "latency",
        service,
        "critical",
        Map.of(),
        Map.of(),
        START.plus(Duration.ofMinutes(12)),
        null);
  }

  /** The manifest of a bundle covering the window (UTC). */
  static BundleManifest manifest(String name) {
    return new BundleManifest(name, "", "UTC", WINDOW, Map.of());
  }

  /** A fresh in-memory store with the bundle ingested; the caller closes it. */
  static DuckDbStore store(IncidentBundle bundle) {
    DuckDbStore store = DuckDbStore.inMemory();
    store.ingest(bundle);
    return store;
  }

  /**
   * A context for the alert's incident over the window, reading the store, with the baseline the
   * given time just before {@link #START}.
   */
  static InvestigationContext context(DuckDbStore store, Alert alert, Duration baseline) {
    var agent =
        new TelemetryAgent(
            new StoreTelemetrySource(store),
            DialectProfile.defaults(),
            new Budget(100, Duration.ofMinutes(1), InstantSource.system()));
    return new InvestigationContext(
        new Incident("t", alert, WINDOW), new TimeWindow(START.minus(baseline), START), agent);
  }

  /** As {@link #context(DuckDbStore, Alert, Duration)}, with this topology provided. */
  static InvestigationContext context(
      DuckDbStore store, Alert alert, Duration baseline, Topology topology) {
    InvestigationContext ctx = context(store, alert, baseline);
    ctx.setTopologyProvider(() -> topology);
    return ctx;
  }
}
