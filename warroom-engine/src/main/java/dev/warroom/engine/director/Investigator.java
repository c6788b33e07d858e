package dev.warroom.engine.director;

import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.engine.agents.WithheldTelemetrySource;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.DataQuality;
import dev.warroom.model.IncidentBundle;
import dev.warroom.store.duckdb.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The entry point for investigating a bundle: loads it into an embedded DuckDB store, skipping and
 * counting malformed records (the report's data-quality account), then lets the {@link Director}
 * investigate it.
 *
 * <pre>{@code
 * Investigation inv = new Investigator(Director.standard()).investigate(Path.of("bundle"), null);
 * String md = dev.warroom.engine.report.ReportRenderer.markdown(inv.report());
 * }</pre>
 */
public final class Investigator {
  private final Director director;
  private final java.util.Set<WithheldTelemetrySource.Kind> withheld;
  private final java.time.Duration alertShift;
  private final dev.warroom.model.TimeWindow window;
  private final dev.warroom.model.TimeWindow baseline;

  public Investigator(Director director) {
    this(director, java.util.Set.of());
  }

  /**
   * An investigator that withholds whole kinds of data from the Director, as if the bundle did not
   * hold them ({@link WithheldTelemetrySource}).
   */
  public Investigator(Director director, java.util.Set<WithheldTelemetrySource.Kind> withheld) {
    this(director, withheld, java.time.Duration.ZERO, null, null);
  }

  private Investigator(
      Director director,
      java.util.Set<WithheldTelemetrySource.Kind> withheld,
      java.time.Duration alertShift,
      dev.warroom.model.TimeWindow window,
      dev.warroom.model.TimeWindow baseline) {
    this.director = Objects.requireNonNull(director, "director");
    this.withheld = java.util.Set.copyOf(withheld);
    this.alertShift = Objects.requireNonNull(alertShift, "alertShift");
    this.window = window;
    this.baseline = baseline;
  }

  /**
   * This investigator with the incident window and/or the baseline declared by the user (each null:
   * the bundle's manifest, else chosen from the data); they override the manifest.
   */
  public Investigator withWindows(
      dev.warroom.model.TimeWindow window, dev.warroom.model.TimeWindow baseline) {
    return new Investigator(director, withheld, alertShift, window, baseline);
  }

  /**
   * This investigator with every bundle's alert moved by {@code shift} (its start and end), as if
   * it had fired that much later (positive) or earlier: how the engine copes with alerting delay.
   */
  public Investigator withAlertShift(java.time.Duration shift) {
    return new Investigator(director, withheld, shift, window, baseline);
  }

  /**
   * Investigates the bundle folder.
   *
   * @param runbookText a runbook to run instead of the library's choice, or null
   * @throws dev.warroom.model.InvalidInputException when the bundle or runbook is malformed
   */
  public Investigation investigate(Path bundleDir, String runbookText) {
    if (!Files.isDirectory(bundleDir)) {
      throw new IllegalArgumentException(bundleDir + ": not a bundle folder");
    }
    DuckDbStore store = DuckDbStore.inMemory();
    long t0 = System.nanoTime();
    DataQuality[] quality = new DataQuality[1];
    try (TelemetrySource source = load(store, bundleDir, quality)) {
      long loadMillis = (System.nanoTime() - t0) / 1_000_000;
      BundleManifest m = store.manifest();
      String id =
          m.name().isBlank()
              ? String.valueOf(bundleDir.toAbsolutePath().normalize().getFileName())
              : m.name();
      dev.warroom.model.Alert alert = shifted(store.alert().orElse(null));
      Investigation inv =
          director.investigate(
              source,
              alert,
              window != null ? window : m.window(),
              baseline != null ? baseline : m.baseline(),
              id,
              runbookText);
      return new Investigation(
          inv.report().withDataQuality(quality[0], loadMillis), inv.runbookName(), inv.trace());
    }
  }

  private dev.warroom.model.Alert shifted(dev.warroom.model.Alert a) {
    if (a == null || alertShift.isZero()) {
      return a;
    }
    return new dev.warroom.model.Alert(
        a.fingerprint(),
        a.source(),
        a.status(),
        a.title(),
        a.signal(),
        a.service(),
        a.severity(),
        a.labels(),
        a.annotations(),
        a.startsAt().plus(alertShift),
        a.endsAt() == null ? null : a.endsAt().plus(alertShift));
  }

  /**
   * Loads the bundle leniently: malformed records, empty files and clocks far off are skipped and
   * counted (the report's data-quality section lists them); only an unreadable bundle throws.
   */
  private TelemetrySource load(DuckDbStore store, Path dir, DataQuality[] quality) {
    try {
      quality[0] = store.ingest(dir, (file, done, total) -> {}, false).quality();
      return WithheldTelemetrySource.of(new StoreTelemetrySource(store), withheld);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Investigates what a live store holds (a connector to the user's backends, or a composite of
   * them): nothing is loaded or copied; every read goes to the store, and a read that fails is
   * listed under the report's "Missing data" instead of ending the investigation. The store is not
   * closed.
   *
   * @param alert the alert that opened the incident (null: the whole window is examined)
   * @param window the incident window; null derives it from the alert and the store's data
   */
  public Investigation investigate(
      dev.warroom.store.TelemetryStore store,
      dev.warroom.model.Alert alert,
      dev.warroom.model.TimeWindow window,
      String incidentId,
      String runbookText) {
    TelemetrySource source = WithheldTelemetrySource.of(new StoreTelemetrySource(store), withheld);
    return director.investigate(
        source,
        shifted(alert),
        window != null ? window : this.window,
        baseline,
        incidentId,
        runbookText);
  }

  /** Investigates a bundle already in memory (tests, the gym), through the embedded store. */
  public Investigation investigate(IncidentBundle bundle, String incidentId, String runbookText) {
    DuckDbStore store = DuckDbStore.inMemory();
    try (TelemetrySource source = load(store, bundle)) {
      return director.investigate(
          source, bundle.alert(), bundle.manifest().window(), incidentId, runbookText);
    }
  }

  private TelemetrySource load(DuckDbStore store, IncidentBundle b) {
    try {
      store.ingest(b);
      return WithheldTelemetrySource.of(new StoreTelemetrySource(store), withheld);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }
}
