package dev.warroom.cli;

import dev.warroom.connectors.CompositeStore;
import dev.warroom.connectors.Connectors;
import dev.warroom.connectors.SourcesFile;
import dev.warroom.engine.director.Investigation;
import dev.warroom.engine.director.Investigator;
import dev.warroom.model.Alert;
import dev.warroom.model.InvalidInputException;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.bundle.AlertParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the commands that investigate live backends share: the sources, the alert, the run. */
final class LiveSources {
  private LiveSources() {}

  /** One store over every source of the file. */
  static CompositeStore open(Path sourcesFile) {
    return Connectors.open(SourcesFile.read(sourcesFile));
  }

  /**
   * The alert of a file in a form the server's webhooks take: an Alertmanager webhook body, a
   * PagerDuty webhook, or warroom's own alert JSON (a bundle's alert.json).
   */
  static Alert alert(Path file) {
    try {
      return AlertParser.parse(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the alert file (" + e + ")");
    }
  }

  /** The incident id of a live investigation: the alert's fingerprint, else "live". */
  static String incidentId(Alert alert) {
    String f = alert.fingerprint();
    return f == null || f.isBlank() ? "live" : "live-" + f;
  }

  /** Investigates {@code store} for {@code alert} with a fresh query budget per source. */
  static Investigation investigate(
      Investigator investigator,
      CompositeStore composite,
      TelemetryStore reading,
      Alert alert,
      String runbookText) {
    composite.startInvestigation();
    return investigator.investigate(reading, alert, null, incidentId(alert), runbookText);
  }
}
