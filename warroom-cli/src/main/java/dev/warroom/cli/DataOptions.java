package dev.warroom.cli;

import dev.warroom.engine.agents.WithheldTelemetrySource;
import dev.warroom.engine.director.Director;
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
          "Rank with this model (written by 'warroom gym train') instead of the shipped one.")
  Path model;

  /** The kinds to withhold; none when the option is absent. */
  Set<WithheldTelemetrySource.Kind> withheld() {
    return WithheldTelemetrySource.Kind.parseList(withhold);
  }

  /** {@code director} with the chosen model, if any. */
  Director apply(Director director) {
    return model == null ? director : director.withModelFile(model);
  }
}
