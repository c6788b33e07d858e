package dev.warroom.gym;

import dev.warroom.model.Alert;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.RcaReport;
import dev.warroom.store.bundle.BundleWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One generated incident: its id, seed and scenario, the bundle (alert, telemetry, topology, code),
 * the ground truth, and the number of log lines each service wrote in the window. {@link
 * #reward(RcaReport)} scores an investigation of it; {@link #write(Path)} writes the bundle folder
 * with its {@code truth.json}.
 */
public record Episode(
    String id,
    long seed,
    Scenario scenario,
    IncidentBundle bundle,
    GroundTruth truth,
    Map<String, Integer> logLinesByService) {
  public Episode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(truth, "truth");
    logLinesByService = Map.copyOf(logLinesByService);
  }

  /** The alert that opened the incident. */
  public Alert alert() {
    return bundle.alert();
  }

  /** Scores a report against this episode's truth. */
  public Reward reward(RcaReport report) {
    return Reward.score(truth, report);
  }

  /** Writes the bundle folder and its truth.json. */
  public void write(Path dir) {
    IncidentBundle b = bundle;
    BundleWriter.write(
        new IncidentBundle(
            b.manifest(),
            b.alert(),
            List.of(),
            b.logs(),
            b.spans(),
            b.events(),
            b.topology(),
            b.code()),
        dir);
    WideCsv.write(b.metrics(), b.manifest().window().start().toEpochMilli(), dir);
    truth.write(dir);
  }
}
