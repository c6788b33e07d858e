package dev.warroom.cli;

import dev.warroom.engine.agents.WithheldTelemetrySource;
import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.ModelDirectory;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that investigate ({@code investigate}, {@code gym eval}): which
 * kinds of data to withhold and which model to rank with.
 */
final class DataOptions {
  @Option(
      names = "--withhold",
      paramLabel = "KINDS",
      description =
          "Investigate as if the bundle lacked these kinds of data, comma-separated: metrics,"
              + " logs, traces, events, code, db (e.g. 'metrics,traces,events' for logs only, or"
              + " a source known to be broken).")
  String withhold;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "Rank with this model (written by 'warroom gym train' or 'warroom learn') instead of"
              + " the model directory's active version (else the shipped one).")
  Path model;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "Model directory whose active version ranks (default: $WARROOM_MODELS or"
              + " ~/.warroom/models; see 'warroom model list').")
  Path models;

  @Option(
      names = "--window",
      paramLabel = "FROM..TO",
      description =
          "The incident window, ISO-8601 instants (e.g."
              + " 2024-03-01T10:00:00Z..2024-03-01T10:30:00Z); overrides the manifest's and the"
              + " one estimated from the data.")
  String window;

  @Option(
      names = "--baseline",
      paramLabel = "FROM..TO",
      description =
          "The window that defines normal for every kind of data, ISO-8601 instants; overrides"
              + " the manifest's and the one chosen from the data.")
  String baseline;

  /** The declared incident window, or null. */
  dev.warroom.model.TimeWindow window() {
    return parseWindow("--window", window);
  }

  /** The declared baseline, or null. */
  dev.warroom.model.TimeWindow baseline() {
    return parseWindow("--baseline", baseline);
  }

  static dev.warroom.model.TimeWindow parseWindow(String option, String text) {
    if (text == null) {
      return null;
    }
    int dots = text.indexOf("..");
    if (dots < 0) {
      throw new IllegalArgumentException(option + ": expected FROM..TO, got '" + text + "'");
    }
    try {
      java.time.Instant from = java.time.Instant.parse(text.substring(0, dots).trim());
      java.time.Instant to = java.time.Instant.parse(text.substring(dots + 2).trim());
      if (!to.isAfter(from)) {
        throw new IllegalArgumentException(option + ": TO must be after FROM in '" + text + "'");
      }
      return new dev.warroom.model.TimeWindow(from, to);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + ": not an ISO-8601 instant in '" + text + "' (e.g. 2024-03-01T10:00:00Z)");
    }
  }

  /** The kinds to withhold; none when the option is absent. */
  Set<WithheldTelemetrySource.Kind> withheld() {
    return WithheldTelemetrySource.Kind.parseList(withhold);
  }

  /** {@code director} with the chosen model, if any. */
  Director apply(Director director) {
    if (model != null) {
      return director.withModelFile(model);
    }
    try {
      return (models == null ? ModelDirectory.defaultLocation() : ModelDirectory.at(models))
          .apply(director);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading the model directory: " + e.getMessage(), e);
    }
  }
}
